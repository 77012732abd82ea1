import datetime

from django import template
from django.conf import settings
from django.utils import timezone

from portal.links import link as _link
from portal.rawsql import Select, fields
from portal.text import format_vn_number

register = template.Library()


@register.simple_tag
def link(viewname, *args):
    """{% url %} for the links on every page, remembered (portal/links.py)."""
    return _link(viewname, *args)


@register.filter
def vn_datetime(value):
    """Format a moment as Hà Nội readers expect: "07/01/2022 | 17:58"."""
    if not value:
        return ""
    return timezone.localtime(value).strftime("%d/%m/%Y | %H:%M")


@register.filter
def vn_date(value):
    """Format a moment as a Hà Nội date: "07/01/2022"."""
    if not value:
        return ""
    return timezone.localtime(value).strftime("%d/%m/%Y")


@register.simple_tag
def page_numbers(page_obj):
    """Return the page numbers to link to, with … where the range is elided."""
    return page_obj.paginator.get_elided_page_range(
        page_obj.number, on_each_side=2, on_ends=1
    )


@register.simple_tag(takes_context=True)
def absolute_uri(context, url):
    """Return url made absolute against the current request."""
    return context["request"].build_absolute_uri(url)


@register.filter
def vn_number(value, decimals=None):
    """Format a figure the Vietnamese way: 292145 -> "292.145", 99.47 -> "99,47".

    Only for figures: years and codes are shown as they are, never grouped.
    """
    if value is None or value == "":
        return ""
    return format_vn_number(value, None if decimals in (None, "") else int(decimals))


def _readings():
    from portal.models import Place, WeatherReading

    return Select(
        'SELECT p."name", r."temperature", r."humidity", r."weather_code", '
        'r."wind_speed", r."observed_at" FROM "portal_place" p '
        'LEFT JOIN "portal_weatherreading" r ON r."place_id" = p."id" '
        'ORDER BY p."order", p."id"',
        fields(Place, "name")
        + fields(
            WeatherReading,
            "temperature",
            "humidity",
            "weather_code",
            "wind_speed",
            "observed_at",
        ),
    )


@register.inclusion_tag("portal/includes/weather_widget.html")
def weather_widget():
    """Render "Thời tiết các vùng" from the stored readings; no network, ever."""
    from portal.weather import SKY

    global READINGS
    if READINGS is None:
        READINGS = _readings()
    oldest = timezone.now() - datetime.timedelta(
        minutes=settings.WEATHER_MAX_AGE_MINUTES
    )
    places = []
    for name, temperature, humidity, code, wind, observed in READINGS.rows():
        reading = None
        if observed is not None:
            reading = {
                "temperature": temperature,
                "humidity": humidity,
                "weather_code": code,
                "wind_speed": wind,
                "observed_at": observed,
            }
        places.append(
            {
                "name": name,
                "reading": reading,
                "sky": SKY.get(code, "") if reading else "",
                "stale": bool(reading) and observed < oldest,
            }
        )
    return {"places": places, "any": any(p["reading"] for p in places)}


READINGS = None
