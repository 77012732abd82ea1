"""Production settings: behind a TLS-terminating proxy, on PostgreSQL and Redis."""

import hashlib

from django.core.exceptions import ImproperlyConfigured

from .settings import *  # noqa: F403
from .settings import env, env_bool, env_list

PORTAL_ENVIRONMENT = "production"
DEBUG = False
SERVE_MEDIA = False

# Anonymous pages and what they share come from the cache (see portal/settings.py).
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "60"))
FRAGMENT_CACHE_SECONDS = int(env("FRAGMENT_CACHE_SECONDS", "60"))

# gunicorn's workers each keep their connection between requests.
DATABASES["default"]["CONN_MAX_AGE"] = int(env("DATABASE_CONN_MAX_AGE", "60"))  # noqa: F405

SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
POLL_ADDRESS_KEY = (
    env("POLL_ADDRESS_KEY")
    or hashlib.sha256(f"poll-address:{SECRET_KEY}".encode()).hexdigest()
)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set in production.")
# A per-process cache would break the poll's address limit (and, later, page
# invalidation) as soon as there are two workers.
if not REDIS_URL:  # noqa: F405
    raise ImproperlyConfigured("REDIS_URL must be set in production.")
# Staff sign in to the admin with a password and a second factor, always.
if not env_bool("DJANGO_STAFF_TWO_FACTOR", True):
    raise ImproperlyConfigured(
        "DJANGO_STAFF_TWO_FACTOR cannot be turned off in production: staff must "
        "sign in with a second factor."
    )
STAFF_TWO_FACTOR = True
# Copying a body's images must leave the save time to answer before gunicorn kills
# the worker, and the edit with it. gunicorn.conf.py reads the same variable.
GUNICORN_TIMEOUT = int(env("GUNICORN_TIMEOUT", "30"))
if REMOTE_IMAGES_TOTAL_SECONDS > GUNICORN_TIMEOUT / 2:  # noqa: F405
    raise ImproperlyConfigured(
        "REMOTE_IMAGES_TOTAL_SECONDS must be at most half of GUNICORN_TIMEOUT."
    )
CSRF_TRUSTED_ORIGINS = env_list(
    "DJANGO_CSRF_TRUSTED_ORIGINS", [f"https://{host}" for host in ALLOWED_HOSTS]
)

# Staff e-mail goes out through the office's mail server (EMAIL_HOST and the rest).
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

# The proxy terminates HTTPS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False
WHITENOISE_MAX_AGE = 31536000

# An import previewed on one app server can be confirmed on another: its file is
# kept in the shared media storage, not in one machine's /tmp.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.MediaStorage"
