"""Query parameters read by one rule: what a parameter cannot hold reads as None."""

import datetime

import pytest

from publishing import params


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", 1), ("0012", 12), ("999999999", 999999999)]
    + [(bad, None) for bad in ["", "-1", "+1", " 1", "1.0", "1_0", "²", "①", "٣"]]
    + [("9999999999", None), ("1e3", None), ("1\n", None)],
)
def test_number(value, expected):
    assert params.number(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2021", 2021), ("0001", 1), ("9999", 9999)]
    + [(bad, None) for bad in ["0000", "²²²²", "①①①①", "٢٠٢١", "２０２１", "99999"]]
    + [(bad, None) for bad in ["", "202", "-202", "2021\n", "20 1"]],
)
def test_year(value, expected):
    assert params.year(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2021-05-23", datetime.date(2021, 5, 23)), ("0001-01-01", datetime.date.min)]
    + [
        (bad, None)
        for bad in ["", "2021-02-30", "0000-01-01", "20210523", "2021-W01-1"]
        + ["２０２１-05-23", "2021-5-23", "2021-05-23T00:00", "hom-qua", "\x00"]
    ],
)
def test_day(value, expected):
    assert params.day(value) == expected
