from django.contrib import admin

from publishing.dates import show_datetime

from .models import Place, WeatherReading


class WeatherReadingInline(admin.StackedInline):
    model = WeatherReading
    can_delete = False
    readonly_fields = [
        "temperature",
        "humidity",
        "weather_code",
        "wind_speed",
        "observed_at",
        "fetched_at",
        "sample",
    ]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "latitude", "longitude", "order", "last_reading"]
    list_editable = ["order"]
    inlines = [WeatherReadingInline]

    @admin.display(description="số liệu mới nhất")
    def last_reading(self, obj):
        reading = getattr(obj, "reading", None)
        if not reading:
            return "—"
        if reading.sample:
            return f"{reading.temperature} °C, số liệu mẫu"
        return f"{reading.temperature} °C, {show_datetime(reading.observed_at)}"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reading")
