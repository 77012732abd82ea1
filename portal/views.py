import logging
import sys

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.db import InterfaceError, OperationalError
from django.http import (
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.views.static import serve as static_serve

from campaigns.models import Document
from publishing import params
from publishing.methods import posted, safe
from publishing.uploads import ImageRejected, clean_image, store_image

from .sitemaps import SITEMAPS

logger = logging.getLogger(__name__)


@safe
def home(request):
    """Show the home page: the featured articles and the latest of every category."""
    return render(request, "portal/home.html")


@safe
def site_map(request):
    """Show readers the map of the site: what sitemap.xml lists, by section.

    Each list starts from the sitemap's own items, so both show the same rows;
    the articles and reports, too many to list, are reached through their
    sections and campaigns.
    """

    def items(section, *shown):
        return SITEMAPS[section]().items().only("slug", *shown)

    return render(
        request,
        "portal/site_map.html",
        {
            "categories": items("categories", "name"),
            "campaigns": items("campaigns", "name", "period"),
            "documents": items(
                "documents", "kind", "number", "issued_on", "summary"
            ).order_by(*Document._meta.ordering),
            "polls": items("polls", "question", "opens_at", "closes_at"),
            "pages": items("pages", "title"),
        },
    )


@safe
@params.reads("p")
def sitemap(request):
    """Serve one sitemap, or an index of sections once one exceeds 50,000 URLs.

    Kept by the page cache like any page, so a publish shows in it at once.
    """
    sections = {name: cls() for name, cls in SITEMAPS.items()}
    if any(section.paginator.num_pages > 1 for section in sections.values()):
        return sitemap_views.index(
            request, sections, sitemap_url_name="sitemap_section"
        )
    return sitemap_views.sitemap(request, sections)


@safe
@params.reads("p")
def sitemap_section(request, section):
    """Serve one section of the sitemap index."""
    return sitemap_views.sitemap(request, SITEMAPS, section=section)


@safe
def robots_txt(request):
    """Tell crawlers what to skip and where the sitemap is."""
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_PATH}",
        "Disallow: /tim-kiem/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@safe
def media(request, path):
    """Serve an uploaded file on a developer's machine; nginx does it in production."""
    return static_serve(request, path, document_root=settings.MEDIA_ROOT)


@posted
def editor_image_upload(request):
    """Take an image uploaded from the editor, checked and cleaned like any upload."""
    if not (request.user.is_active and request.user.is_staff):
        return _upload_error("Chỉ cán bộ đã đăng nhập mới được tải ảnh lên.", 403)
    upload = request.FILES.get("upload")
    if upload is None:
        return _upload_error("Chưa chọn tệp ảnh.")
    try:
        url = store_image(clean_image(upload, upload.name), "editor")
    except ImageRejected as error:
        return _upload_error(str(error))
    return JsonResponse({"url": url})


def _upload_error(message, status=400):
    return JsonResponse({"error": {"message": message}}, status=status)


@safe
def favicon(request):
    """Point browsers that ask for /favicon.ico at the portal's icon."""
    return redirect(static("img/favicon.png"), permanent=True)


@safe
def healthz(request):
    """Answer that the process is alive, touching nothing else."""
    return HttpResponse("ok", content_type="text/plain")


@safe
def readyz(request):
    """Answer 200 when the database answers; report the cache, which may be down."""
    from django.core.cache import cache
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except DatabaseError as error:
        logger.error("readyz: database unreachable: %s", error)
        database = "unreachable"
    try:
        cache.set("readyz", "ok", 10)
        cache_state = "ok" if cache.get("readyz") == "ok" else "unavailable"
    except Exception as error:  # noqa: BLE001 - any cache failure is only reported
        logger.warning("readyz: cache unavailable: %s", error)
        cache_state = "unavailable"
    status = 200 if database == "ok" else 503
    response = JsonResponse({"database": database, "cache": cache_state}, status=status)
    response["Cache-Control"] = "no-store"
    return response


# Seconds a reader is asked to wait when the database cannot be reached: about
# as long as PostgreSQL takes to restart.
RETRY_AFTER_SECONDS = 30


def server_error(request):
    """Answer an error no view handled: 503 while the database is away, else 500.

    Django calls it (handler500) in the except block that caught the exception,
    from a view or a middleware alike, so it is still the current one; under
    WSGI (gunicorn), that is: an ASGI server would call it in another thread.

    A lost or refused database connection is an outage that passes, not a fault
    of the page: 503 with Retry-After says so to browsers and to the front, and
    the page tells a voter that nothing was recorded (a vote is one transaction,
    rolled back whole).
    """
    if isinstance(sys.exception(), OperationalError | InterfaceError):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))


def permission_denied(request, exception=None):
    """Answer a page the visitor may not open (handler403), in Vietnamese.

    Staff get it in the admin's look, readers in the portal's. Where the refusal
    says why (the workflow's "Chỉ người duyệt bài mới được…", a save that met
    someone else's), staff read that instead of the general words.
    """
    return _forbidden(request, csrf_failure=False, reason=str(exception or ""))


def csrf_failure(request, reason=""):
    """Answer a form whose CSRF token was refused (CSRF_FAILURE_VIEW).

    Almost always a page left open past its session, or opened before signing in
    again: the page says to reload it or sign in again.
    """
    return _forbidden(request, csrf_failure=True)


def _forbidden(request, csrf_failure, reason=""):
    context = {"csrf_failure": csrf_failure, "reason": reason}
    if request.path.startswith(f"/{settings.ADMIN_PATH}"):
        template = "admin/403.html"
        context.update(admin.site.each_context(request))
    else:
        template = "403.html"
    return HttpResponseForbidden(loader.render_to_string(template, context, request))
