"""Dates the Hà Nội way wherever staff type or read them: dd/mm/yyyy, HH:MM."""

import datetime
import zoneinfo

import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.test import RequestFactory
from django.urls import resolve, reverse
from import_export.admin import ExportMixin, ImportMixin

from publishing import dates
from publishing.exports import DateTimeWidget, DateWidget, PortalResource
from weather.models import Place, WeatherReading

pytestmark = pytest.mark.django_db

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
NOT_DAY_FIRST = ["12/25/2026", "2026-12-02", "31/02/2026", "2.12.2026", "02/12/26"]


@pytest.fixture
def admin_request(admin_user):
    request = RequestFactory().get(reverse("admin:index"))
    request.user = admin_user
    request.resolver_match = resolve(request.path)
    return request


def editable(model_admin, request):
    adds = model_admin.has_add_permission(request)
    return adds or model_admin.has_change_permission(request)


def admin_date_fields(request):
    """Yield (model label, name, form field) for every date a superuser may type."""
    for model_admin in admin.site._registry.values():
        forms_ = (
            [model_admin.get_form(request)] if editable(model_admin, request) else []
        )
        forms_ += [
            inline.get_formset(request).form
            for inline in model_admin.get_inline_instances(request)
        ]
        for form in forms_:
            for name, field in form.base_fields.items():
                if isinstance(
                    field,
                    forms.DateField | forms.DateTimeField | forms.SplitDateTimeField,
                ):
                    yield form._meta.model._meta.label_lower, name, field


def test_every_admin_form_reads_dates_day_first_only(admin_request):
    found = admin_date_fields(admin_request)
    fields = {(model, name): field for model, name, field in found}
    assert {
        ("news.article", "published_at"),
        ("campaigns.report", "reported_on"),
        ("campaigns.document", "issued_on"),
        ("polls.poll", "opens_at"),
        ("polls.poll", "closes_at"),
    } <= set(fields)
    for (model, name), field in fields.items():
        if isinstance(field, forms.SplitDateTimeField):
            assert field.clean(["02/12/2026", "08:00"]) == datetime.datetime(
                2026, 12, 2, 8, 0, tzinfo=HANOI
            ), (model, name)
            assert field.clean(["13/12/2026", "08:00:41"]).day == 13
            for day in NOT_DAY_FIRST:
                with pytest.raises(ValidationError) as refused:
                    field.clean([day, "08:00"])
                assert refused.value.messages == [dates.INVALID_DATE], (model, name)
            with pytest.raises(ValidationError) as refused:
                field.clean(["02/12/2026", "8 giờ"])
            assert refused.value.messages == [dates.INVALID_TIME]
        else:
            assert isinstance(field, forms.DateField), (model, name)
            assert field.clean("02/12/2026") == datetime.date(2026, 12, 2)
            for day in NOT_DAY_FIRST:
                with pytest.raises(ValidationError) as refused:
                    field.clean(day)
                assert refused.value.messages == [dates.INVALID_DATE], (model, name)


def test_admin_calendar_and_clock_write_day_first(admin_client):
    """The admin's calendar and "Now" buttons write the first input format."""
    catalog = admin_client.get(reverse("admin:jsi18n")).content.decode()
    formats = catalog[catalog.index('"DATE_INPUT_FORMATS"') :]
    assert formats.split('"')[3] == "%d/%m/%Y"
    assert '"FIRST_DAY_OF_WEEK": 1' in catalog


def test_every_import_and_export_uses_the_portal_resource(admin_request):
    resources = [
        resource
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, ImportMixin | ExportMixin)
        for resource in model_admin.get_resource_classes(admin_request)
    ]
    assert {r.__name__ for r in resources} == {"ArticleResource", "FigureResource"}
    for resource in resources:
        assert issubclass(resource, PortalResource), resource
        assert resource._meta.skip_unchanged, resource
        for field in resource().get_import_fields():
            model_field = resource._meta.model._meta.get_field(
                field.attribute.split("__")[0]
            )
            if isinstance(model_field, models.DateTimeField):
                assert isinstance(field.widget, DateTimeWidget), field
            elif isinstance(model_field, models.DateField):
                assert isinstance(field.widget, DateWidget), field


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("07/01/2022", datetime.date(2022, 1, 7)),
        (" 7/1/2022 ", datetime.date(2022, 1, 7)),
        (datetime.datetime(2022, 1, 7), datetime.date(2022, 1, 7)),
        (datetime.date(2022, 1, 7), datetime.date(2022, 1, 7)),
        ("", None),
        (None, None),
    ],
)
def test_date_widget_reads_day_first_and_date_cells(cell, expected):
    assert DateWidget().clean(cell) == expected


@pytest.mark.parametrize(
    "cell", ["13/25/2022", "12/25/2022", "2022-01-07", "07/01/22", "1/2"]
)
def test_date_widget_refuses_what_is_not_day_first(cell):
    with pytest.raises(ValueError, match="hãy ghi theo dạng ngày/tháng/năm, ví dụ"):
        DateWidget().clean(cell)


def test_date_widget_refuses_a_date_cell_with_a_time():
    with pytest.raises(ValueError, match="chỉ ghi ngày"):
        DateWidget().clean(datetime.datetime(2022, 1, 7, 17, 58))


def test_widgets_write_day_first_in_hanoi_time():
    moment = datetime.datetime(2022, 1, 7, 10, 58, 41, 5, tzinfo=datetime.UTC)
    assert DateTimeWidget().render(moment) == "07/01/2022 17:58"
    assert DateTimeWidget().render(None) == ""
    assert DateWidget().render(datetime.date(2022, 1, 7)) == "07/01/2022"
    # A spreadsheet gets a date cell, in Hà Nội time (it has no time zones) and
    # to the minute, as the text is.
    written = DateTimeWidget().render(moment, force_native_type=True)
    assert written == datetime.datetime(2022, 1, 7, 17, 58)
    day = DateWidget().render(datetime.date(2022, 1, 7), force_native_type=True)
    assert day == datetime.date(2022, 1, 7)


def test_weather_list_shows_readings_in_hanoi_time(admin_client):
    place = Place.objects.create(name="Hoàng Mai", latitude=20.98, longitude=105.86)
    WeatherReading.objects.create(
        place=place,
        temperature=24.5,
        humidity=80,
        weather_code=3,
        wind_speed=9.4,
        observed_at=datetime.datetime(2026, 11, 26, 12, 45, tzinfo=datetime.UTC),
    )
    html = admin_client.get(reverse("admin:weather_place_changelist")).content
    assert "°C, 26/11/2026 19:45" in html.decode()


def test_machine_datetime_is_to_the_second_in_hanoi_time():
    from publishing.templatetags.publishing_tags import machine_datetime

    now = datetime.datetime(2026, 11, 27, 6, 29, 8, 629280, tzinfo=datetime.UTC)
    assert machine_datetime(now) == "2026-11-27T13:29:08+07:00"
    assert now.microsecond == 629280  # the moment itself is left as it was
    assert machine_datetime(None) == ""
