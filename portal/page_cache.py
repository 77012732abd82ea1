"""Anonymous pages from the shared cache, invalidated when content changes.

A page is cached under the current "generation": saving or deleting anything that
pages show bumps the generation, so every cached page is then rebuilt on its next
request. Entries also expire after PAGE_CACHE_SECONDS, which is how a scheduled
article reaches cached pages within a minute of its time without any cron job.

Only what is the same for every visitor is cached: no request with a session or a
message, no response that sets a cookie or says it is private. A view may keep its
page for less time by setting `response.page_cache_seconds`. PAGE_CACHE_SECONDS = 0
turns the whole thing off.

A page is kept with its headers, so that a hit answers exactly as the miss that
stored it did (X-Frame-Options, Vary, Content-Language, Cache-Control, X-Robots-Tag
and the rest); the middleware outside this one (the request id, security headers,
the Content-Security-Policy) add theirs to both alike.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache-generation"
# The shape of an entry is in its key: a deploy never reads an entry of the old one.
ENTRY_VERSION = 2
# Headers of one response only: never stored, so never replayed.
PER_RESPONSE = {"x-request-id", "x-cache", "set-cookie"}
# Paths that are per visitor, for staff, or not pages at all.
SKIPPED_PREFIXES = (
    "/xem-truoc/",
    "/tai-anh-bien-tap/",
    "/tin-tuc/luot-xem/",
    "/media/",
    "/static/",
    "/healthz",
    "/readyz",
)


def generation():
    """Return the current generation, starting one if the cache has none."""
    current = cache.get(GENERATION_KEY)
    if current is None:
        current = int(time.time() * 1000)
        cache.add(GENERATION_KEY, current, timeout=None)
    return current


def invalidate(**kwargs):
    """Start a new generation: every cached page is stale from now on."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, int(time.time() * 1000), timeout=None)
    except Exception as error:  # noqa: BLE001 - a cache outage must not stop a save
        logger.warning("page cache not invalidated: %s", error)


class PageCacheMiddleware:
    def __init__(self, get_response):
        if settings.PAGE_CACHE_SECONDS <= 0:
            raise MiddlewareNotUsed("page cache off")
        self.get_response = get_response
        self.skipped = (*SKIPPED_PREFIXES, f"/{settings.ADMIN_PATH}")
        # Poll pages differ for a voter, whose cookie is on every request.
        self.per_voter = ("/binh-chon/", settings.POLL_VOTER_COOKIE)

    def __call__(self, request):
        if not self._cacheable(request):
            return self.get_response(request)
        key = self._key(request)
        stored = cache.get(key) if key else None
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Cache"] = "HIT"
            return response
        response = self.get_response(request)
        if key and self._storable(response):
            seconds = getattr(
                response, "page_cache_seconds", settings.PAGE_CACHE_SECONDS
            )
            headers = {
                name: value
                for name, value in response.items()
                if name.lower() not in PER_RESPONSE
            }
            cache.set(
                key,
                (response.status_code, headers, response.content),
                min(seconds, settings.PAGE_CACHE_SECONDS),
            )
            response["X-Cache"] = "MISS"
        return response

    def _cacheable(self, request):
        if request.method not in {"GET", "HEAD"} or request.path.startswith(
            self.skipped
        ):
            return False
        # A visitor with a session (staff) or a message waiting sees a fresh page.
        cookies = request.COOKIES
        prefix, voter_cookie = self.per_voter
        return not (
            settings.SESSION_COOKIE_NAME in cookies
            or CookieStorage.cookie_name in cookies
            or (voter_cookie in cookies and request.path.startswith(prefix))
        )

    def _key(self, request):
        try:
            url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
            # Hashed: a long search query makes a long URL, and keys stay short.
            digest = hashlib.sha256(url.encode()).hexdigest()
            return f"page:{ENTRY_VERSION}:{generation()}:{digest}"
        except Exception as error:  # noqa: BLE001 - serve without the cache
            logger.warning("page cache unavailable: %s", error)
            return None

    def _storable(self, response):
        control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in control
            and "no-store" not in control
            and "Cookie" not in response.get("Vary", "")
        )
