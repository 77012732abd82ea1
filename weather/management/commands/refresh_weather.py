import logging

from django.core.management.base import BaseCommand, CommandError

from weather.forecast import WeatherError, fetch
from weather.models import Place, WeatherReading

logger = logging.getLogger("weather.forecast")


class Command(BaseCommand):
    help = (
        "Fetch the current weather of every place and store the good readings. "
        "Exits non-zero if anything failed, for cron."
    )

    def handle(self, *args, **options):
        places = list(Place.objects.all())
        if not places:
            self.stdout.write("Chưa có địa điểm nào để lấy thời tiết.")
            return
        try:
            readings = fetch(places)
        except WeatherError as error:
            logger.error("refresh_weather failed: %s", error)
            raise CommandError(f"Không lấy được thời tiết: {error}") from error
        failed = []
        for place, reading in zip(places, readings, strict=True):
            if isinstance(reading, WeatherError):
                logger.warning("refresh_weather skipped %s: %s", place, reading)
                failed.append(f"{place}: {reading}")
                continue
            stored = WeatherReading.objects.filter(place=place).first()
            if (
                stored
                and not stored.sample
                and stored.observed_at > reading.observed_at
            ):
                continue  # never replace a newer reading by an older one
            # A sample (the demo's, stamped when it was loaded) always gives way.
            WeatherReading.objects.update_or_create(
                place=place, defaults={**vars(reading), "sample": False}
            )
        stored = len(places) - len(failed)
        self.stdout.write(f"Đã cập nhật thời tiết cho {stored}/{len(places)} địa điểm.")
        if failed:
            raise CommandError("Bỏ qua số liệu lỗi: " + "; ".join(failed))
