import datetime

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from news.models import Category
from portal import page_cache
from portal.models import Page
from publishing import params

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


@register.simple_tag(takes_context=True)
def search_words(context):
    """Return the words searched for on this page (q), for the search box."""
    request = context.get("request")
    return params.get(request, "q")[:200] if request else ""


@register.inclusion_tag("portal/includes/weather.html")
def weather_widget():
    """Render "Thời tiết các vùng" from the stored readings; no network, ever."""
    from portal.models import Place
    from portal.weather import SKY

    oldest = timezone.now() - datetime.timedelta(
        minutes=settings.WEATHER_MAX_AGE_MINUTES
    )
    places = []
    for place in Place.objects.select_related("reading"):
        reading = getattr(place, "reading", None)
        places.append(
            {
                "name": place.name,
                "reading": reading,
                "sky": SKY.get(reading.weather_code, "") if reading else "",
                "stale": reading is not None and reading.observed_at < oldest,
            }
        )
    return {"places": places, "any": any(p["reading"] for p in places)}
