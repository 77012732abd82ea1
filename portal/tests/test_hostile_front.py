"""Whatever anyone sends through the front, readers and voters get their pages.

Hypothesis generates bounded runs of hostile requests, sent as raw bytes over
TLS to nginx on the shipped site file (portal/tests/front.py) in front of two
gunicorns: long and odd URIs, odd Hosts, header floods, unknown methods, made-up
parameters, control characters, forged cookies and proxy headers. After each
run, ordinary readers and a new voter must get their 200s. No request may get
a 5xx, no app server may be set aside, and no copy in the front cache may name
another host or hold a page of one visitor's.
"""

import itertools
import re
import string
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from polls.models import Vote

from .databases import postgresql_only
from .front import HOST, Connection, upstream_log
from .live import Browser

pytestmark = postgresql_only(
    "app servers sharing a database need PostgreSQL, not an SQLite file"
)

# Runs of up to RUN requests; with the readers and the voter after each, about
# 3,000 requests in all.
RUNS = 100
RUN = 20
TITLE = "Quận Hoàng Mai ra quân bảo vệ môi trường"

METHODS = [
    "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE",
    "CONNECT", "PROPFIND", "MKCOL", "BREW", "get", "G\x00T",
]  # fmt: skip
# What the portal's own addresses become in a hostile hand.
SUFFIXES = ["", "/", "//", "/..", "/%2e%2e/", "/%00", "/\x0b", "/a" * 40, ".php"]
ODD = "\x00\x01\x07\x08\x0b\x0c\x0d\x0a\x1b\x7f\x85\u2028\ufeff\ufffe\U0010ffff"
TEXT = st.text(
    alphabet=st.sampled_from(
        string.ascii_letters + string.digits + "-_.~%&=+/?#;:" + ODD
    )
    | st.characters(codec="utf-8"),
    max_size=60,
)
LONG = st.integers(1, 9000).map(lambda n: "a" * n)
HOSTS = [
    HOST, f"{HOST}:1337", f"{HOST}.", HOST.upper(), f"{HOST}:443", "evil.example",
    f"{HOST}.evil.example", "127.0.0.1", "", f"{HOST}\x00", f"{HOST} evil.example",
    f"evil.example:{HOST}",
]  # fmt: skip
COOKIES = [
    "sessionid", "messages", "hm_binh_chon", "csrftoken", "a" * 300,
]  # fmt: skip
FORGED = [
    ("X-Forwarded-For", "1.2.3.4"), ("X-Forwarded-Proto", "http"),
    ("X-Forwarded-Host", "evil.example"), ("X-Original-URL", "/admin/"),
    ("X-Request-ID", "x" * 200), ("Accept-Encoding", "gzip;q=0, br, zstd"),
    ("Accept-Encoding", "identity"), ("Range", "bytes=0-10,5-"),
    ("If-None-Match", "*"), ("Transfer-Encoding", "chunked, identity"),
    ("Expect", "100-continue"), ("Connection", "Upgrade, HTTP2-Settings"),
]  # fmt: skip


TWISTS = [
    "none", "method", "path", "raw query", "long query", "host", "second host",
    "forged", "cookies", "flood", "headers", "body",
]  # fmt: skip


@st.composite
def hostile_request(draw, paths):
    """Return the bytes of one request, complete: nginx never waits for more.

    A request a browser could send (a page of the portal with made-up parameters,
    encoded), given one twist of TWISTS, or none.
    """
    twist = draw(st.sampled_from(TWISTS))
    method = draw(st.sampled_from(METHODS)) if twist == "method" else "GET"
    path = draw(st.sampled_from(paths))
    if twist == "path":
        path += draw(st.sampled_from(SUFFIXES))
    names = st.sampled_from(["q", "page", "trang", "p", "fbclid", "loai", "tu"]) | TEXT
    values = (TEXT | LONG) if twist == "long query" else TEXT
    query = draw(st.lists(st.tuples(names, values), max_size=4))
    if query:
        raw = twist == "raw query"  # control characters and all
        path += "?" + "&".join(
            f"{name}={value}" if raw else f"{quote(name)}={quote(value)}"
            for name, value in query
        )
    headers = [("Host", HOST)]
    if twist == "host":
        headers = [("Host", host) for host in [draw(st.sampled_from(HOSTS) | TEXT)]]
        if draw(st.booleans()):
            headers = []
    elif twist == "second host":
        headers.append(("Host", draw(st.sampled_from(HOSTS))))
    elif twist == "forged":
        headers += draw(st.lists(st.sampled_from(FORGED), min_size=1, max_size=4))
    elif twist == "cookies":
        jar = draw(st.lists(st.tuples(st.sampled_from(COOKIES), TEXT), min_size=1))
        headers.append(("Cookie", "; ".join(f"{k}={v}" for k, v in jar)))
    elif twist == "flood":  # many headers, long ones, or both
        size = draw(st.sampled_from([10, 200, 5000]))
        count = draw(st.sampled_from([1, 50, 150]))
        headers += [(f"X-Flood-{n}", "v" * size) for n in range(count)]
    elif twist == "headers":
        headers += draw(st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=4))
    body = b""
    if twist == "body" or method not in {"GET", "HEAD"}:
        body = draw(st.binary(max_size=2000))
    lines = [f"{method} {path or '/'} HTTP/1.1", *(f"{k}: {v}" for k, v in headers)]
    lines += [f"Content-Length: {len(body)}", "Connection: close"]
    head = "\r\n".join(lines).encode("utf-8", errors="surrogateescape")
    return head + b"\r\n\r\n" + body


def send(port, request):
    """Send request on a TLS connection of its own; return (status, answer).

    The status is None when the front closed the connection without an answer
    (or refused the handshake), as it does to any other host. An answer to a
    request line nginx reads as HTTP/0.9 has no status line, only its page.
    """
    conn = Connection(port, timeout=20)
    answer = b""
    try:
        conn.connect()
        conn.sock.sendall(request)
        while chunk := conn.sock.recv(65536):
            answer += chunk
    except TimeoutError as error:
        raise AssertionError(f"no answer in 20 s to {request[:300]!r}") from error
    except OSError:  # reset or refused: no answer
        pass
    finally:
        conn.close()
    status = re.match(rb"HTTP/1\.[01] (\d{3}) ", answer) or re.search(
        rb"<title>(\d{3}) ", answer
    )
    return (int(status.group(1)) if status else None), answer


def harmless(status, answer):
    """Tell whether an answer to a hostile request is no failure of the portal.

    A 5xx is one, except nginx's own 501 for a transfer coding it does not
    implement (RFC 9112, 6.1), sent before any app server hears of the request.
    """
    head = answer.split(b"\r\n\r\n", 1)[0]
    return (
        status is None
        or status < 500
        or (status == 501 and b"X-Request-ID" not in head and b"nginx" in answer)
    )


def test_no_hostile_request_through_the_front_harms_readers_or_voters(
    front, make_article, category, open_poll
):
    article = make_article(title=TITLE)
    pages = [
        "/",
        article.get_absolute_url(),
        category.get_absolute_url(),
        "/tin-tuc/rss/",
        "/sitemap.xml",
        open_poll.get_absolute_url(),
    ]
    targets = [
        *pages,
        "/tim-kiem/",
        f"/binh-chon/{open_poll.slug}/binh-chon/",
        f"/tin-tuc/luot-xem/{article.pk}.gif",
        "/admin/login/",
        "/static/css/site.css",
        "/media/x.jpg",
        "/khong-co-trang-nay/",
        "",
        "*",
        "http://evil.example/",
        f"https://{HOST}/",
    ]
    vote = (
        f"/binh-chon/{open_poll.slug}/binh-chon/",
        {"choice": open_poll.choices.first().pk, "next": "/"},
    )
    addresses = (f"127.0.{n // 250 + 1}.{n % 250 + 1}" for n in itertools.count())
    sent = []
    votes = itertools.count(1)

    @settings(
        max_examples=RUNS,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(hostile_request(targets), min_size=1, max_size=RUN))
    def attack(requests):
        for request in requests:
            status, answer = send(front.https, request)
            sent.append(status)
            assert harmless(status, answer), (status, request[:500], answer[:500])
        reader = Browser()
        for path in pages:
            page = reader.get(front.url, path)
            assert page.status == 200, (path, page.status, page.text[:300])
        assert TITLE in reader.get(front.url, "/").text
        voter = Browser(address=next(addresses))
        cast = voter.post(front.url, *vote)
        assert cast.status == 302, (cast.status, cast.text[:300])
        thanks = voter.get(front.url, "/")
        assert thanks.status == 200 and "Cảm ơn bạn đã bình chọn" in thanks.text
        assert Vote.objects.count() == next(votes)

    attack()

    assert len(sent) >= RUNS
    assert front.complaints() == []
    # Both app servers still answer pages no cache holds.
    before = upstream_log(front)
    for n in range(6):
        page = Browser().get(
            front.url, f"/tim-kiem/?q=m%C3%B4i+tr%C6%B0%E1%BB%9Dng+{n}"
        )
        assert page.status == 200
    after = upstream_log(front)
    assert all(len(after[name]) > len(before[name]) for name in after)
    # Nothing in the front cache names another host or belongs to one visitor.
    for key, headers, body in front.pages():
        assert key.startswith(f"https{HOST}/"), key
        assert "set-cookie" not in headers.lower(), key
        assert "1337" not in body and "evil.example" not in body, key
        assert "Cảm ơn bạn đã bình chọn" not in body, key
    print(
        f"\n{len(sent)} hostile requests: "
        f"{sum(s is None for s in sent)} unanswered, "
        + ", ".join(
            f"{status}: {sum(s == status for s in sent)}"
            for status in sorted({s for s in sent if s is not None})
        )
    )
