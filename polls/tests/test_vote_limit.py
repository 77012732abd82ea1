"""The per-address vote limit: an IPv6 /64 is one address, the window slides."""

import datetime

import pytest
from django.test import Client

from polls.models import Vote

pytestmark = pytest.mark.django_db

SAME_SITE = {"HTTP_ORIGIN": "http://testserver"}
REFUSED = "quá nhiều lượt bình chọn từ cùng một địa chỉ"


def vote(poll, address):
    """Vote as a new browser (no voter cookie) from address; return the message."""
    client = Client()
    response = client.post(
        f"/binh-chon/{poll.slug}/binh-chon/",
        {"choice": poll.choices.first().pk, "next": "/"},
        REMOTE_ADDR=address,
        **SAME_SITE,
    )
    assert response.status_code == 302
    return client.get("/").content.decode()


def test_an_ipv6_64_is_one_address(open_poll, settings):
    settings.POLL_VOTES_PER_ADDRESS_PER_HOUR = 30
    for n in range(40):
        vote(open_poll, f"2001:db8:ab:cd:{n:x}::1")
    assert Vote.objects.count() == 30
    assert REFUSED in vote(open_poll, "2001:db8:ab:cd:ffff::9")
    vote(open_poll, "2001:db8:ab:ce::1")  # the next /64 is someone else
    assert Vote.objects.count() == 31


def test_an_ipv4_mapped_address_is_its_ipv4_address(open_poll, settings):
    settings.POLL_VOTES_PER_ADDRESS_PER_HOUR = 2
    vote(open_poll, "198.51.100.20")
    vote(open_poll, "::ffff:198.51.100.20")
    assert REFUSED in vote(open_poll, "198.51.100.20")
    assert Vote.objects.count() == 2


def test_the_window_slides_across_the_hour(open_poll, settings, time_machine):
    """A fixed clock-hour window let twice the limit through around the hour."""
    settings.POLL_VOTES_PER_ADDRESS_PER_HOUR = 30
    start = datetime.datetime(2026, 12, 1, 2, 58, tzinfo=datetime.UTC)
    time_machine.move_to(start)
    for _ in range(30):
        vote(open_poll, "203.0.113.30")
    time_machine.move_to(start + datetime.timedelta(minutes=3))  # past the hour
    for _ in range(30):
        vote(open_poll, "203.0.113.30")
    assert Vote.objects.count() == 30
    time_machine.move_to(start + datetime.timedelta(minutes=61))
    assert REFUSED not in vote(open_poll, "203.0.113.30")
    assert Vote.objects.count() == 31


def test_votes_are_taken_and_limited_with_the_cache_down(
    open_poll, settings, redis_refused
):
    """Redis refusing connections: every vote still answers, the limit still holds."""
    settings.POLL_VOTES_PER_ADDRESS_PER_HOUR = 3
    for _ in range(5):
        vote(open_poll, "203.0.113.40")
    assert Vote.objects.count() == 3
    assert open_poll.total_votes() == 3
    assert REFUSED in vote(open_poll, "203.0.113.40")
