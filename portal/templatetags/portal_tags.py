import datetime

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.text import Truncator

from portal import params
from portal.frame import frame
from portal.links import link as _link
from portal.markup import html, html_join
from portal.text import format_vn_number

register = template.Library()


@register.simple_tag
def link(viewname, *args):
    """{% url %} for the links on every page, remembered (portal/links.py)."""
    return _link(viewname, *args)


@register.filter
def clip(value, length):
    """truncatechars, but text already short enough is returned untouched.

    truncatechars looks at every character (for combining accents) even when
    there is nothing to cut; a sapo on a page costs hundreds of calls that way.
    """
    value, length = str(value), int(length)
    if len(value) <= length:
        return value
    return Truncator(value).chars(length)


VN_DATETIME = "%d/%m/%Y | %H:%M"


@register.filter
def vn_datetime(value):
    """Format a moment as Hà Nội readers expect: "07/01/2022 | 17:58"."""
    if not value:
        return ""
    return timezone.localtime(value).strftime(VN_DATETIME)


@register.simple_tag(takes_context=True)
def search_words(context):
    """Return the words searched for on this page (q), for the search box."""
    request = context.get("request")
    if request is None or not request.META.get("QUERY_STRING"):
        return ""  # most pages: no query string to parse
    return clip(params.get(request, "q"), 200)


@register.filter
def iso(value):
    """Format a moment for a datetime attribute, in local time: date:'c', faster."""
    if not value:
        return ""
    return timezone.localtime(value).isoformat()


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


WEATHER_CREDIT = html(
    '<p class="weather__credit">Dữ liệu: <a href="{}" rel="noopener">Open-Meteo.com'
    '</a>, giấy phép <a href="{}" rel="noopener license">CC BY 4.0</a></p>',
    "https://open-meteo.com/",
    "https://creativecommons.org/licenses/by/4.0/deed.vi",
)


@register.simple_tag(takes_context=True)
def weather_widget(context):
    """Render "Thời tiết các vùng" from the stored readings; no network, ever."""
    from portal.weather import SKY

    oldest = timezone.now() - datetime.timedelta(
        minutes=settings.WEATHER_MAX_AGE_MINUTES
    )
    places = []
    readings = 0
    for name, temperature, humidity, code, wind, observed in frame(
        context.get("request")
    ).weather:
        if observed is None:
            places.append(
                html(
                    '<li class="weather__place"><span class="weather__name">{}</span> '
                    '<span class="weather__detail">Chưa có dữ liệu</span></li>',
                    name,
                )
            )
            continue
        stale = observed < oldest
        readings += 1
        observed = timezone.localtime(observed)
        places.append(
            html(
                '<li class="weather__place">\n'
                '      <span class="weather__name">{}</span>\n'
                '      <span class="weather__temp">{}°C</span>\n'
                '      <span class="weather__sky">{}</span>\n'
                '      <span class="weather__detail">Độ ẩm {}% · Gió {} km/h</span>\n'
                '      <span class="weather__time{}">{} <time datetime="{}">{}</time>'
                "</span>\n    </li>",
                name,
                vn_number(temperature),
                SKY.get(code, ""),
                humidity,
                vn_number(wind),
                " weather__time--stale" if stale else "",
                "Số liệu cũ, đo lúc" if stale else "Đo lúc",
                observed.isoformat(),
                observed.strftime(VN_DATETIME),
            )
        )
    if not readings:
        body = html('<p class="weather__empty">{}</p>', "Chưa có dữ liệu thời tiết")
    else:
        body = html(
            '<ul class="weather__list">\n    {}\n  </ul>\n  {}',
            html_join("", "{}", ((place,) for place in places)),
            WEATHER_CREDIT,
        )
    return html(
        '<section class="side-box weather" aria-labelledby="thoi-tiet">\n'
        '  <h2 id="thoi-tiet" class="side-box__title">Thời tiết các vùng</h2>\n'
        "  {}\n</section>",
        body,
    )
