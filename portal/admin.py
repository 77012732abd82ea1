from django import forms
from django.contrib import admin
from django_ckeditor_5.widgets import CKEditor5Widget

from publishing.dates import show_datetime

from .models import Page, Place, WeatherReading


class PageAdminForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title", "slug", "body", "published"]
        widgets = {"body": CKEditor5Widget(config_name="default")}


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    form = PageAdminForm
    list_display = ["title", "slug", "published", "updated_at"]
    list_filter = ["published"]
    search_fields = ["title"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for note in getattr(obj, "body_notes", []):
            self.message_user(request, note, "warning")

    def view_on_site(self, obj):
        # A draft answers 404 to everyone: no "Xem trên trang" for it.
        if Page.objects.published().filter(pk=obj.pk).exists():
            return obj.get_absolute_url()
        return None


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
        return (
            f"{reading.temperature} °C, {show_datetime(reading.observed_at)}"
            if reading
            else "—"
        )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reading")
