"""The weather widget's demo places, with a plausible reading each, marked a sample."""

from decimal import Decimal

from django.utils import timezone

from weather.models import Place, WeatherReading

# (name, latitude, longitude, temperature °C, humidity %, WMO code, wind km/h)
PLACES = [
    ("Hà Nội", "21.02850", "105.85420", "24.5", 78, 2, "9.4"),
    ("Đà Nẵng", "16.05440", "108.20220", "27.1", 74, 1, "12.2"),
    ("TP Hồ Chí Minh", "10.82310", "106.62970", "31.3", 66, 3, "11.5"),
]


def load_places():
    """Create the three places and a reading for each place that has none."""
    for order, (name, lat, lon, temp, humidity, code, wind) in enumerate(PLACES, 1):
        place, _ = Place.objects.get_or_create(
            name=name,
            defaults={"latitude": lat, "longitude": lon, "order": order},
        )
        if not WeatherReading.objects.filter(place=place).exists():
            WeatherReading.objects.create(
                place=place,
                temperature=Decimal(temp),
                humidity=humidity,
                weather_code=code,
                wind_speed=Decimal(wind),
                observed_at=timezone.now().replace(second=0, microsecond=0),
                sample=True,
            )
