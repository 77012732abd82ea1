"""Real app servers for tests: gunicorn under production settings.

The scale-out and database-restart tests start gunicorn processes as production
runs them (portal.settings_production, PostgreSQL, Redis, collected static files)
against pytest's test database, and talk to them over HTTP the way nginx and
browsers do: the public host name in Host, X-Forwarded-Proto: https, the visitor's
address in X-Forwarded-For, and one cookie jar per visitor whichever server answers.

They need PostgreSQL and Redis. Without them they are skipped with the reason,
unless CI_REQUIRE_SERVICES is set (CI), where a missing service is a failure.
"""

import contextlib
import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.conf import settings
from django.db import connection

from .front import HOST, Connection
from .staff_login import totp_code

ROOT = Path(__file__).resolve().parents[2]
# The name the proxy passes on to every app server, as nginx does with $host.
PUBLIC_HOST = HOST
PUBLIC_ORIGIN = f"https://{PUBLIC_HOST}"
REDIS_HOST = os.environ.get("TEST_REDIS_HOST", "127.0.0.1:6379")


def missing(reason):
    """Skip the test for want of a service; in CI (CI_REQUIRE_SERVICES) fail it."""
    if os.environ.get("CI_REQUIRE_SERVICES"):
        pytest.fail(f"{reason} (CI_REQUIRE_SERVICES is set: this is a failure)")
    pytest.skip(reason)


@contextlib.contextmanager
def redis_database(number):
    """Yield the URL of Redis database number, emptied before and after."""
    import redis

    url = f"redis://{REDIS_HOST}/{number}"
    client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as error:
        missing(f"Redis does not answer at {url}: {error}")
    client.flushdb()
    try:
        yield url
    finally:
        client.flushdb()
        client.close()


def use_redis(settings, location):
    """Point this process's cache at the Redis at location, as production does."""
    from portal.settings import redis_cache

    settings.CACHES = {"default": redis_cache(location, settings.REDIS_TIMEOUT)}


def database_url(application_name):
    """Return a DATABASE_URL for pytest's test database, naming the connections."""
    s = connection.settings_dict
    auth = quote(s["USER"] or "", safe="")
    if s["PASSWORD"]:
        auth += ":" + quote(s["PASSWORD"], safe="")
    host = s["HOST"] or ""
    if host.startswith("/"):  # a Unix socket directory
        host = quote(host, safe="")
    port = f":{s['PORT']}" if s["PORT"] else ""
    return (
        f"postgres://{auth + '@' if auth else ''}{host}{port}/{quote(s['NAME'])}"
        f"?application_name={application_name}"
    )


def collect_static(static_root):
    """Collect static files into static_root once, as production deploys do."""
    if not (static_root / "staticfiles.json").exists():
        collected = subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=production_env(static_root=static_root),
            capture_output=True,
            text=True,
        )
        assert collected.returncode == 0, collected.stderr
    return static_root


def production_env(**values):
    """Return the environment of a production app server; values override it."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings_production",
        "DJANGO_SECRET_KEY": "collectstatic-only-" + secrets.token_urlsafe(30),
        "DJANGO_ALLOWED_HOSTS": f"{PUBLIC_HOST},127.0.0.1",
        "DJANGO_CSRF_TRUSTED_ORIGINS": PUBLIC_ORIGIN,
        "REDIS_URL": f"redis://{REDIS_HOST}/13",
        "DJANGO_LOG_LEVEL": "WARNING",
        "PAGE_CACHE_SECONDS": "60",
        # One proxy in front: its X-Forwarded-For entry is the visitor's address.
        "TRUSTED_PROXY_COUNT": "1",
    }
    names = {
        "secret_key": "DJANGO_SECRET_KEY",
        "database_url": "DATABASE_URL",
        "redis_url": "REDIS_URL",
        "static_root": "DJANGO_STATIC_ROOT",
        "media_root": "DJANGO_MEDIA_ROOT",
    }
    for name, value in values.items():
        env[names.get(name, name)] = str(value)
    return env


def child_pids(pid):
    """Return the ids of the live processes whose parent is pid (Linux /proc)."""
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            children.add(int(stat.parent.name))
    return children


class AppServer:
    """gunicorn serving portal.wsgi on a socket of its own, logging to files."""

    def __init__(self, name, env, log_dir, workers=1):
        self.name = name
        # Bound here and handed over: no other process can take the port meanwhile.
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(128)
        self.socket.set_inheritable(True)
        self.port = self.socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log_dir / f"gunicorn-{name}.log"
        self.access_log = log_dir / f"access-{name}.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 - a fixed command
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "--config=/dev/null",  # not gunicorn.conf.py: no worker recycling
                    "portal.wsgi",
                    f"--bind=fd://{self.socket.fileno()}",
                    f"--workers={workers}",
                    "--log-level=info",
                    f"--access-logfile={self.access_log}",
                    "--access-logformat=%(p)s %(s)s %(U)s",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                pass_fds=[self.socket.fileno()],
            )
        self.workers = workers

    def wait_ready(self, seconds=60):
        """Wait until every worker is up and /healthz answers."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn {self.name} exited:\n{self.log_tail()}")
            booted = len(child_pids(self.process.pid)) >= self.workers
            with contextlib.suppress(OSError):
                if booted and fetch(self.url, "GET", "/healthz").status == 200:
                    return
            time.sleep(0.2)
        raise AssertionError(f"gunicorn {self.name} is not ready:\n{self.log_tail()}")

    def worker_pids(self):
        return child_pids(self.process.pid)

    def log_tail(self, lines=40):
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.socket.close()


@contextlib.contextmanager
def app_servers(names, env, log_dir, workers=1):
    """Start one gunicorn per name, wait until all answer, stop them all after."""
    servers = [AppServer(name, env, log_dir, workers) for name in names]
    try:
        for server in servers:
            server.wait_ready()
        yield servers
    finally:
        for server in servers:
            server.stop()


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        self.text = body.decode("utf-8", errors="replace")
        self.location = headers.get("Location")


def fetch(base_url, method, path, body=None, headers=None, timeout=30, source=None):
    """Send one request to the server at base_url.

    To an app server (http) as the proxy would pass it on; to the front
    (https, portal.tests.front) as a browser sends it, trusting its certificate,
    from the address source (one of 127.0.0.0/8) if given.
    """
    parts = urlsplit(base_url)
    if parts.scheme == "https":
        conn = Connection(
            parts.port,
            parts.hostname,
            timeout=timeout,
            source_address=(source, 0) if source else None,
        )
        proxied = {"Host": parts.netloc}
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        proxied = {"Host": PUBLIC_HOST, "X-Forwarded-Proto": "https"}
    try:
        conn.request(method, path, body, {**proxied, **(headers or {})})
        response = conn.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        conn.close()


class Browser:
    """One visitor behind the load balancer: one address, one cookie jar.

    The jar is shared by every app server, as it is when they all answer for one
    host name. Cookies marked Secure are kept: the proxy terminates HTTPS. To
    the front, a visitor's address is its socket's: one of 127.0.0.0/8, which
    any test can bind.
    """

    def __init__(self, address=None, user_agent="Mozilla/5.0 (test)"):
        self.address = address
        self.user_agent = user_agent
        self.cookies = {}

    def request(self, base_url, method, path, data=None):
        parts = urlsplit(base_url)
        headers = {"User-Agent": self.user_agent}
        source = None
        if parts.scheme == "https":  # the front itself: its address is the socket's
            origin = f"https://{parts.netloc}"
            source = self.address
        else:
            origin = PUBLIC_ORIGIN
            headers["X-Forwarded-For"] = self.address or "203.0.113.1"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": origin,
                    "Referer": origin + path,
                }
            )
        response = fetch(base_url, method, path, body, headers, source=source)
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.coded_value
        return response

    def get(self, base_url, path):
        return self.request(base_url, "GET", path)

    def post(self, base_url, path, data):
        return self.request(base_url, "POST", path, data)


class _FormReader(HTMLParser):
    """Collect what a browser would submit from the form with a given id."""

    SKIPPED = {"submit", "button", "image", "reset", "file"}

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields = []
        self.select = None  # [name, options, chosen]
        self.option = None  # [value or None, text, selected]
        self.textarea = None  # [name, text]

    def handle_starttag(self, tag, attrs):
        attrs = {k: v if v is not None else "" for k, v in attrs}
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
            elif kind not in self.SKIPPED:
                self.fields.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self.select = [name, [], [], "multiple" in attrs]
        elif tag == "option" and self.select is not None:
            self.option = [attrs.get("value"), "", "selected" in attrs]
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.option is not None:
            self.option[1] += data
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "option" and self.option is not None:
            value, text, selected = self.option
            value = text.strip() if value is None else value
            self.select[1].append(value)
            if selected:
                self.select[2].append(value)
            self.option = None
        elif tag == "select" and self.select is not None:
            name, options, chosen, multiple = self.select
            if not chosen and options and not multiple:
                chosen = options[:1]
            self.fields.extend((name, value) for value in chosen)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # Browsers drop the newline that follows <textarea>.
            self.fields.append((name, text.removeprefix("\n")))
            self.textarea = None


def read_form(html, form_id):
    """Return the fields of the form with form_id as {name: value}."""
    reader = _FormReader(form_id)
    reader.feed(html)
    assert reader.fields, f"no form #{form_id} in the page"
    return dict(reader.fields)


def admin_url(path=""):
    return f"/{settings.ADMIN_PATH}{path}"


def admin_login(session, base_url, user, password):
    """Sign user in to the admin at base_url as staff do, with both factors.

    The one place that knows how staff sign in: the login form with its CSRF
    token, the password and the six digits of the user's authenticator app.
    """
    login = admin_url(f"login/?next={admin_url()}")
    page = session.get(base_url, login)
    assert page.status == 200, page.status
    fields = read_form(page.text, "login-form")
    assert "otp_token" in fields, "production asks staff for a second factor"
    fields.update(
        username=user.get_username(), password=password, otp_token=totp_code(user)
    )
    response = session.post(base_url, login, fields)
    assert response.status == 302, _errors(response)
    assert response.location == admin_url(), response.location
    index = session.get(base_url, admin_url())
    assert index.status == 200, index.status


def _errors(response):
    """Return the error messages of a form page, for an assertion's message."""
    found = re.findall(
        r'class="(?:errornote|errorlist)[^"]*"[^>]*>(.*?)</(?:p|ul)>',
        response.text,
        re.S,
    )
    return f"{response.status}: {found or response.text[:2000]}"
