"""Request ids for the logs, browser policies, methods and composed form input."""

import re
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpResponseNotAllowed

from publishing import methods
from publishing.text import clean

request_id = ContextVar("request_id", default="-")
_GOOD_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")

# Public pages run no inline script or style at all.
PUBLIC_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Only under DEBUG, and only on error responses: Django's debug pages (the yellow
# 404 and 500 pages, the CSRF failure page) carry their styles and scripts inline.
DEBUG_ERROR_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# The admin's rich-text editor sets styles and previews images from blob: URLs.
ADMIN_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
# Browser features the portal, admin included, never uses are off for it and for
# anything it might embed; interest-cohort and browsing-topics keep its readers out
# of ad profiling. The "Chia sẻ" button shares with navigator.share, or copies the
# link where that is missing (desktop Chromium on Linux has no Web Share, and warns
# that it does not know web-share: harmless).
PERMISSIONS_POLICY = ", ".join(
    [
        "accelerometer=()",
        "autoplay=()",
        "browsing-topics=()",
        "camera=()",
        "clipboard-read=()",
        "clipboard-write=(self)",
        "display-capture=()",
        "encrypted-media=()",
        "fullscreen=()",
        "geolocation=()",
        "gyroscope=()",
        "hid=()",
        "idle-detection=()",
        "interest-cohort=()",
        "magnetometer=()",
        "microphone=()",
        "midi=()",
        "payment=()",
        "picture-in-picture=()",
        "publickey-credentials-get=()",
        "screen-wake-lock=()",
        "serial=()",
        "usb=()",
        "web-share=(self)",
        "xr-spatial-tracking=()",
    ]
)


class RequestIdMiddleware:
    """Give each request an id (the proxy's X-Request-ID if sane) for its logs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        rid = incoming if _GOOD_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = request_id.set(rid)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = rid
        return response


class BrowserPolicyMiddleware:
    """Add the Content-Security-Policy and the Permissions-Policy to every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = f"/{settings.ADMIN_PATH}"

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code >= 400:
            policy = DEBUG_ERROR_POLICY
        elif request.path.startswith(self.admin_prefix):
            policy = ADMIN_POLICY
        else:
            policy = PUBLIC_POLICY
        response.setdefault("Content-Security-Policy", policy)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class MethodMiddleware:
    """Answer 405, with Allow, a method the view does not take (publishing.methods).

    Before the CSRF check, which would answer a PUT or a DELETE with 403 and a
    page about a missing token, and before anything reads the request's body.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        allowed = methods.allowed(view)
        if allowed is not None and request.method not in allowed:
            return HttpResponseNotAllowed(allowed)
        return None


class RequestIdFilter:
    """A logging filter that puts the current request id on every record."""

    def filter(self, record):
        record.request_id = request_id.get()
        return True


class CleanInputMiddleware:
    """Read what is typed into a form clean, as it will be stored.

    Rows are stored clean (publishing.models.store_clean_text: NFC, no control
    characters); cleaning the form input as well means validation sees the text
    that will be stored, so a name typed in decomposed form that duplicates a
    stored one is refused with the form's message, not by the database, and a NUL
    pasted into a title is dropped rather than refused. Passwords are left as
    typed: they are compared with what was hashed, however it was written.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.POST:
            cleaned = request.POST.copy()
            for key, values in cleaned.lists():
                if "password" not in key:
                    cleaned.setlist(key, [clean(value) for value in values])
            request.POST = cleaned
        return self.get_response(request)
