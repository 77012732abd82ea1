"""Redis in trouble: pages, votes and sign-in keep working at their normal speed.

A real gunicorn under production settings is pointed at a Redis that refuses
connections (a port nobody listens on) or at one that accepts connections and
never answers (a socket the test holds open). The cache is only a speed-up: every
page still answers 200 quickly, every vote is counted once, the per-address vote
limit still holds (counted in PostgreSQL), and staff still sign in.
"""

import contextlib
import secrets
import socket
import statistics
import time

import pytest

from news.models import Article
from polls.models import Vote

from .databases import postgresql_only
from .live import (
    Browser,
    admin_login,
    app_servers,
    database_url,
    production_env,
)
from .slow_hosts import silent_port

pytestmark = postgresql_only(
    "an app server under production settings needs PostgreSQL, not an SQLite file"
)

THANKS = "Cảm ơn bạn đã bình chọn! Phiếu của bạn đã được ghi nhận."
TOO_MANY = "quá nhiều lượt bình chọn từ cùng một địa chỉ"
VOTES_PER_ADDRESS = 3
# A page's normal time here is a few tens of milliseconds, a whole page that
# waited on Redis took seconds: these bounds tell the two apart on a busy machine.
MEDIAN_SECONDS = 0.25
SLOWEST_SECONDS = 1.5


@contextlib.contextmanager
def refusing_redis():
    """Yield a Redis URL where nothing listens: connections are refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    yield f"redis://127.0.0.1:{port}/0"


@contextlib.contextmanager
def silent_redis():
    """Yield a Redis URL that takes connections and never answers a byte."""
    with silent_port() as port:
        yield f"redis://127.0.0.1:{port}/0"


@pytest.fixture(params=["refused", "silent"])
def server(request, transactional_db, static_root, tmp_path):
    """One gunicorn (two workers) whose Redis refuses, or accepts and is silent."""
    broken = refusing_redis if request.param == "refused" else silent_redis
    with broken() as redis_url:
        env = production_env(
            secret_key=secrets.token_urlsafe(50),
            database_url=database_url("portal-cache-outage-test"),
            redis_url=redis_url,
            static_root=static_root,
            media_root=tmp_path / "media",
            POLL_VOTES_PER_ADDRESS_PER_HOUR=VOTES_PER_ADDRESS,
        )
        with app_servers(["outage"], env, tmp_path, workers=2) as (server,):
            yield server


def timed(browser, server, path):
    started = time.monotonic()
    page = browser.get(server.url, path)
    return page, time.monotonic() - started


def test_pages_votes_and_sign_in_work_without_the_cache(
    server, make_article, category, open_poll, approver
):
    article = make_article(title="Phường Mai Động ra mắt mô hình vùng xanh")
    reader = Browser("198.51.100.70")
    paths = ["/", category.get_absolute_url(), article.get_absolute_url()]
    paths += [open_poll.get_absolute_url(), "/tim-kiem/?q=vung+xanh"]
    seconds = []
    for _ in range(8):
        for path in paths:
            page, took = timed(reader, server, path)
            assert page.status == 200, (path, page.status)
            assert "X-Cache" not in page.headers or page.headers["X-Cache"] == "MISS"
            seconds.append(took)
    assert statistics.median(seconds) < MEDIAN_SECONDS, sorted(seconds)
    assert max(seconds) < SLOWEST_SECONDS, sorted(seconds)

    # Each new voter is counted once, up to the limit of their address.
    choice = open_poll.choices.first()
    form = {"choice": str(choice.pk), "next": "/"}
    vote_path = f"/binh-chon/{open_poll.slug}/binh-chon/"
    for n in range(VOTES_PER_ADDRESS + 2):
        voter = Browser("203.0.113.77")
        started = time.monotonic()
        response = voter.post(server.url, vote_path, form)
        assert time.monotonic() - started < SLOWEST_SECONDS
        assert response.status == 302, response.text[:2000]
        page = voter.get(server.url, "/").text
        expected = THANKS if n < VOTES_PER_ADDRESS else TOO_MANY
        assert expected in page, n
    assert Vote.objects.filter(poll=open_poll).count() == VOTES_PER_ADDRESS
    choice.refresh_from_db()
    assert choice.votes_count == VOTES_PER_ADDRESS

    # Staff sign in with both factors (sessions and the lockout live in PostgreSQL).
    staff = Browser("198.51.100.71")
    admin_login(staff, server.url, approver, "pw")
    assert Article.objects.published().filter(pk=article.pk).exists()
