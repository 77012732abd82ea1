"""Production settings for gunicorn tests whose other web sites run on 127.0.0.1."""

from portal.settings_production import *  # noqa: F403

# The test's fake image hosts listen on the loopback address, refused otherwise.
REMOTE_IMAGES_ALLOW_PRIVATE = True
