from django import template
from django.urls import reverse

from news.models import Category
from pages.models import Page

from .. import page_cache

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context):
    """Return this page's absolute address: its path and the parameters it reads.

    Not the address asked for: a made-up parameter (fbclid, x=…) must not reach
    the canonical link of the page every reader is then served from the cache.
    """
    request = context["request"]
    return request.build_absolute_uri(page_cache.page_address(request)[0])


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
    """Render the main navigation: every section of the site, the current one marked.

    The current section is the home page on "/", else the one whose address starts
    the page's: a category for its articles, "Chiến dịch" for a report.
    """
    request = context.get("request")
    path = request.path if request else ""
    categories, standing = site_menu()
    home = reverse("home")
    links = [(home, "Trang chủ")]
    links += [(category.get_absolute_url(), category.name) for category in categories]
    links += [
        (reverse("campaigns:list"), "Chiến dịch"),
        (reverse("campaigns:documents"), "Văn bản"),
    ]
    links += [(page.get_absolute_url(), page.title) for page in standing]
    if path == home:
        current = links[0]
    else:
        current = next((link for link in links[1:] if path.startswith(link[0])), None)
    # aria-current: "page" on the section's own page, "true" on a page inside it.
    marks = {current[0]: "page" if current[0] == path else "true"} if current else {}
    return {
        "links": [(url, name, marks.get(url, "")) for url, name in links],
        "current_name": current[1] if current else "",
    }


@register.simple_tag
def standing_pages():
    """Return the published standing pages ("Giới thiệu"), for the footer."""
    return site_menu()[1]
