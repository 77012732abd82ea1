import datetime

from django import template
from django.conf import settings
from django.utils import timezone

from ..forecast import SKY
from ..models import Place

register = template.Library()


@register.inclusion_tag("weather/includes/weather.html")
def weather_widget():
    """Render "Thời tiết các vùng" from the stored readings; no network, ever."""
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
    readings = [p["reading"] for p in places if p["reading"]]
    return {
        "places": places,
        "any": bool(readings),
        # Open-Meteo is credited for what came from it, samples are said to be so.
        "measured": any(not r.sample for r in readings),
        "samples": any(r.sample for r in readings),
    }
