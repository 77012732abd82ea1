"""Anonymous pages from the shared cache, invalidated when content changes.

A page is cached under the current "generation": saving or deleting anything that
pages show bumps the generation, so every cached page is then rebuilt on its next
request. Entries also expire after PAGE_CACHE_SECONDS, which is how a scheduled
article reaches cached pages within a minute of its time without any cron job.

Only what is the same for every visitor is cached: no request with a session or a
message, no response that sets a cookie or says it is private. A view may keep its
page for less time by setting `response.page_cache_seconds`. PAGE_CACHE_SECONDS = 0
turns the whole thing off.

A page is the address its view reads: the path and the query parameters the view
declares (publishing.params.reads), in one order. Any other parameter (a share
link's fbclid, a made-up x=) is answered from the same entry, so made-up
addresses cost a cache read, not a page and an entry each; a cache in front is
told not to keep such an answer, so it holds one copy per page too.

A page is kept as the client can take it: compressed for the clients that take
gzip, as the front does, plain for others. It is compressed here, once, when it
is stored: what is not kept for everyone (a staff member's page) leaves plain, and
the front compresses it on its way out.

A page is kept with its headers, so that a hit answers exactly as the miss that
stored it did (X-Frame-Options, Vary, Content-Language, Cache-Control, X-Robots-Tag
and the rest); the middleware outside this one (the request id, security headers,
the browser policies) add theirs to both alike.

The same rule, told in Cache-Control by CacheControlMiddleware, is what a cache in
front of the portal may keep.
"""

import hashlib
import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed, TooManyFieldsSent
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control

from publishing import params

from . import redis_cache

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache-generation"
# Set when a new generation could not be stored (portal.redis_cache paused).
_owed = False
# The shape of an entry is in its key: a deploy never reads an entry of the old one.
ENTRY_VERSION = 3
# Django's compression of a response (its process_response), for the pages kept.
_gzip = GZipMiddleware(lambda request: None)
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
    if _owed and not redis_cache.paused():
        invalidate()
    current = cache.get(GENERATION_KEY)
    if current is None:
        current = int(time.time() * 1000)
        cache.add(GENERATION_KEY, current, timeout=None)
    return current


def kept(name, build):
    """Return build(), kept FRAGMENT_CACHE_SECONDS under the current generation.

    For data every page shows (the navigation's categories): read once, shared
    by every page until something changes or the time runs out.
    """
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return build()
    key = f"kept:{name}:{generation()}"
    return cache.get_or_set(key, build, settings.FRAGMENT_CACHE_SECONDS)


def invalidate(**kwargs):
    """Start a new generation: every cached page is stale from now on.

    With Redis away the new generation cannot be stored, while pages cached
    before the outage may still be there when it comes back: this process owes
    a new generation, and starts it at its first page once Redis answers again.
    """
    global _owed
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, int(time.time() * 1000), timeout=None)
    except Exception as error:  # noqa: BLE001 - a cache outage must not stop a save
        logger.warning("page cache not invalidated: %s", error)
    _owed = redis_cache.paused()


def per_visitor(request):
    """Tell whether request gets a page of its own: staff, a message, a voter's poll.

    A session is staff's; a message waits in its cookie; poll pages differ for a
    voter, whose cookie is on every request.
    """
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or CookieStorage.cookie_name in cookies
        or (
            settings.POLL_VOTER_COOKIE in cookies
            and request.path.startswith("/binh-chon/")
        )
    )


def cacheable(request):
    """Tell whether request may be answered with the page every visitor gets."""
    skipped = (*SKIPPED_PREFIXES, f"/{settings.ADMIN_PATH}")
    return (
        request.method in {"GET", "HEAD"}
        and not request.path.startswith(skipped)
        and not per_visitor(request)
    )


def storable(response, statuses=(200,)):
    """Tell whether response, to a cacheable request, may be kept for others.

    Our cache keeps pages; a cache in front also keeps the answers that replace
    a page it holds (SHARED_STATUSES).
    """
    control = response.get("Cache-Control", "")
    return (
        response.status_code in statuses
        and not response.streaming
        and not response.cookies
        and "private" not in control
        and "no-store" not in control
        and "Cookie" not in response.get("Vary", "")
    )


def page_address(request):
    """Return (the path and query of the page request asks for, whether it is clean).

    The query keeps the parameters the view reads, sorted; the address is clean
    when the request holds no other.
    """
    try:
        names = params.declared(resolve(request.path_info).func)
    except Resolver404:
        names = frozenset()
    try:
        query = request.GET
        kept = [
            (name, value) for name in sorted(names) for value in query.getlist(name)
        ]
        clean = set(query) <= names
    except TooManyFieldsSent:
        kept, clean = [], False
    return request.path + (f"?{urlencode(kept)}" if kept else ""), clean


class PageCacheMiddleware:
    def __init__(self, get_response):
        if settings.PAGE_CACHE_SECONDS <= 0:
            raise MiddlewareNotUsed("page cache off")
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable(request):
            return self.get_response(request)
        address, clean = page_address(request)
        key = self._key(request, address)
        stored = cache.get(key) if key else None
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Cache"] = "HIT"
        else:
            response = self.get_response(request)
            if key and storable(response):
                response = _gzip.process_response(request, response)
                self._store(key, response)
                response["X-Cache"] = "MISS"
        if not clean and "s-maxage" in response.get("Cache-Control", ""):
            # The page of the clean address, which a cache in front keeps.
            patch_cache_control(response, s_maxage=0, stale_while_revalidate=0)
        return response

    def _store(self, key, response):
        seconds = getattr(response, "page_cache_seconds", settings.PAGE_CACHE_SECONDS)
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

    def _key(self, request, address):
        encoding = request.META.get("HTTP_ACCEPT_ENCODING", "")
        try:
            gzip = "gzip" if re_accepts_gzip.search(encoding) else "plain"
            url = f"{request.scheme}://{request.get_host()}{address} {gzip}"
            # Hashed: a long search query makes a long URL, and keys stay short.
            digest = hashlib.sha256(url.encode()).hexdigest()
            return f"page:{ENTRY_VERSION}:{generation()}:{digest}"
        except Exception as error:  # noqa: BLE001 - serve without the cache
            logger.warning("page cache unavailable: %s", error)
            return None


# A withdrawn article's 404, a moved page's redirect: the same for every visitor,
# and what must replace the page a cache in front still holds (nginx keeps serving
# its expired copy while the answer that would replace it may not be kept). Our own
# cache forgets pages by generation instead, and keeps no made-up address's 404.
SHARED_STATUSES = (200, 301, 308, 404, 410)
# The last second of a page's shared lifetime: a cache in front may still answer
# with its copy while one request fetches the new one, so that the readers of a
# page that has just expired do not all wait for the app servers at once.
REFRESH_SECONDS = 1


def shared_lifetime():
    """Return the Cache-Control a cache in front is told for a page everyone gets.

    A copy is fresh for SHARED_CACHE_SECONDS less the refresh second, then served
    for that second only while it is being refreshed (stale-while-revalidate):
    nothing older than SHARED_CACHE_SECONDS is served while an app server answers.
    """
    lifetime = settings.SHARED_CACHE_SECONDS
    refresh = REFRESH_SECONDS if lifetime > REFRESH_SECONDS else 0
    rules = {"public": True, "max_age": 0, "s_maxage": lifetime - refresh}
    if refresh:
        rules["stale_while_revalidate"] = refresh
    return rules


class CacheControlMiddleware:
    """Tell a shared cache in front of the portal (nginx) what it may keep.

    The rule is the page cache's own: what it would keep for everyone, a shared
    cache may keep for SHARED_CACHE_SECONDS (shared_lifetime(); browsers check
    again each time); anything else is this visitor's alone. A view's own
    Cache-Control stays, made private when the request or the response is one
    visitor's.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response:
            if cacheable(request) and storable(response, SHARED_STATUSES):
                patch_cache_control(response, **shared_lifetime())
            else:
                patch_cache_control(response, private=True, no_cache=True)
        elif per_visitor(request) or response.cookies:
            patch_cache_control(response, private=True)
        return response
