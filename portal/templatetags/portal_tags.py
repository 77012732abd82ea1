from django import template
from django.urls import reverse

from news.models import Category
from pages.models import Page

from .. import page_cache

register = template.Library()


def site_menu():
    """Return the categories and the published standing pages, shared by every page."""
    return page_cache.kept(
        "site-menu",
        lambda: (
            list(Category.objects.only("name", "slug")),
            list(Page.objects.published().only("title", "slug")),
        ),
    )


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    """Render the main navigation: every section of the site, the current one marked."""
    request = context.get("request")
    path = request.path if request else ""
    categories, standing = site_menu()
    exact = [(reverse("home"), "Trang chủ")]
    exact += [(category.get_absolute_url(), category.name) for category in categories]
    sections = [
        (reverse("campaigns:list"), "Chiến dịch"),
        (reverse("campaigns:documents"), "Văn bản"),
    ]
    pages = [(page.get_absolute_url(), page.title) for page in standing]
    current = next((url for url, _ in exact + pages if url == path), "")
    current = current or next((url for url, _ in sections if path.startswith(url)), "")
    return {"links": exact + sections + pages, "current": current}


@register.simple_tag
def standing_pages():
    """Return the published standing pages ("Giới thiệu"), for the footer."""
    return site_menu()[1]
