"""portal/markup.py escapes exactly as Django's format_html does."""

import datetime

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from portal.markup import html, html_join

VALUES = [
    "Đảng bộ <quận> & \"Hoàng Mai\" 'Một cửa'",
    mark_safe("<strong>đã an toàn</strong>"),
    gettext_lazy("Trang chủ"),
    42,
    25.5,
    None,
    "",
    datetime.date(2022, 1, 7),
    '"><script>alert(1)</script>',
]


def test_html_escapes_as_format_html():
    template = '<a href="{}" title="{}">{}</a>'
    for value in VALUES:
        made = html(template, value, value, value)
        assert made == format_html(template, value, value, value)
        assert isinstance(made, SafeString)


def test_html_join_matches_format_html_join():
    rows = [(value, index) for index, value in enumerate(VALUES)]
    made = html_join("\n", "<li data-n={1}>{0}</li>", rows)
    assert made == format_html_join("\n", "<li data-n={1}>{0}</li>", rows)
    assert isinstance(made, SafeString)
    assert "<script>" not in made


def test_iso_is_the_date_filters_c_format():
    from django.template import engines
    from django.utils import timezone

    template = engines["django"].from_string(
        "{% load portal_tags %}{{ moment|date:'c' }}|{{ moment|iso }}"
    )
    for moment in [timezone.now(), None]:
        with_date, with_iso = template.render({"moment": moment}).split("|")
        assert with_date == with_iso
    assert with_iso == ""
    assert template.render({"moment": timezone.now()}).endswith("+07:00")
