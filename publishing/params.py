"""Query parameters, which anyone can type: read here, by one rule, by every view.

A value that is not what its parameter holds reads as absent (None), never as an
error. Digits are ASCII digits only: str.isdigit() and int() also take "²", "①"
or "٣", and no date has a year 0.
"""

import datetime
import re

from django.core.exceptions import TooManyFieldsSent
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404

_NUMBER = re.compile(r"[0-9]{1,9}")
_YEAR = re.compile(r"[0-9]{4}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
NO_PAGE = "Không có trang này."


def get(request, name):
    """Return the last value of the query parameter name, or "" when it has none.

    Django refuses a query string of too many fields on every read of
    request.GET; read by the search box of an error page, that would turn a 404
    into a 500, so such a query string reads as empty.
    """
    try:
        return request.GET.get(name, "")
    except TooManyFieldsSent:
        return ""


def number(value):
    """Return value as a whole number of one to nine ASCII digits, else None."""
    return int(value) if _NUMBER.fullmatch(value) else None


def year(value):
    """Return value as a year of four ASCII digits that a date can hold, else None."""
    if not _YEAR.fullmatch(value) or int(value) < datetime.MINYEAR:
        return None
    return int(value)


def day(value):
    """Return value as the date it writes as YYYY-MM-DD, else None."""
    if not _DAY.fullmatch(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:  # a day that no month has, such as 2021-02-30
        return None


def page(request, object_list, per_page):
    """Return the page of object_list that the query asks for; a bad one is a 404."""
    wanted = number(get(request, "page") or "1")
    if wanted is None:
        raise Http404(NO_PAGE)
    try:
        return Paginator(object_list, per_page).page(wanted)
    except InvalidPage as error:
        raise Http404(NO_PAGE) from error
