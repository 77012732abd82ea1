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
from portal.tests.front import HOST, Front, free_port  # noqa: E402
from portal.tests.redis_server import deployed_redis  # noqa: E402

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
# Requested as a browser does, gzip included: a page from the front cache against
# the static file, also gzipped (nginx's ceiling).
STATIC_TARGET = 0.8
# Readers of those pages while a tenth of the requests are hostile (made-up
# parameters, long URIs, other hosts): their req/s against the same readers
# alone, and their p99 at CONNECTIONS.
HOSTILE_SHARE = 0.1
HOSTILE_TARGET = 0.8
HOSTILE_LATENCY_TARGET_MS = 10
HOSTILE_CONNECTIONS = 16
# /?x=<random> through the front, against /healthz straight to gunicorn.
RANDOM_TARGET = 0.5
# What every request says, as a phone's browser says it.
BROWSER_HEADERS = [
    "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Encoding: gzip, deflate, br, zstd",
    "Accept-Language: vi-VN,vi;q=0.9,en-US;q=0.8",
    "User-Agent: Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
]


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
    return front_script(
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


def wrk(url, seconds=SECONDS, script=None, connections=CONNECTIONS, cookie=None):
    """Return the command of a wrk run that sends what a browser sends."""
    headers = ["X-Forwarded-Proto: https", *BROWSER_HEADERS]
    if cookie:
        headers.append(f"Cookie: {cookie}")
    return [
        "wrk",
        "--latency",
        "-t1",
        f"-c{connections}",
        f"-d{seconds}s",
        *(item for header in headers for item in ("-H", header)),
        "-s",
        script or front_script(),
        url,
    ]


def load(url, seconds=SECONDS, script=None, connections=CONNECTIONS, cookie=None):
    command = wrk(url, seconds, script, connections, cookie)
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return figures(out)


def figures(out):
    """Return req/s, p50, p99 and the non-2xx/3xx count of wrk's output."""
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": milliseconds(re.search(r"\n\s+50%\s+(\S+)", out).group(1)),
        "p99": milliseconds(re.search(r"\n\s+99%\s+(\S+)", out).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
    }


def front_script(body=""):
    """Write a wrk script: body, after connecting every name to 127.0.0.1.

    The front answers its own name only (SNI and Host), which no resolver here
    knows: wrk keeps the name of the URL and connects to this machine.
    """
    path = Path(tempfile.mkdtemp()) / "front.lua"
    path.write_text(
        "wrk.resolve = function(host, service)\n"
        '  wrk.addrs = wrk.lookup("127.0.0.1", service)\n'
        "end\n" + body
    )
    return str(path)


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
    return "met" if ok else "**not met**"


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


def cycle_script(build, delay_ms=None):
    """Write a wrk script that sends, in turn, the requests the Lua build makes.

    build fills `requests` once, when each thread starts, so that sending one
    costs wrk next to nothing: on a machine of two cores, a load generator that
    builds every request takes the CPU from the server it measures.
    """
    return front_script(
        "local requests = {}\n"
        "local n = 0\n"
        "init = function(args)\n"
        "  math.randomseed(os.time() + math.random(1, 100000))\n"
        f"{build}"
        "end\n"
        "request = function()\n"
        "  n = n % #requests + 1\n"
        "  return requests[n]\n"
        "end\n" + (f"delay = function() return {delay_ms} end\n" if delay_ms else "")
    )


def lua_list(items):
    return "{" + ", ".join(f'"{item}"' for item in items) + "}"


def readers_script(paths):
    """Write a wrk script of readers who open paths in turn."""
    return cycle_script(
        f"  for _, path in ipairs({lua_list(paths)}) do\n"
        '    requests[#requests + 1] = wrk.format("GET", path)\n'
        "  end\n"
    )


def random_script(path, count=20000):
    """Write a wrk script asking for path with a made-up parameter, count of them.

    No cache keeps an address with a parameter its page does not read, so each
    of them goes to an app server however often it comes round.
    """
    return cycle_script(
        f"  for i = 1, {count} do\n"
        f'    requests[i] = wrk.format("GET", "{path}?x=" .. math.random(1, 2^31))\n'
        "  end\n"
    )


def hostile_script(paths, delay_ms):
    """Write a wrk script of hostile requests, one every delay_ms per connection.

    In turn: made-up parameters, a URI of 3 to 5 KB (nginx refuses past 4 KB),
    and another Host (the portal's name with a port, a trailing dot or in
    capitals, or another name, which nginx refuses).
    """
    hosts = [f"{HOST}:1337", f"{HOST}.", HOST.upper(), "evil.example"]
    return cycle_script(
        f"  local paths, hosts = {lua_list(paths)}, {lua_list(hosts)}\n"
        "  for i = 1, 3000 do\n"
        "    local path = paths[math.random(#paths)]\n"
        "    if i % 3 == 0 then\n"
        '      path = path .. "?x=" .. math.random(1, 2^31) .. "&fbclid=" ..\n'
        "        math.random(1, 2^31)\n"
        '      requests[i] = wrk.format("GET", path)\n'
        "    elseif i % 3 == 1 then\n"
        '      path = path .. "?x=" .. string.rep("a", math.random(3000, 5000))\n'
        '      requests[i] = wrk.format("GET", path)\n'
        "    else\n"
        '      requests[i] = wrk.format("GET", path, {Host = hosts[i % #hosts + 1]})\n'
        "    end\n"
        "  end\n",
        delay_ms,
    )


def with_hostile(front, paths, clean_rps, redis_client):
    """Load paths as readers while HOSTILE_SHARE of the requests are hostile.

    Return the readers' figures, the hostile requests' own, and Redis's memory.
    """
    rate = clean_rps * HOSTILE_SHARE / (1 - HOSTILE_SHARE)
    delay = max(1, round(HOSTILE_CONNECTIONS * 1000 / rate))
    hostile = subprocess.Popen(
        wrk(
            front.url + paths[0],
            seconds=SECONDS + 2,
            script=hostile_script(paths, delay),
            connections=HOSTILE_CONNECTIONS,
        ),
        stdout=subprocess.PIPE,
        text=True,
    )
    peak = {"used_memory": 0}

    def watch():
        while hostile.poll() is None:
            memory = redis_client.info("memory")
            if memory["used_memory"] > peak["used_memory"]:
                peak.update(memory)
            time.sleep(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    time.sleep(1)
    readers = load(front.url + paths[0], script=readers_script(paths))
    out, _ = hostile.communicate()
    watcher.join()
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    memory = {
        "peak": peak["used_memory"],
        "limit": peak.get("maxmemory") or redis_client.info("memory")["maxmemory"],
        "keys": redis_client.dbsize(),
        "evicted": redis_client.info("stats")["evicted_keys"],
    }
    return readers, {"rps": requests / (SECONDS + 2)}, memory


def through_front(env, pages):
    """Rows through nginx on the shipped site file, and straight to its gunicorn."""
    rows = {}
    with (
        tempfile.TemporaryDirectory() as folder,
        deployed_redis(Path(folder)) as (redis_url, redis_client),
    ):
        front = Front(
            Path(folder) / "nginx",
            static_root=ROOT / "staticfiles",
            media_root=ROOT / "media",
        )
        server_env = {
            **env,
            "REDIS_URL": redis_url,
            "DJANGO_ALLOWED_HOSTS": f"{HOST},127.0.0.1,localhost",
        }
        port = free_port()
        server = start_server(server_env, port)
        direct = f"http://127.0.0.1:{port}"
        cookie = staff_cookie(env)
        front.start([f"127.0.0.1:{port}"])
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
            paths = [pages[name] for name in FRONT_PAGES]
            readers = readers_script(paths)
            rows["readers, front cache"] = load(front.url + paths[0], script=readers)
            hostile = with_hostile(
                front, paths, rows["readers, front cache"]["rps"], redis_client
            )
            rows["readers, 10 % hostile"], rows["hostile requests"], memory = hostile
            load(front.url + "/", seconds=2, script=random_script("/"))
            rows["/?x=<random>, nginx"] = load(
                front.url + "/", script=random_script("/")
            )
        finally:
            front.stop()
            stop(server)
    return rows, memory


def report_front(rows, memory):
    """Print the rows through nginx and whether their targets are met."""
    hello = rows["hello (/healthz), direct"]["rps"]
    static = rows["static file, nginx"]["rps"]
    print(
        "\nThrough nginx (deploy/nginx/hoangmai.conf over HTTPS, one gunicorn of "
        f"{WORKERS} workers behind it, the front cache keeping pages "
        "SHARED_CACHE_SECONDS, Redis on deploy/redis/hoangmai.conf), and straight to "
        f"that gunicorn; {CONNECTIONS} connections unless said; every request with "
        "a phone browser's headers (Accept-Encoding: gzip…). Readers open the four "
        "pages in turn; hostile requests come from a second wrk beside them.\n"
        "\n| row | req/s | p50 ms | p99 ms | non-2xx | vs hello | vs static |"
        "\n|---|---:|---:|---:|---:|---:|---:|"
    )
    for name, r in rows.items():
        if name == "hostile requests":
            continue
        print(
            f"| {name} | {r['rps']:.0f} | {r['p50']:.2f} | {r['p99']:.2f} "
            f"| {r['errors']} | {r['rps'] / hello:.2f} | {r['rps'] / static:.2f} |"
        )
    readers, hostile = rows["readers, 10 % hostile"], rows["hostile requests"]
    share = hostile["rps"] / (hostile["rps"] + readers["rps"])
    clean = rows["readers, front cache"]
    random_row = rows["/?x=<random>, nginx"]
    print(
        f"\nHostile requests: {hostile['rps']:.0f}/s, {share:.0%} of all. Redis: "
        f"peak {memory['peak'] / 2**20:.1f} MiB of {memory['limit'] / 2**20:.0f} MiB, "
        f"{memory['keys']} keys after, {memory['evicted']} evicted."
    )
    met = []
    for name in FRONT_PAGES:
        cached = rows[f"{name}, front cache"]
        single = rows[f"{name}, front cache, 1 conn"]
        staff, direct = rows[f"{name}, staff, nginx"], rows[f"{name}, staff, direct"]
        met += [
            (f"{name}: front cache ≥ {STATIC_TARGET} of the static file, gzip "
             f"({cached['rps'] / static:.2f})",
             cached["rps"] / static >= STATIC_TARGET and not cached["errors"]),
            (f"{name}: front cache ≥ {FRONT_TARGET}× hello",
             cached["rps"] / hello >= FRONT_TARGET and not cached["errors"]),
            (f"{name}: front cache p99 at 1 conn < {FRONT_LATENCY_TARGET_MS} ms",
             single["p99"] < FRONT_LATENCY_TARGET_MS and not single["errors"]),
            (f"{name}: staff through nginx ≥ {BYPASS_TARGET} of staff direct "
             f"({staff['rps'] / direct['rps']:.2f})",
             staff["rps"] / direct["rps"] >= BYPASS_TARGET and not staff["errors"]),
        ]  # fmt: skip
    met += [
        (f"readers with {share:.0%} hostile ≥ {HOSTILE_TARGET} of readers alone "
         f"({readers['rps'] / clean['rps']:.2f})",
         readers["rps"] / clean["rps"] >= HOSTILE_TARGET and not readers["errors"]),
        (f"readers with {share:.0%} hostile: p99 < {HOSTILE_LATENCY_TARGET_MS} ms",
         readers["p99"] < HOSTILE_LATENCY_TARGET_MS),
        ("Redis memory under its limit while hostile",
         0 < memory["peak"] <= memory["limit"]),
        (f"/?x=<random> through nginx ≥ {RANDOM_TARGET} of hello "
         f"({random_row['rps'] / hello:.2f})",
         random_row["rps"] / hello >= RANDOM_TARGET and not random_row["errors"]),
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
    front, memory = through_front(env, pages)
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
    all_met = report_front(front, memory) and all_met
    print("\nEvery target met." if all_met else "\nSome targets are not met.")


if __name__ == "__main__":
    main()
