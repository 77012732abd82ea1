"""PostgreSQL restarts under load: the portal recovers without being restarted.

gunicorn (two workers, persistent database connections) serves pages that query
the database while a few threads keep requesting them; then PostgreSQL is
restarted for real (pg_ctlcluster, as root next to the cluster: in CI, or with
PORTAL_TEST_DATABASE_OUTAGE=restart), or else the app's connections are killed.
Requests may fail while the database is away, with 503 and never 500; the
server must keep answering, keep its processes, and answer every request again
once the database is back: Django checks a reused connection before its first
query (CONN_HEALTH_CHECKS). Voters vote throughout: every vote answered 302 is
stored, and no other.
"""

import itertools
import os
import secrets
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import psycopg2
import pytest
from django.db import connection

from polls.models import Vote

from .databases import postgresql_only
from .live import (
    Browser,
    app_servers,
    database_url,
    fetch,
    production_env,
    redis_database,
)

pytestmark = postgresql_only(
    "restarting the database server needs PostgreSQL, not an SQLite file"
)

APPLICATION = "portal-restart-test"
LOAD_THREADS = 3
# After the database is back, the load goes on this long; every request must pass.
AFTER_SECONDS = 4
REQUESTS = itertools.count()


@pytest.fixture
def server(transactional_db, static_root, tmp_path):
    """One gunicorn with two workers on the test database and Redis database 12."""
    with redis_database(12) as redis_url:
        env = production_env(
            secret_key=secrets.token_urlsafe(50),
            database_url=database_url(APPLICATION),
            redis_url=redis_url,
            static_root=static_root,
            media_root=tmp_path / "media",
            # Every page from the database, never from the page cache.
            PAGE_CACHE_SECONDS=0,
        )
        with app_servers(["restart"], env, tmp_path, workers=2) as (server,):
            yield server


@dataclass
class Outcome:
    path: str
    started: float
    finished: float = 0.0
    status: int | None = None
    cached: bool = False
    error: str = ""


class Load:
    """Threads requesting database-backed pages until stopped."""

    def __init__(self, base_url, paths, vote=None):
        self.base_url = base_url
        self.paths = paths
        self.vote = vote  # (path, form) a new voter posts, from an address of its own
        self.outcomes = []
        self.votes = []
        self.stopped = threading.Event()
        self.threads = [
            threading.Thread(target=self.run, daemon=True) for _ in range(LOAD_THREADS)
        ]
        if vote:
            self.threads.append(threading.Thread(target=self.voters, daemon=True))

    def run(self):
        while not self.stopped.is_set():
            count = next(REQUESTS)
            path = self.paths[count % len(self.paths)]
            outcome = Outcome(path, time.monotonic())
            try:
                response = fetch(self.base_url, "GET", path, timeout=20)
                outcome.status = response.status
                outcome.cached = response.headers.get("X-Cache") == "HIT"
            except OSError as error:
                outcome.error = repr(error)
            outcome.finished = time.monotonic()
            self.outcomes.append(outcome)
            time.sleep(0.01)

    def voters(self):
        path, form = self.vote
        while not self.stopped.is_set():
            count = next(REQUESTS)
            voter = Browser(address=f"10.9.{count // 250 % 250}.{count % 250 + 1}")
            outcome = Outcome(path, time.monotonic())
            try:
                outcome.status = voter.post(self.base_url, path, form).status
            except OSError as error:
                outcome.error = repr(error)
            outcome.finished = time.monotonic()
            self.votes.append(outcome)
            time.sleep(0.02)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        for thread in self.threads:
            thread.join(timeout=30)


def app_backends():
    """Return the server ids of the app's connections to the test database."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s",
            [APPLICATION],
        )
        return {row[0] for row in cursor.fetchall()}


def served_by(server, paths, offset=0):
    """Return the worker ids that answered 200 to one of paths in the access log."""
    lines = server.access_log.read_text()[offset:].splitlines()
    paths = {urlsplit(path).path for path in paths}
    pids = set()
    for line in lines:
        pid, status, path = line.split(" ", 2)
        if status == "200" and path in paths:
            pids.add(int(pid.strip("<>")))
    return pids


def local_cluster():
    """Return (version, name) of the local cluster serving the test database."""
    settings = connection.settings_dict
    local = settings["HOST"] in {"", "127.0.0.1", "localhost", "::1"} or settings[
        "HOST"
    ].startswith("/")
    if not (local and os.geteuid() == 0 and shutil.which("pg_ctlcluster")):
        return None
    listed = subprocess.run(  # noqa: S603 - a fixed command
        ["pg_lsclusters", "--no-header"],  # noqa: S607 - Debian's tool, on PATH
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    port = str(settings["PORT"] or 5432)
    for line in listed.splitlines():
        version, name, cluster_port, status = line.split()[:4]
        if cluster_port == port and status.startswith("online"):
            return version, name
    return None


def wait_for_database(seconds=60):
    """Wait until PostgreSQL accepts connections to the test database again."""
    settings = connection.settings_dict
    deadline = time.monotonic() + seconds
    while True:
        try:
            psycopg2.connect(
                dbname=settings["NAME"],
                user=settings["USER"],
                password=settings["PASSWORD"],
                host=settings["HOST"],
                port=settings["PORT"],
                connect_timeout=2,
            ).close()
            return time.monotonic()
        except psycopg2.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def interrupt_database():
    """Restart PostgreSQL, or kill the app's connections; return how, and when.

    CI (CI_REQUIRE_SERVICES) restarts it for real, and so does
    PORTAL_TEST_DATABASE_OUTAGE=restart; elsewhere the PostgreSQL a developer runs
    the suite on may serve colleagues' tests too, so only the app's connections
    are killed.
    """
    real = os.environ.get("PORTAL_TEST_DATABASE_OUTAGE") == "restart" or bool(
        os.environ.get("CI_REQUIRE_SERVICES")
    )
    cluster = local_cluster() if real else None
    if cluster is None:
        if real:
            pytest.fail(
                "PostgreSQL cannot be restarted from here: the test must run as root "
                "on the machine of the cluster (pg_ctlcluster)"
            )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE application_name = %s",
                [APPLICATION],
            )
            assert cursor.fetchone()[0] >= 2
        return "terminated the app's connections", time.monotonic()
    # This process's own connection dies with the server: close it, and Django
    # opens a new one for the next query (the test database's teardown too).
    connection.close()
    subprocess.run(  # noqa: S603 - a fixed command and pg_lsclusters' own names
        ["pg_ctlcluster", "--skip-systemctl-redirect", *cluster, "restart"],  # noqa: S607
        check=True,
        capture_output=True,
        timeout=120,
    )
    return f"restarted PostgreSQL {' '.join(cluster)}", wait_for_database()


def test_the_portal_recovers_from_a_database_restart_without_a_restart(
    server, make_article, open_poll
):
    article = make_article(title="Hoàng Mai tổ chức Hội nghị báo cáo viên")
    vote = (
        f"/binh-chon/{open_poll.slug}/binh-chon/",
        {"choice": open_poll.choices.first().pk, "next": "/"},
    )
    # Pages that query the database on every request.
    paths = ["/readyz", article.get_absolute_url(), "/tim-kiem/?q=bao+cao+vien"]
    master = server.process.pid
    workers = server.worker_pids()
    assert len(workers) == 2

    # Both workers hold a database connection before the outage.
    deadline = time.monotonic() + 20
    while served_by(server, paths) != workers or len(app_backends()) < 2:
        assert time.monotonic() < deadline, (served_by(server, paths), workers)
        with Load(server.url, paths):
            time.sleep(0.3)
    before = app_backends()

    with Load(server.url, paths, vote) as load:
        time.sleep(1)
        outage = time.monotonic()
        how, back = interrupt_database()
        log_offset = len(server.access_log.read_text())
        time.sleep(AFTER_SECONDS)
    outcomes = load.outcomes
    after = app_backends()

    # The server answered throughout, with the same processes.
    assert server.process.poll() is None
    assert server.worker_pids() == workers and server.process.pid == master
    log = server.log.read_text()
    assert log.count("Booting worker") == 2 and "WORKER TIMEOUT" not in log, log
    assert [o for o in outcomes if o.error] == []
    assert not any(o.cached for o in outcomes)
    assert all(o.status == 200 for o in outcomes if o.finished < outage)
    # Requests in flight or sent while the database was away may fail, cleanly:
    # 503, the outage page, never 500.
    during = [o for o in outcomes if o.finished >= outage and o.started < back]
    assert {o.status for o in during} <= {200, 503}
    # A vote answered 302 is stored, one answered 503 is not, and none is 500.
    assert [o for o in load.votes if o.error] == []
    assert {o.status for o in load.votes} <= {302, 503}
    assert sum(o.status == 302 for o in load.votes) > 0
    assert Vote.objects.count() == sum(o.status == 302 for o in load.votes)

    # Every request sent once the database was back succeeded, on both workers.
    recovered = [o for o in outcomes if o.started >= back]
    assert len(recovered) >= 20, how
    failed = [(o.path, o.status) for o in recovered if o.status != 200]
    assert failed == [], how
    assert served_by(server, paths, log_offset) == workers
    # Both workers are on new connections: the old ones were gone.
    assert len(after) >= 2 and not after & before, (before, after)

    for path in [*paths, "/"]:
        assert fetch(server.url, "GET", path).status == 200, path
    assert fetch(server.url, "GET", "/readyz").text == (
        '{"database": "ok", "cache": "ok"}'
    )
    print(
        f"\n{how}: {len(during)} requests while it was away "
        f"({sum(o.status != 200 for o in during)} answered 503), "
        f"{len(recovered)} after, all answered 200; "
        f"{len(load.votes)} votes, {sum(o.status == 503 for o in load.votes)} "
        "answered 503"
    )
