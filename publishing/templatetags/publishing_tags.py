from django import template
from django.utils import timezone

from ..images import LAYOUTS, narrowest, srcset
from ..review import name_of
from ..text import format_vn_number

register = template.Library()

VN_DATETIME = "%d/%m/%Y | %H:%M"


@register.filter
def vn_datetime(value):
    """Format a moment as Hà Nội readers expect: "07/01/2022 | 17:58"."""
    if not value:
        return ""
    return timezone.localtime(value).strftime(VN_DATETIME)


@register.filter
def staff_name(user):
    """Name a staff member as the e-mails do: full name, else user name."""
    return name_of(user) if user else ""


@register.filter
def machine_datetime(value):
    """Format a moment for datetime attributes and meta tags, to the second.

    "2026-11-27T13:29:08+07:00": what "Xuất bản ngay" stores carries
    microseconds, and HTML takes at most three digits of a fraction. The stored
    moment is left as it is; only what the page shows machines is rounded down.
    """
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


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


@register.inclusion_tag("publishing/includes/cover_image.html")
def cover_image(item, layout, priority=False):
    """Render item's cover as layout ("card", "featured", "cover") shows it.

    The browser takes the rendition that fits the box on its screen. priority
    marks the page's largest picture, fetched at once and first; the others
    wait until the reader scrolls near them.
    """
    images = item.cover_images
    if not images:
        return {}
    sizes, fallback = LAYOUTS[layout]
    widest = images[-1]
    return {
        "src": narrowest(images, fallback)["url"],
        "srcset": srcset(images),
        "sizes": sizes,
        # The widest rendition's size: the picture's shape, and in a wide box
        # room to grow up to the box (max-width: 100% stops it there).
        "width": widest["width"],
        "height": widest["height"],
        "alt": item.cover_alt,
        "priority": priority,
    }
