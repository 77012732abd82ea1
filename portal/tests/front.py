"""Debian's nginx running the shipped site file, in front of test app servers.

deploy/nginx/hoangmai.conf is used as it is, adjusted only where a test machine
differs from the server: its ports, its host name (HOST, which resolves to
127.0.0.1 for the tests' clients), its paths (static files, uploads, the cache),
the certificate (made here, for HOST) and the addresses of the app servers.
Every adjustment must find its line, so a change of the site file that the
tests would no longer cover fails here instead.

The rest is Debian's own /etc/nginx/nginx.conf, with its pid, logs and temporary
files moved into the test's folder so that any user can run it. Plain Python, no
Django: bench/run.py starts the same front.
"""

import contextlib
import functools
import getpass
import gzip
import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"
SITE = ROOT / "deploy" / "nginx" / "hoangmai.conf"
DEBIAN_CONF = Path("/etc/nginx/nginx.conf")
SERVER_NAME = "tuyengiao.hoangmai.hanoi.gov.vn"
CERTIFICATE = f"/etc/letsencrypt/live/{SERVER_NAME}/"
# The portal's name in the tests (a reserved .example name, never looked up).
HOST = "tuyengiao.hoangmai.example"
# How long the tests' app servers let the front keep a page (SHARED_CACHE_SECONDS).
LIFETIME = 2
# What nginx logs when it sets an app server aside, or cannot read its answer.
COMPLAINTS = ["temporarily disabled", "too big header", "no live upstreams"]
# Where the client of fetch() finds the certificate of the running front.
_trusted = {}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_certificate(folder, host):
    """Write a self-signed certificate for host and 127.0.0.1; return its paths."""
    cert, key = folder / "fullchain.pem", folder / "privkey.pem"
    subprocess.run(  # noqa: S603 - a fixed command
        [OPENSSL, "req", "-x509", "-nodes", "-days", "2", "-newkey", "ec",
         "-pkeyopt", "ec_paramgen_curve:prime256v1", "-subj", f"/CN={host}",
         "-addext", f"subjectAltName=DNS:{host},IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def replace(text, old, new, count=None):
    """Replace old (a regular expression) by new; fail unless it was found."""
    changed, found = re.subn(old, new, text, flags=re.M)
    assert found and (count is None or found == count), (old, found)
    return changed


def site_file(folder, *, http, https, upstreams, static_root, media_root, cert, key):
    """Return the shipped site file adjusted to this machine."""
    text = SITE.read_text(encoding="utf-8")
    text = replace(text, r"^(\s*listen )\[::\]:\d+.*\n", "")  # no IPv6 here
    # The default server and the portal's own, on each port.
    text = replace(text, r"^(\s*listen )80\b", rf"\g<1>127.0.0.1:{http}", 2)
    text = replace(text, r"^(\s*listen )443\b", rf"\g<1>127.0.0.1:{https}", 2)
    text = replace(
        text, rf"server_name {re.escape(SERVER_NAME)};", f"server_name {HOST};", 2
    )
    assert upstreams, "at least one app server"
    text = replace(
        text,
        r"^(    server 127\.0\.0\.1:\d+)(.*\n)(?:    server 127\.0\.0\.1:\d+.*\n)*",
        lambda m: "".join(f"    server {a}{m.group(2)}" for a in upstreams),
        1,
    )
    text = replace(text, r"/var/cache/nginx/hoangmai", str(folder / "cache"), 1)
    text = replace(text, r"/srv/hoangmai/staticfiles/", f"{static_root}/", 1)
    text = replace(text, r"/srv/hoangmai/media/", f"{media_root}/", 1)
    text = replace(text, r"/var/www/letsencrypt", str(folder / "acme"), 1)
    text = replace(text, re.escape(CERTIFICATE) + "fullchain.pem", str(cert), 1)
    text = replace(text, re.escape(CERTIFICATE) + "privkey.pem", str(key), 1)
    assert SERVER_NAME not in text, "the server's name is left somewhere"
    return text


def main_file(folder, site):
    """Return Debian's nginx.conf including site, with its files in folder."""
    text = DEBIAN_CONF.read_text()
    if os.geteuid() == 0:  # workers as the test's user, who can read its files
        text = replace(text, r"^user .*;", f"user {getpass.getuser()};", 1)
    else:
        text = replace(text, r"^user .*;\n", "", 1)
    text = replace(text, r"^pid .*;", f"pid {folder}/nginx.pid;", 1)
    # warn: where nginx says it set an app server aside.
    text = replace(text, r"^(\s*error_log) .*;", rf"\1 {folder}/error.log warn;")
    text = replace(text, r"^(\s*access_log) .*;", rf"\1 {folder}/access.log;")
    temporary = "".join(
        f"\t{kind}_temp_path {folder / ('temp-' + kind)};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    sites = r"^\s*include /etc/nginx/sites-enabled/\*;"
    return replace(text, sites, f"{temporary}\tinclude {site};")


class Front:
    """nginx on two ports of 127.0.0.1 (HTTP, HTTPS) in front of upstreams.

    The ports are chosen first, so that the app servers can be told the origin
    of the forms they will get (https://HOST:port) before the front starts.
    """

    def __init__(self, folder, static_root, media_root):
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.static_root, self.media_root = static_root, media_root
        self.http, self.https = free_port(), free_port()
        self.url = f"https://{HOST}:{self.https}"
        self.origin = self.url
        self.conf = folder / "nginx.conf"
        self.process = None

    def configure(self, upstreams):
        """Write the site file for upstreams ("127.0.0.1:port") and nginx.conf."""
        self.cert, key = make_certificate(self.folder, HOST)
        site = self.folder / "hoangmai.conf"
        site.write_text(
            site_file(
                self.folder,
                http=self.http,
                https=self.https,
                upstreams=upstreams,
                static_root=self.static_root,
                media_root=self.media_root,
                cert=self.cert,
                key=key,
            )
        )
        self.conf.write_text(main_file(self.folder, site))

    def command(self, *args):
        return [NGINX, "-p", str(self.folder), "-c", str(self.conf),
                "-e", str(self.folder / "error.log"), *args]  # fmt: skip

    def start(self, upstreams, seconds=20):
        self.configure(upstreams)
        checked = subprocess.run(  # noqa: S603 - nginx, on the test's own files
            self.command("-t"), capture_output=True, text=True
        )
        assert checked.returncode == 0, checked.stderr
        self.process = subprocess.Popen(self.command("-g", "daemon off;"))  # noqa: S603
        _trusted["cafile"] = str(self.cert)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.error_log()
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", self.https), 1).close()
                return
            time.sleep(0.1)
        raise AssertionError(f"nginx does not answer:\n{self.error_log()}")

    def error_log(self):
        path = self.folder / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def complaints(self):
        """Return the lines of the error log that say an app server was set aside."""
        return [
            line
            for line in self.error_log().splitlines()
            if any(words in line for words in COMPLAINTS)
        ]

    def pages(self):
        """Return (key, headers, body) of each copy in the cache, bodies unpacked."""
        pages = []
        for path in (self.folder / "cache").rglob("*"):
            if not path.is_file():
                continue
            key, response = path.read_bytes().split(b"\nKEY: ", 1)[1].split(b"\n", 1)
            head, body = response.split(b"\r\n\r\n", 1)
            if b"content-encoding: gzip" in head.lower():
                body = gzip.decompress(body)
            pages.append((key.decode(), head.decode(), body.decode(errors="replace")))
        return pages

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def require_nginx():
    """Skip the test without Debian's nginx (fail it in CI, see live.missing)."""
    from .live import missing

    if not Path(NGINX).exists() or not DEBIAN_CONF.exists():
        missing("Debian's nginx is not installed (apt-get install nginx)")


@contextlib.contextmanager
def running(front, upstreams):
    """Run front (the shipped site file) in front of upstreams ("127.0.0.1:port")."""
    require_nginx()
    front.start(upstreams)
    try:
        yield front
    finally:
        front.stop()


@functools.cache
def _context(cafile):
    return ssl.create_default_context(cafile=cafile)


def client_context():
    """Return the TLS context of a client of the running front."""
    return _context(_trusted["cafile"])


class Connection(http.client.HTTPSConnection):
    """HTTPS to the front as a browser reaching HOST (or another name) sends it.

    Whatever the name, the connection goes to 127.0.0.1, and the handshake asks
    for the name (SNI), as it does for a name a resolver gives.
    """

    def __init__(self, port, name=HOST, timeout=30, source_address=None):
        super().__init__(
            name,
            port,
            timeout=timeout,
            source_address=source_address,
            context=client_context(),
        )

    def connect(self):
        sock = socket.create_connection(
            ("127.0.0.1", self.port), self.timeout, self.source_address
        )
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def upstream_log(front):
    """Return the paths each app server was asked for, by server name."""
    return {
        server.name: [
            line.split()[2] for line in server.access_log.read_text().splitlines()
        ]
        for server in front.servers
    }


def refused(port, host, name=HOST, https=True):
    """Tell whether the front refuses a request: no answer, nginx's 400 or its 421.

    Over HTTPS, name is what the handshake asks for (SNI); host, the Host header
    (None: no Host at all, as HTTP/1.0 allows).
    """
    if https:
        conn = Connection(port, name, timeout=10)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest("GET", "/", skip_host=True, skip_accept_encoding=True)
        if host is not None:
            conn.putheader("Host", host)
        conn.endheaders()
        response = conn.getresponse()
        return response.status in {400, 421} and response.getheader("Server") == "nginx"
    except (http.client.RemoteDisconnected, ssl.SSLError, ConnectionResetError):
        return True
    finally:
        conn.close()
