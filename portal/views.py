from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET
from django.views.static import serve as static_serve

from .models import Page
from .sitemaps import SITEMAPS


def home(request):
    """Show the home page; its blocks are inclusion tags of the apps."""
    return render(request, "portal/home.html")


def page_detail(request, slug):
    """Show a standing page such as "Giới thiệu"."""
    page = get_object_or_404(Page, slug=slug)
    return render(request, "portal/page_detail.html", {"page": page})


# Building a sitemap of every article takes most of a second at 10,000 articles,
# so crawlers get a copy at most ten minutes old.
SITEMAP_CACHE_SECONDS = 600


@require_GET
@cache_page(SITEMAP_CACHE_SECONDS)
def sitemap(request):
    """Serve one sitemap, or an index of sections once one exceeds 50,000 URLs."""
    sections = {name: cls() for name, cls in SITEMAPS.items()}
    if any(section.paginator.num_pages > 1 for section in sections.values()):
        return sitemap_views.index(
            request, sections, sitemap_url_name="sitemap_section"
        )
    return sitemap_views.sitemap(request, sections)


@require_GET
@cache_page(SITEMAP_CACHE_SECONDS)
def sitemap_section(request, section):
    """Serve one section of the sitemap index."""
    return sitemap_views.sitemap(request, SITEMAPS, section=section)


@require_GET
def robots_txt(request):
    """Tell crawlers what to skip and where the sitemap is."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /tim-kiem/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def media(request, path):
    """Serve an uploaded file on a developer's machine; nginx does it in production."""
    return static_serve(request, path, document_root=settings.MEDIA_ROOT)


def healthz(request):
    """Answer that the process is alive, touching nothing else."""
    return HttpResponse("ok", content_type="text/plain")
