"""Dates as Hà Nội writes them, wherever staff type them: dd/mm/yyyy and HH:MM.

The formats are those of portal/formats/vi/formats.py, which Django reads for
what the admin shows and for its calendar. Django's forms also take ISO dates
(yyyy-mm-dd) from any format module; the admin's forms and the imports take these
formats only, so that a date has one reading and a wrong one is refused.
"""

import datetime

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


def read_date(value):
    """Return the date in value: dd/mm/yyyy text or a spreadsheet's date cell."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        if value.time() != datetime.time():
            raise ValueError(
                f"“{value:%d/%m/%Y %H:%M}” có cả giờ: cột này chỉ ghi ngày, "
                "theo dạng ngày/tháng/năm."
            )
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return _parse(
        value,
        DATE_INPUT_FORMATS,
        "“{}” không phải ngày hợp lệ: hãy ghi theo dạng ngày/tháng/năm, "
        "ví dụ 07/01/2022.",
    ).date()


def read_datetime(value):
    """Return the moment in value, in Hà Nội time unless value says otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time())
    else:
        moment = _parse(
            value,
            DATETIME_INPUT_FORMATS,
            "“{}” không phải ngày giờ hợp lệ: hãy ghi theo dạng ngày/tháng/năm "
            "giờ:phút, ví dụ 07/01/2022 17:58.",
        )
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def show_date(value):
    """Write a date as dd/mm/yyyy."""
    return value.strftime(DATE_INPUT_FORMATS[0]) if value else ""


def show_datetime(value):
    """Write a moment as dd/mm/yyyy HH:MM in Hà Nội time."""
    return (
        timezone.localtime(value).strftime(DATETIME_INPUT_FORMATS[0]) if value else ""
    )


def _parse(value, input_formats, message):
    text = " ".join(str(value).split())
    for input_format in input_formats:
        try:
            return datetime.datetime.strptime(text, input_format)
        except ValueError:
            continue
    raise ValueError(message.format(text))
