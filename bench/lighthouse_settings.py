"""Production settings for bench/lighthouse.py, with no proxy in front.

Django serves the demo's images, as nginx does in production, and answers plain
HTTP on 127.0.0.1: Lighthouse fetches robots.txt without the proxy's headers.
"""

from portal.settings_production import *  # noqa: F403

SERVE_MEDIA = True
SECURE_SSL_REDIRECT = False
