"""Query parameters, which anyone can type: read here, by one rule, by every view.

A value that is not what its parameter holds reads as absent (None), never as an
error. Digits are ASCII digits only: str.isdigit() and int() also take "²", "①"
or "٣", and no date has a year 0.

A view declares the parameters it reads (reads()); any other parameter of its
address (a share link's fbclid, utm_source, a made-up x=) leaves the page as it
is, and the page cache answers such an address from the clean one's entry.
"""

import datetime
import re

from django.core.exceptions import ImproperlyConfigured, TooManyFieldsSent
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404

_NUMBER = re.compile(r"[0-9]{1,9}")
_YEAR = re.compile(r"[0-9]{4}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
NO_PAGE = "Không có trang này."


def reads(*names):
    """Declare the query parameters a view reads, and so the pages it makes."""

    def declare(view):
        view.query_parameters = frozenset(names)
        return view

    return declare


def declared(view):
    """Return the names of the query parameters view reads (none unless declared)."""
    return getattr(view, "query_parameters", frozenset())


def get(request, name):
    """Return the last value of the query parameter name, or "" when it has none.

    Only a parameter the view declares may be read: one it reads undeclared
    would be taken from a cached page of another value.

    Django refuses a query string of too many fields on every read of
    request.GET; such a query string reads as empty.
    """
    match = getattr(request, "resolver_match", None)
    if match is not None and name not in declared(match.func):
        raise ImproperlyConfigured(
            f"{match.view_name} reads ?{name}= without declaring it (params.reads)."
        )
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
