"""Settings for development and tests; production overrides them in settings_production.

Every value an operator may change comes from the environment
(see deploy/portal.env.example).
"""

import datetime
import hashlib
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    """Return an environment variable, treating an empty value as unset."""
    value = os.environ.get(name, "").strip()
    return value or default


def env_bool(name, default=False):
    """Return an environment variable read as a yes/no flag."""
    value = env(name)
    if not value:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name, default=()):
    """Return a comma-separated environment variable as a list."""
    value = env(name)
    if not value:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


# Production reads the key from the environment and refuses to start without one;
# this fixed key only ever signs data on a developer's machine.
SECRET_KEY = env("DJANGO_SECRET_KEY", "django-insecure-local-development-only")
DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
PORTAL_ENVIRONMENT = "development"

INSTALLED_APPS = [
    # Django's admin on the portal's site, which asks staff for a second factor.
    "two_factor.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_ckeditor_5",
    "simple_history",
    "import_export",
    # django-axes, its records named in Vietnamese.
    "two_factor.apps.AxesConfig",
    "django_otp",
    "two_factor.apps.TOTPConfig",
    "two_factor.apps.StaticConfig",
    # The foundation, the content apps, the site's own services, the project.
    "publishing",
    "news",
    "campaigns",
    "polls",
    "pages",
    "search",
    "weather",
    # After django-otp's apps: its admin replaces their device admins.
    "two_factor",
    "demo",
    "portal",
]

MIDDLEWARE = [
    "portal.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.BrowserPolicyMiddleware",
    "portal.page_cache.PageCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Inside the page cache, which keeps the Cache-Control decided here with the
    # page; inside WhiteNoise, whose static files say their own; outside the rest,
    # so that it sees every cookie they set.
    "portal.page_cache.CacheControlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check: a method the view does not take is 405, not 403.
    "portal.middleware.MethodMiddleware",
    # Before anything reads the form: validation sees text as it will be stored.
    "portal.middleware.CleanInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "two_factor.policy.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

# A refused form (a page left open past its session) gets a Vietnamese page.
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

# Admin sign-in lockout (django-axes): after AXES_FAILURE_LIMIT wrong passwords for
# one user name from one address, that pair waits AXES_COOLOFF_TIME. Keyed on both,
# so one person's typos behind the office proxy do not lock out the newsroom.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The same address the poll uses: REMOTE_ADDR or the trusted proxies' entry.
AXES_CLIENT_IP_CALLABLE = "publishing.addresses.client_address"
AXES_LOCKOUT_TEMPLATE = "portal/locked_out.html"
# Never keep a typed code (a backup code is as good as a password) in the attempt log.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token"]

# Two-factor sign-in for staff (the two_factor app): the admin asks for a code from
# an authenticator app (TOTP) or a one-time backup code after the password. Always on
# in production (settings_production refuses to start without); off by default on a
# developer's machine (DEBUG) so that the demo logins work with a password alone.
STAFF_TWO_FACTOR = env_bool("DJANGO_STAFF_TWO_FACTOR", not DEBUG)
# The name authenticator apps show next to the user name (ASCII: every app shows it).
OTP_TOTP_ISSUER = "Tuyen giao Hoang Mai"
# django-otp's own throttle is kept per device, so anyone with the password could
# keep its owner's right codes refused from anywhere. Wrong codes count towards
# the lockout instead, per user name and address (two_factor/devices.py).
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# Nobody, superusers included, may see a colleague's secret key or QR code again.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

ROOT_URLCONF = "portal.urls"
# Where the admin lives; another path than the well-known one stops casual probing.
ADMIN_PATH = env("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.office",
                "portal.context_processors.shared_fragments",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # The development server opens a thread per request: kept connections
        # would pile up until PostgreSQL refuses more. Production keeps them.
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
# Redis answers in well under a millisecond; one that takes longer than this is
# treated as down, and this process leaves it alone until a background check,
# every REDIS_PROBE_SECONDS, hears it again (portal/redis_cache.py): pages and
# votes keep their normal speed meanwhile.
REDIS_TIMEOUT = float(env("REDIS_TIMEOUT", "0.25"))
REDIS_PROBE_SECONDS = float(env("REDIS_PROBE_SECONDS", "1"))


def redis_cache(location, timeout=REDIS_TIMEOUT):
    """Return the settings of the shared Redis cache at location."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": location,
        "KEY_PREFIX": "hoangmai",
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": timeout,
            "SOCKET_TIMEOUT": timeout,
            "CONNECTION_POOL_CLASS": "portal.redis_cache.PausingConnectionPool",
            # Pages render from the database when Redis is down.
            "IGNORE_EXCEPTIONS": True,
        },
    }


if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
    # Not one traceback per cache call: portal.redis_cache logs each outage once.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
# Vietnamese for the libraries that ship none (import-export, simple-history…).
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates day first (dd/mm/yyyy), read and shown: Django's own vi formats read them
# month first (see portal/formats/vi/formats.py).
FORMAT_MODULE_PATH = ["publishing.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
# Django serves uploads only in development; in production the web server does.
SERVE_MEDIA = True
# manage.py backup (portal/backup.py): where archives go, and a shell command run
# after each one with the archive's path as $1 (copy it off the machine).
BACKUP_DIR = Path(env("BACKUP_DIR", str(BASE_DIR / "backups")))
BACKUP_COPY_COMMAND = env("BACKUP_COPY_COMMAND")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
# Development and tests serve static files straight from static/, no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
WHITENOISE_MAX_AGE = 3600

# One line per event: time, level, logger, request id, message.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.middleware.RequestIdFilter"}},
    "formatters": {
        "line": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "line",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
}

# E-mail to staff (the review loop: publishing/review.py). On a developer's machine
# messages are printed on the console of `make run`, readably (portal/console_mail.py);
# production sends through SMTP.
EMAIL_BACKEND = env("EMAIL_BACKEND", "portal.console_mail.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# A mail server that does not answer must not hold up the save that sends the mail.
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "khong-tra-loi@localhost")

# Shown in the footer of every page, as Decree 42/2022 asks of public portals.
PORTAL_OFFICE = {
    "name": "Ban Tuyên giáo Quận ủy Hoàng Mai",
    "governing_body": "Quận ủy Hoàng Mai, Thành phố Hà Nội",
    "responsible": env("PORTAL_RESPONSIBLE", "Trưởng Ban Tuyên giáo Quận ủy Hoàng Mai"),
    "address": env("PORTAL_ADDRESS", "Quận Hoàng Mai, Thành phố Hà Nội"),
    "phone": env("PORTAL_PHONE", "024 3645 0000"),
    "email": env("PORTAL_EMAIL", "bantuyengiao@hoangmai.hanoi.gov.vn"),
}

NEWS_PAGE_SIZE = 12
# A reader's views of one article count once in this many seconds ("Tin đọc nhiều").
VIEW_COUNT_SECONDS = int(env("VIEW_COUNT_SECONDS", "3600"))
# Anonymous pages are kept this long in the shared cache (and dropped at once when
# staff change what they show): a scheduled article shows within this delay.
# 0 turns the page cache off; it is off on a developer's machine, so that a
# template edit shows on the next reload (production turns it on).
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "0"))
# What every page shares (the navigation's categories, the side column, the home
# page's blocks) is kept this long under the same generation as the pages, so an
# uncached page is built mostly from the cache. 0 turns it off, as in development.
FRAGMENT_CACHE_SECONDS = int(env("FRAGMENT_CACHE_SECONDS", "0"))
# A cache in front of the portal (an nginx micro-cache) may keep an anonymous page
# this long; it cannot know of a publish, so keep it short.
SHARED_CACHE_SECONDS = int(env("SHARED_CACHE_SECONDS", "10"))
# A poll's page shows live counts: visitors who have not voted share it this long.
POLL_PAGE_CACHE_SECONDS = int(env("POLL_PAGE_CACHE_SECONDS", "5"))
# The poll's voter cookie: its pages are per voter for whoever carries it.
POLL_VOTER_COOKIE = "hm_binh_chon"
# Messages (the poll's confirmation) live in a cookie, so that public pages never
# touch the session and stay cacheable for everyone else.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

# Uploaded images: the checks every image passes (portal/uploads.py).
IMAGE_MAX_BYTES = 10 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_MAX_WIDTH = 1600
PDF_MAX_BYTES = 20 * 1024 * 1024
# A body pasted from Word may carry several images inline (base64 in data: URLs).
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
# Images pasted into a body from another host are copied into the portal's media.
# Hosts on private or loopback addresses are refused unless this is true (tests).
REMOTE_IMAGES_ALLOW_PRIVATE = False
# Seconds one image may take, and all the remote images of one save together: the
# save must answer well within gunicorn's timeout (30 s), or the edit is lost.
REMOTE_IMAGES_TIMEOUT = int(env("REMOTE_IMAGES_TIMEOUT", "5"))
REMOTE_IMAGES_TOTAL_SECONDS = int(env("REMOTE_IMAGES_TOTAL_SECONDS", "10"))

# Polls: at most this many votes per network address per poll and hour, through the
# shared cache; the address is REMOTE_ADDR, or the X-Forwarded-For entry added by the
# outermost of TRUSTED_PROXY_COUNT proxies in front of the portal.
POLL_VOTES_PER_ADDRESS_PER_HOUR = int(env("POLL_VOTES_PER_ADDRESS_PER_HOUR", "30"))
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
# Key of the HMAC of voters' addresses; defaults to one derived from SECRET_KEY.
POLL_ADDRESS_KEY = (
    env("POLL_ADDRESS_KEY")
    or hashlib.sha256(f"poll-address:{SECRET_KEY}".encode()).hexdigest()
)

# Weather: fetched by `manage.py refresh_weather` (cron), never by a page.
WEATHER_API_URL = env("WEATHER_API_URL", "https://api.open-meteo.com")
WEATHER_TIMEOUT = float(env("WEATHER_TIMEOUT", "5"))
# A reading older than this is shown as out of date.
WEATHER_MAX_AGE_MINUTES = int(env("WEATHER_MAX_AGE_MINUTES", "90"))

# Rich text: django-ckeditor-5, in Vietnamese, uploading through the portal's view.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "editor_image_upload"
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png", "gif", "webp"]
# The editing area styled as the public page shows the body (headings, lists, tables).
CKEDITOR_5_CUSTOM_CSS = "css/editor.css"
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "vi",
        # Read out with the editing area's name, "main" unless told.
        "label": "nội dung",
        "toolbar": {
            "items": [
                "heading", "|", "bold", "italic", "link", "|",
                "bulletedList", "numberedList", "blockQuote", "|",
                "insertTable", "uploadImage", "|", "undo", "redo",
            ],
            "shouldNotGroupWhenFull": True,
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Đoạn văn",
                 "class": "ck-heading_paragraph"},
            ] + [
                {"model": f"heading{n}", "view": f"h{n}", "title": f"Tiêu đề {n}",
                 "class": f"ck-heading_heading{n}"}
                for n in (2, 3, 4)
            ]
        },
        "image": {
            "toolbar": [
                "imageTextAlternative", "toggleImageCaption", "|",
                "imageStyle:inline", "imageStyle:block",
            ],
        },
        "table": {
            "contentToolbar": [
                "tableColumn", "tableRow", "mergeTableCells", "tableProperties",
            ],
        },
        "link": {"defaultProtocol": "https://"},
    }
}  # fmt: skip

# Import and export (django-import-export).
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Formulae are escaped by publishing.exports, which keeps the text, "=" included.
IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# History (django-simple-history): who changed what, and reverting.
SIMPLE_HISTORY_REVERT_DISABLED = False
# A reason names every change to an item's parts (choices, figures): no 100 chars cap.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
