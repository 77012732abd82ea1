"""A reading counts once per reader (a network) and article in VIEW_COUNT_SECONDS."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client

pytestmark = pytest.mark.django_db

PHONE = "Mozilla/5.0 (Linux; Android 14) Mobile"


def hit(article, address="203.0.113.8", agent=PHONE):
    response = Client().get(
        f"/tin-tuc/luot-xem/{article.pk}.gif",
        REMOTE_ADDR=address,
        HTTP_USER_AGENT=agent,
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def views(article):
    article.refresh_from_db()
    return article.view_count


def test_two_hundred_hits_of_one_visitor_count_once(make_article):
    article = make_article()
    for _ in range(200):
        hit(article)
    assert views(article) == 1


def test_other_readers_and_other_articles_count(make_article):
    article, other = make_article(), make_article()
    hit(article)
    hit(article, address="198.51.100.2")
    hit(other)
    assert views(article) == 2 and views(other) == 1


def test_a_reader_who_changes_browser_names_counts_once(make_article):
    """A User-Agent costs nothing to change: "Tin đọc nhiều" must not be bought."""
    article = make_article()
    for n in range(200):
        hit(article, agent=f"Mozilla/5.0 (reader {n})")
    assert views(article) == 1


def test_an_ipv6_visitor_is_one_visitor_across_its_64(make_article):
    article = make_article()
    for n in range(40):
        hit(article, address=f"2001:db8:1:2::{n + 1:x}")
    hit(article, address="2001:db8:1:3::1")
    assert views(article) == 2


def test_the_visitor_counts_again_after_the_period(
    make_article, settings, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 11, 27, 8, 0, tzinfo=datetime.UTC))
    article = make_article()
    hit(article)
    time_machine.shift(settings.VIEW_COUNT_SECONDS - 60)
    hit(article)
    assert views(article) == 1
    time_machine.shift(120)
    hit(article)
    assert views(article) == 2


def test_no_raw_address_is_kept(make_article):
    article = make_article()
    hit(article, address="203.0.113.77")
    keys = list(cache._cache)  # the local-memory cache of the tests
    assert keys and not any("203.0.113" in key for key in keys)


def test_a_cache_that_cannot_answer_counts_nothing_and_answers(
    make_article, redis_refused
):
    article = make_article()
    for _ in range(3):
        hit(article)
    assert views(article) == 0
