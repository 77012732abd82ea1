"""Votes under load, against a live server on PostgreSQL."""

import http.client
import threading
from socketserver import ThreadingMixIn
from urllib.parse import urlencode, urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from django.core import signing
from django.core.handlers.wsgi import WSGIHandler
from django.db.models import Sum

from polls.models import Vote
from polls.views import VOTER_COOKIE, VOTER_SALT
from portal.tests.databases import postgresql_only

pytestmark = postgresql_only(
    "concurrent voters need PostgreSQL; SQLite serialises writers"
)

CLIENTS = 32
VOTES_PER_CLIENT = 8


class ThreadedServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    # Django's test server queues only a few connections; a burst of 50 needs more.
    request_queue_size = 256


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def vote_server(transactional_db, settings, monkeypatch):
    """The portal on 127.0.0.1, a thread and a database connection per request."""
    # Each request thread closes its connection when done: PostgreSQL allows ~100.
    monkeypatch.setitem(settings.DATABASES["default"], "CONN_MAX_AGE", 0)
    server = make_server("127.0.0.1", 0, WSGIHandler(), ThreadedServer, QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    class Live:
        url = f"http://127.0.0.1:{server.server_address[1]}"

    yield Live
    server.shutdown()
    server.server_close()


def post_vote(base, poll, choice, address, cookie=None):
    """Send one vote as a browser on this site would; return (status, accepted)."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": base,
        "X-Forwarded-For": address,
    }
    if cookie:
        headers["Cookie"] = f"{VOTER_COOKIE}={cookie}"
    body = urlencode({"choice": choice.pk, "next": "/"})
    try:
        connection.request("POST", f"/binh-chon/{poll.slug}/binh-chon/", body, headers)
        response = connection.getresponse()
        response.read()
        set_cookie = response.getheader("Set-Cookie") or ""
        # The voter cookie is set, and messages say so, only for a counted vote.
        accepted = VOTER_COOKIE in set_cookie or "da+binh+chon" in set_cookie
        return response.status, accepted, set_cookie
    finally:
        connection.close()


def run_parallel(count, target):
    barrier = threading.Barrier(count)
    errors = []

    def wrapped(index):
        try:
            barrier.wait(timeout=30)
            target(index)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=wrapped, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors


def test_every_accepted_vote_is_stored_and_counted(vote_server, open_poll, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    choices = list(open_poll.choices.all())
    accepted = []
    lock = threading.Lock()

    def client(index):
        for n in range(VOTES_PER_CLIENT):
            status, ok, cookie = post_vote(
                vote_server.url,
                open_poll,
                choices[(index + n) % len(choices)],
                f"203.0.{index}.{n + 1}",
            )
            assert status == 302
            with lock:
                accepted.append(ok and VOTER_COOKIE in cookie)

    run_parallel(CLIENTS, client)
    assert len(accepted) == CLIENTS * VOTES_PER_CLIENT >= 200
    assert all(accepted)
    assert Vote.objects.filter(poll=open_poll).count() == len(accepted)
    total = open_poll.choices.aggregate(total=Sum("votes_count"))["total"]
    assert total == len(accepted)


def test_fifty_concurrent_attempts_by_one_voter_store_one_vote(
    vote_server, open_poll, settings
):
    settings.POLL_VOTES_PER_ADDRESS_PER_HOUR = 1000
    cookie = signing.get_cookie_signer(salt=VOTER_COOKIE + VOTER_SALT).sign(
        "mot-nguoi-binh-chon"
    )
    choice = open_poll.choices.first()
    statuses = []

    def attempt(index):
        status, _, _ = post_vote(
            vote_server.url, open_poll, choice, "203.0.113.50", cookie
        )
        statuses.append(status)

    run_parallel(50, attempt)
    assert statuses == [302] * 50
    assert Vote.objects.filter(poll=open_poll).count() == 1
    assert Vote.objects.get().voter_key == "mot-nguoi-binh-chon"
    choice.refresh_from_db()
    assert choice.votes_count == 1
