"""Dates as Hà Nội writes them, wherever staff type them: dd/mm/yyyy and HH:MM.

The formats are those of portal/formats/vi/formats.py, which Django reads for
what the admin shows and for its calendar. Django's forms also take ISO dates
(yyyy-mm-dd) from any format module; the admin's forms take these formats only,
so that a date has one reading and a wrong one is refused.
"""

from django.db import models
from django.utils import timezone

from .formats.vi import formats

DATE_INPUT_FORMATS = formats.DATE_INPUT_FORMATS
TIME_INPUT_FORMATS = formats.TIME_INPUT_FORMATS
DATETIME_INPUT_FORMATS = formats.DATETIME_INPUT_FORMATS

INVALID_DATE = "Hãy ghi ngày theo dạng ngày/tháng/năm, ví dụ 31/12/2026."
INVALID_TIME = "Hãy ghi giờ theo dạng giờ:phút, ví dụ 08:00."

# ModelAdmin.formfield_overrides: Django's admin widgets, reading these formats.
ADMIN_FORMFIELDS = {
    models.DateTimeField: {
        "input_date_formats": DATE_INPUT_FORMATS,
        "input_time_formats": TIME_INPUT_FORMATS,
        "error_messages": {"invalid_date": INVALID_DATE, "invalid_time": INVALID_TIME},
    },
    models.DateField: {
        "input_formats": DATE_INPUT_FORMATS,
        "error_messages": {"invalid": INVALID_DATE},
    },
}


def show_datetime(value):
    """Write a moment as dd/mm/yyyy HH:MM in Hà Nội time."""
    return (
        timezone.localtime(value).strftime(DATETIME_INPUT_FORMATS[0]) if value else ""
    )
