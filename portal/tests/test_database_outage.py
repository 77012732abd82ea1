"""While the database cannot be reached, pages and votes answer 503, never 500.

The outage is made in this process: every new query fails as it does while
PostgreSQL restarts (test_database_restart.py does it to real app servers).
"""

import pytest
from django.db import OperationalError, connection
from django.test import Client

from polls.models import Choice, Vote

pytestmark = pytest.mark.django_db

SAME_SITE = {"HTTP_ORIGIN": "http://testserver"}


def refuse(*_):
    raise OperationalError("server closed the connection unexpectedly")


def check_outage_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "private" in response["Cache-Control"]  # no cache in front keeps it
    html = response.content.decode()
    assert "Hệ thống tạm thời gián đoạn" in html
    assert "chưa được ghi nhận" in html


def test_pages_answer_503_with_retry_after_while_the_database_is_away(
    make_article, monkeypatch
):
    article = make_article(title="Tin trong lúc máy chủ dữ liệu khởi động lại")
    reader = Client(raise_request_exception=False)
    with monkeypatch.context() as outage:
        outage.setattr(connection, "ensure_connection", refuse)
        for path in ["/", article.get_absolute_url(), "/tim-kiem/?q=tin"]:
            check_outage_page(reader.get(path))
    assert reader.get(article.get_absolute_url()).status_code == 200


def test_a_vote_that_fails_midway_answers_503_and_is_not_half_stored(open_poll):
    """The vote and its count are one transaction: the database keeps neither."""
    choice = open_poll.choices.first()

    def fail_the_count(execute, sql, params, many, context):
        if sql.startswith('UPDATE "polls_choice"'):
            refuse()
        return execute(sql, params, many, context)

    voter = Client(raise_request_exception=False)
    with connection.execute_wrapper(fail_the_count):
        response = voter.post(
            f"/binh-chon/{open_poll.slug}/binh-chon/",
            {"choice": choice.pk, "next": "/"},
            **SAME_SITE,
        )
    check_outage_page(response)
    assert Vote.objects.count() == 0
    assert Choice.objects.get(pk=choice.pk).votes_count == 0
    again = voter.post(
        f"/binh-chon/{open_poll.slug}/binh-chon/",
        {"choice": choice.pk, "next": "/"},
        **SAME_SITE,
    )
    assert again.status_code == 302
    assert Vote.objects.count() == 1
    assert Choice.objects.get(pk=choice.pk).votes_count == 1


def test_any_other_error_is_still_a_500(make_article, monkeypatch):
    make_article()

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("portal.views.render", broken)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Hệ thống đang gặp sự cố" in response.content.decode()
