"""Load the portal under gunicorn with production settings and print a table.

Needs PostgreSQL, Redis and wrk (apt-get install wrk) on this machine. The
reference row is /healthz, a minimal view served by the same stack; compare the
other rows to it, not to absolute figures, since the machine is shared.
"""

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# nginx on the shipped site file, as the tests start it (plain Python, no Django).
from portal.tests.front import Front, free_port  # noqa: E402

PYTHON = sys.executable
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hoangmai_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "100000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
# Throughput at 16 connections; latency at 1, as the targets are stated.
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
# The targets, as ratios of the hello view's requests/s in the same run.
# Page cache warm: every page; page cache off with the shared fragments warm: the
# home and article pages; everything cold (right after a publish): p99 at 1 conn.
WARM_TARGET = 0.7
OFF_TARGETS = {"home": 0.08, "article": 0.08}
LATENCY_TARGET_MS = 50
# With Redis refusing connections or silent: votes/s at least half the healthy row.
OUTAGES = ["refused", "silent"]
VOTE_OUTAGE_TARGET = 0.5
# Through nginx running deploy/nginx/hoangmai.conf (as portal/tests/test_front.py
# does): anonymous pages from its cache, as a multiple of /healthz straight to
# gunicorn, and their p99 at 1 connection; staff (a session: no cache at all) through
# nginx, as a share of the same requests straight to gunicorn.
FRONT_PAGES = ["home", "category", "article", "campaign"]
FRONT_TARGET = 5
FRONT_LATENCY_TARGET_MS = 5
BYPASS_TARGET = 0.9
STATIC_FILE = "/static/css/site.css"


def run(*args, env=None):
    subprocess.run(args, cwd=ROOT, env=env, check=True)


def ensure_database():
    import psycopg2
    from psycopg2 import sql

    name = DATABASE_URL.rsplit("/", 1)[1]
    server = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    connection = psycopg2.connect(server)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def prepare(env):
    """Migrate, load the demo and top the articles up to ARTICLES."""
    dev = {**env, "DJANGO_SETTINGS_MODULE": "portal.settings"}
    run(PYTHON, "manage.py", "migrate", "--noinput", "-v0", env=dev)
    run(PYTHON, "manage.py", "seed_demo", env=dev)
    run(PYTHON, "bench/generate.py", str(ARTICLES), env=dev)
    run(PYTHON, "manage.py", "collectstatic", "--noinput", "-v0", env=env)


def urls(env):
    """Return the poll's slug, a choice and the pages to load, from the database."""
    code = (
        "from news.models import Article; from polls.models import Poll;"
        "a = Article.objects.published().filter(is_featured=True).first();"
        "print(a.category.get_absolute_url()); print(a.get_absolute_url());"
        "p = Poll.objects.current().first();"
        "print(p.get_absolute_url()); print(p.slug); print(p.choices.first().pk)"
    )
    category, article, poll, slug, choice = django_shell(env, code).split()
    return (
        slug,
        choice,
        {
            "hello (/healthz)": "/healthz",
            "home": "/",
            "category": category,
            "article": article,
            "campaign": "/chien-dich/bau-cu-2021/",
            "poll results": poll,
            "search": "/tim-kiem/?q=ph%C3%B2ng+ch%C3%A1y",
        },
    )


class FakeOpenMeteo(BaseHTTPRequestHandler):
    """A stand-in weather service on 127.0.0.1: no test or benchmark goes online."""

    def do_GET(self):
        places = self.path.split("latitude=", 1)[1].split("&", 1)[0].count("%2C") + 1
        current = {
            "time": time.strftime("%Y-%m-%dT%H:%M"),
            "temperature_2m": 25.0,
            "relative_humidity_2m": 75,
            "weather_code": 2,
            "wind_speed_10m": 8.0,
        }
        body = json.dumps([{"current": current}] * places).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def refresh_weather(env, api_url):
    """Run refresh_weather against api_url; return True if it succeeded."""
    result = subprocess.run(
        [PYTHON, "manage.py", "refresh_weather"],
        cwd=ROOT,
        env={**env, "WEATHER_API_URL": api_url, "WEATHER_TIMEOUT": "2"},
        capture_output=True,
    )
    return result.returncode == 0


def vote_script(port, choice):
    """Write a wrk script that posts a vote as a same-site form would.

    Each vote comes from another address (X-Forwarded-For, believed from the one
    trusted proxy), as voters do: the per-address limit counts few rows each.
    """
    path = Path(tempfile.mkdtemp()) / "vote.lua"
    path.write_text(
        'wrk.method = "POST"\n'
        f'wrk.body = "choice={choice}&next=%2F"\n'
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        f'wrk.headers["Origin"] = "https://127.0.0.1:{port}"\n'
        "voters = 0\n"
        "request = function()\n"
        "  voters = voters + 1\n"
        '  wrk.headers["X-Forwarded-For"] = string.format("10.%d.%d.%d",\n'
        "    math.floor(voters / 65536) % 256, math.floor(voters / 256) % 256,\n"
        "    voters % 256)\n"
        "  return wrk.format()\n"
        "end\n"
    )
    return str(path)


def vote_count(env):
    code = "from polls.models import Vote; print(Vote.objects.count())"
    return int(django_shell(env, code).strip())


def django_shell(env, code):
    """Run Python code in the bench database's Django and return what it prints."""
    return subprocess.run(
        [PYTHON, "manage.py", "shell", "-v0", "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(
                url, headers={"X-Forwarded-Proto": "https"}
            )
            with urllib.request.urlopen(request, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer at {url}")


def milliseconds(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def load(url, seconds=SECONDS, script=None, connections=CONNECTIONS, cookie=None):
    out = subprocess.run(
        [
            "wrk",
            "--latency",
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "-H",
            "X-Forwarded-Proto: https",
            *(["-H", f"Cookie: {cookie}"] if cookie else []),
            *(["-s", script] if script else []),
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": milliseconds(re.search(r"\n\s+50%\s+(\S+)", out).group(1)),
        "p99": milliseconds(re.search(r"\n\s+99%\s+(\S+)", out).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
    }


def start_server(env, port):
    """Start gunicorn as docs/benchmark.md says: one configuration for every row."""
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            # Not gunicorn.conf.py: its access log would time the disk, not us.
            "--config=/dev/null",
            "portal.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={WORKERS}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
    )
    wait_for(f"http://127.0.0.1:{port}/healthz")
    return server


def stop(server):
    server.terminate()
    server.wait(timeout=30)


def measure(env, pages, page_seconds, fragment_seconds, latency):
    """Load every page on a fresh server, with the given page and fragment caches.

    Throughput at CONNECTIONS; with latency, at 1 connection instead.
    """
    port = free_port()
    caches = {
        "PAGE_CACHE_SECONDS": str(page_seconds),
        "FRAGMENT_CACHE_SECONDS": str(fragment_seconds),
    }
    server = start_server({**env, **caches}, port)
    base = f"http://127.0.0.1:{port}"
    connections = 1 if latency else CONNECTIONS
    results = {}
    try:
        for name, path in pages.items():
            # Warm-up (and the caches), not counted.
            load(base + path, seconds=2, connections=connections)
            results[name] = load(base + path, connections=connections)
    finally:
        stop(server)
    return results


def extras(env, poll_slug, choice):
    """The home page with the weather service up and down, then votes."""
    port = free_port()
    server = start_server(env, port)
    base = f"http://127.0.0.1:{port}"
    results = {"hello (/healthz)": load(base + "/healthz")}
    try:
        # The home page reads only stored readings: the two rows should match.
        weather = ThreadingHTTPServer(("127.0.0.1", 0), FakeOpenMeteo)
        threading.Thread(target=weather.serve_forever, daemon=True).start()
        weather_url = f"http://127.0.0.1:{weather.server_address[1]}"
        assert refresh_weather(env, weather_url), "refresh_weather failed"
        results["home, weather up"] = load(base + "/")
        weather.shutdown()
        weather.server_close()
        assert not refresh_weather(env, weather_url), "the service should be down"
        results["home, weather down"] = load(base + "/")
        before = vote_count(env)
        results["vote (POST)"] = load(
            f"{base}/binh-chon/{poll_slug}/binh-chon/",
            script=vote_script(port, choice),
        )
        stored = vote_count(env) - before
    finally:
        stop(server)
    return results, stored


@contextlib.contextmanager
def broken_redis(kind):
    """Yield the URL of a Redis that refuses connections, or takes them and is silent.

    Silent: the kernel completes connections to a socket that listens and never
    accepts, and no answer ever comes.
    """
    if kind == "refused":
        yield f"redis://127.0.0.1:{free_port()}/0"
        return
    with socket.create_server(("127.0.0.1", 0), backlog=128) as listener:
        yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"


def outages(env, pages, poll_slug, choice):
    """Every page at 1 connection, then votes, with Redis refusing or silent."""
    results = {}
    for kind in OUTAGES:
        with broken_redis(kind) as redis_url:
            port = free_port()
            server = start_server({**env, "REDIS_URL": redis_url}, port)
            base = f"http://127.0.0.1:{port}"
            rows = results[kind] = {}
            try:
                for name, path in pages.items():
                    load(base + path, seconds=2, connections=1)  # warm-up
                    rows[name] = load(base + path, connections=1)
                rows["vote (POST)"] = load(
                    f"{base}/binh-chon/{poll_slug}/binh-chon/",
                    script=vote_script(port, choice),
                )
            finally:
                stop(server)
    return results


def report_outages(results, healthy_votes):
    """Print the outage rows and whether their targets are met."""
    print(
        "\n| Redis | page | 1 conn req/s | p50 ms | p99 ms | non-2xx |"
        "\n|---|---|---:|---:|---:|---:|"
    )
    met = []
    for kind, rows in results.items():
        for name, r in rows.items():
            if name == "vote (POST)":
                continue
            print(
                f"| {kind} | {name} | {r['rps']:.0f} | {r['p50']:.1f} "
                f"| {r['p99']:.1f} | {r['errors']} |"
            )
            if name.startswith("hello"):
                continue
            met.append(
                (f"Redis {kind}, {name}: p99 at 1 conn < {LATENCY_TARGET_MS} ms",
                 r["p99"] < LATENCY_TARGET_MS and not r["errors"])
            )  # fmt: skip
    print(
        "\n| Redis | votes/s (16 conn) | p99 ms | non-2xx | vs healthy |"
        "\n|---|---:|---:|---:|---:|"
    )
    print(
        f"| healthy | {healthy_votes['rps']:.0f} | {healthy_votes['p99']:.1f} "
        f"| {healthy_votes['errors']} | 1.00 |"
    )
    for kind, rows in results.items():
        votes = rows["vote (POST)"]
        ratio = votes["rps"] / healthy_votes["rps"]
        print(
            f"| {kind} | {votes['rps']:.0f} | {votes['p99']:.1f} | {votes['errors']} "
            f"| {ratio:.2f} |"
        )
        met.append(
            (f"Redis {kind}: votes/s ≥ {VOTE_OUTAGE_TARGET} of healthy, no non-2xx",
             ratio >= VOTE_OUTAGE_TARGET and not votes["errors"])
        )  # fmt: skip
    print("\n| target | met |\n|---|---|")
    for label, ok in met:
        print(f"| {label} | {verdict(ok)} |")
    return all(ok for _, ok in met)


def verdict(ok):
    return "yes" if ok else "**no**"


def staff_cookie(env):
    """Return the cookie of a signed-in approver's session in the bench database."""
    code = (
        "from importlib import import_module; from django.conf import settings;"
        "from django.contrib import auth;"
        "from django.contrib.auth import get_user_model;"
        "user = get_user_model().objects.get(username='duyetbai');"
        "session = import_module(settings.SESSION_ENGINE).SessionStore();"
        "session[auth.SESSION_KEY] = str(user.pk);"
        "session[auth.BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1];"
        "session[auth.HASH_SESSION_KEY] = user.get_session_auth_hash();"
        "session.create(); print(settings.SESSION_COOKIE_NAME, session.session_key)"
    )
    name, key = django_shell(env, code).split()
    return f"{name}={key}"


def through_front(env, pages):
    """Rows through nginx on the shipped site file, and straight to its gunicorn."""
    port = free_port()
    server = start_server(env, port)
    direct = f"http://127.0.0.1:{port}"
    cookie = staff_cookie(env)
    rows = {}
    with tempfile.TemporaryDirectory() as folder:
        front = Front(
            Path(folder) / "nginx",
            [f"127.0.0.1:{port}"],
            static_root=ROOT / "staticfiles",
            media_root=ROOT / "media",
        )
        front.start()
        try:
            rows["hello (/healthz), direct"] = load(direct + "/healthz")
            load(front.url + STATIC_FILE, seconds=2)
            rows["static file, nginx"] = load(front.url + STATIC_FILE)
            for name in FRONT_PAGES:
                path = pages[name]
                load(front.url + path, seconds=2)  # warm-up: the caches
                rows[f"{name}, front cache"] = load(front.url + path)
                rows[f"{name}, front cache, 1 conn"] = load(
                    front.url + path, connections=1
                )
                load(direct + path, seconds=2, cookie=cookie)
                rows[f"{name}, staff, direct"] = load(direct + path, cookie=cookie)
                rows[f"{name}, staff, nginx"] = load(front.url + path, cookie=cookie)
        finally:
            front.stop()
            stop(server)
    return rows


def report_front(rows):
    """Print the rows through nginx and whether their targets are met."""
    hello = rows["hello (/healthz), direct"]["rps"]
    print(
        "\nThrough nginx (deploy/nginx/hoangmai.conf over HTTPS, one gunicorn of "
        f"{WORKERS} workers behind it, the front cache keeping pages "
        "SHARED_CACHE_SECONDS), and straight to that gunicorn; "
        f"{CONNECTIONS} connections unless said:\n"
        "\n| row | req/s | p50 ms | p99 ms | non-2xx | vs hello |"
        "\n|---|---:|---:|---:|---:|---:|"
    )
    for name, r in rows.items():
        print(
            f"| {name} | {r['rps']:.0f} | {r['p50']:.2f} | {r['p99']:.2f} "
            f"| {r['errors']} | {r['rps'] / hello:.2f} |"
        )
    met = []
    for name in FRONT_PAGES:
        cached = rows[f"{name}, front cache"]
        single = rows[f"{name}, front cache, 1 conn"]
        staff, direct = rows[f"{name}, staff, nginx"], rows[f"{name}, staff, direct"]
        met += [
            (f"{name}: front cache ≥ {FRONT_TARGET}× hello",
             cached["rps"] / hello >= FRONT_TARGET and not cached["errors"]),
            (f"{name}: front cache p99 at 1 conn < {FRONT_LATENCY_TARGET_MS} ms",
             single["p99"] < FRONT_LATENCY_TARGET_MS and not single["errors"]),
            (f"{name}: staff through nginx ≥ {BYPASS_TARGET} of staff direct "
             f"({staff['rps'] / direct['rps']:.2f})",
             staff["rps"] / direct["rps"] >= BYPASS_TARGET and not staff["errors"]),
        ]  # fmt: skip
    print("\n| target | met |\n|---|---|")
    for label, ok in met:
        print(f"| {label} | {verdict(ok)} |")
    return all(ok for _, ok in met)


def report(warm, off, cold):
    hello_warm = warm["hello (/healthz)"]["rps"]
    hello_off = off["hello (/healthz)"]["rps"]
    print(
        f"\n{ARTICLES} generated articles + demo; gunicorn {WORKERS} workers; wrk 1 "
        f"thread, {SECONDS}s per row. Warm: the page cache on. Off: the page cache "
        f"off, shared fragments from the cache. Both at {CONNECTIONS} connections. "
        "Cold: both caches off (a page right after a publish), at 1 connection.\n"
    )
    print(
        "| page | warm req/s | warm p99 | warm vs hello "
        "| off req/s | off p50 | off p99 | off vs hello "
        "| cold, 1 conn: req/s | p50 | p99 |"
    )
    print("|---|" + "---:|" * 10)
    met = []
    for name in warm:
        w, o, c = warm[name], off[name], cold[name]
        ratio_warm = w["rps"] / hello_warm
        ratio_off = o["rps"] / hello_off
        errors = w["errors"] + o["errors"] + c["errors"]
        print(
            f"| {name} | {w['rps']:.0f} | {w['p99']:.1f} | {ratio_warm:.2f} "
            f"| {o['rps']:.0f} | {o['p50']:.1f} | {o['p99']:.1f} | {ratio_off:.3f} "
            f"| {c['rps']:.0f} | {c['p50']:.1f} | {c['p99']:.1f} |"
            + (f" {errors} non-2xx" if errors else "")
        )
        if name.startswith("hello"):
            continue
        met.append((f"{name}: warm ≥ {WARM_TARGET}", ratio_warm >= WARM_TARGET))
        if name in OFF_TARGETS:
            target = OFF_TARGETS[name]
            met.append((f"{name}: off ≥ {target}", ratio_off >= target))
        met.append(
            (f"{name}: cold p99 at 1 conn < {LATENCY_TARGET_MS} ms",
             c["p99"] < LATENCY_TARGET_MS and not errors)
        )  # fmt: skip
    print("\n| target | met |\n|---|---|")
    for label, ok in met:
        print(f"| {label} | {verdict(ok)} |")
    return all(ok for _, ok in met)


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    ensure_database()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings_production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "DJANGO_LOG_LEVEL": "WARNING",
        # wrk plays the proxy: each vote says its voter's address.
        "TRUSTED_PROXY_COUNT": "1",
        # Runs repeat within the hour from the same addresses: lift the limit.
        "POLL_VOTES_PER_ADDRESS_PER_HOUR": "100000000",
    }
    prepare(env)
    poll_slug, choice, pages = urls(env)
    warm = measure(env, pages, 60, 60, latency=False)
    off = measure(env, pages, 0, 60, latency=False)
    cold = measure(env, pages, 0, 0, latency=True)
    others, stored = extras(env, poll_slug, choice)
    broken = outages(env, pages, poll_slug, choice)
    front = through_front(env, pages)
    all_met = report(warm, off, cold)
    reference = others["hello (/healthz)"]["rps"]
    print("\n| more rows (cache on) | req/s | p50 ms | p99 ms | non-2xx | vs hello |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, r in others.items():
        print(
            f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} "
            f"| {r['errors']} | {r['rps'] / reference:.2f} |"
        )
    subprocess.run(
        [PYTHON, "bench/search.py"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        check=True,
    )
    votes = others["vote (POST)"]
    print(
        f"\nVoting: {votes['rps']:.0f} votes/s, p99 {votes['p99']:.1f} ms; every "
        f"request is a new voter; {stored} votes stored during the run."
    )
    print(
        "\nRedis refusing connections, or accepting them and never answering "
        "(pages are uncached then):"
    )
    all_met = report_outages(broken, votes) and all_met
    all_met = report_front(front) and all_met
    print("\nEvery target met." if all_met else "\nSome targets are not met.")


if __name__ == "__main__":
    main()
