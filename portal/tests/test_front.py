"""The production front, tested: Debian's nginx with deploy/nginx/hoangmai.conf.

nginx (portal.tests.front) runs the shipped site file in front of two gunicorn
servers under production settings, on PostgreSQL and Redis. Readers, voters and
an approver talk HTTPS to nginx only, as browsers do. The servers tell the front
cache to keep anonymous pages LIFETIME seconds (SHARED_CACHE_SECONDS: s-maxage one
second less, and the last second while one request refreshes the page).
"""

import gzip
import re
import secrets
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from news.models import Article
from polls.models import Vote

from .databases import postgresql_only
from .front import HOST, LIFETIME, refused, upstream_log
from .live import (
    Browser,
    admin_login,
    admin_url,
    fetch,
    read_form,
)

pytestmark = postgresql_only(
    "app servers sharing a database need PostgreSQL, not an SQLite file"
)

# What the front answers from its cache: fresh, or in the page's refresh second.
FROM_CACHE = {"HIT", "STALE", "UPDATING"}
# What the front promises: a change shows within the page's lifetime, plus a second.
PROMISE = LIFETIME + 1
TITLE = "Phường Lĩnh Nam ra mắt mô hình “Khu dân cư không rác thải nhựa”"
EDITED = "Phường Lĩnh Nam nhân rộng mô hình “Khu dân cư không rác thải nhựa”"
# What the portal says on every page, which a hit must say as well.
SECURITY_HEADERS = [
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "Cache-Control",
    "Vary",
    "Content-Language",
]


def asked(front, path):
    """Return how many times the app servers were asked for path."""
    return sum(paths.count(path) for paths in upstream_log(front).values())


def get(visitor, front, path, status=200):
    page = visitor.get(front.url, path)
    assert page.status == status, (path, page.status, page.text[:500])
    return page


def cached(visitor, front, paths):
    """Load paths until the front serves each from its cache; return them."""
    pages = {}
    for path in paths:
        for _ in range(20):  # stale while it updates, then the fresh page
            pages[path] = get(visitor, front, path)
            if pages[path].headers["X-Cache"] == "HIT":
                break
            time.sleep(0.1)
        assert pages[path].headers["X-Cache"] == "HIT", path
    return pages


def seconds_until(visitor, front, paths, shows):
    """Return, per path, the seconds until shows(page) holds; fail past PROMISE."""
    start = time.monotonic()
    waiting = set(paths)
    took = {}
    while waiting and time.monotonic() - start < PROMISE + 2:
        for path in sorted(waiting):
            if shows(visitor.get(front.url, path)):
                took[path] = round(time.monotonic() - start, 1)
                waiting.discard(path)
        time.sleep(0.1)
    assert not waiting, f"not shown within {PROMISE + 2} s: {sorted(waiting)}"
    late = {path: s for path, s in took.items() if s > PROMISE}
    assert not late, f"shown later than {PROMISE} s: {late}"
    return took


def change(staff, front, article, **fields):
    """Save the article's change form in the admin through the front."""
    url = admin_url(f"news/article/{article.pk}/change/")
    form = read_form(get(staff, front, url).text, "article_form")
    response = staff.post(front.url, url, {**form, **fields, "_save": "Lưu"})
    assert response.status == 302, response.text[:3000]
    article.refresh_from_db()


def test_readers_see_a_publish_an_edit_and_a_withdrawal_within_the_lifetime(
    front, make_article, category, approver
):
    make_article(title="Quận Hoàng Mai tổng kết công tác tuyên truyền năm")
    draft = make_article(title=TITLE, status=Article.Status.DRAFT)
    reader = Browser()
    listing = [
        "/",
        category.get_absolute_url(),
        "/tin-tuc/rss/",
        f"{category.get_absolute_url()}rss/",
        "/sitemap.xml",
    ]
    for path, page in cached(reader, front, listing).items():
        assert TITLE not in page.text, path
    get(reader, front, draft.get_absolute_url(), status=404)

    staff = Browser()
    admin_login(staff, front.url, approver, "pw")
    # Staff pass the front cache both ways: never served from it, never filling it.
    for path in listing:
        assert get(staff, front, path).headers["X-Cache"] == "BYPASS", path

    change(staff, front, draft, status="published")
    assert draft.status == Article.Status.PUBLISHED
    article = draft.get_absolute_url()
    everywhere = [*listing, article]
    seconds_until(reader, front, everywhere, lambda p: article in p.text)

    cached(reader, front, everywhere)
    change(staff, front, draft, title=EDITED)
    titled = [path for path in everywhere if path != "/sitemap.xml"]  # URLs only
    seconds_until(
        reader, front, titled, lambda p: EDITED in p.text and TITLE not in p.text
    )

    cached(reader, front, everywhere)
    change(staff, front, draft, status="withdrawn")
    assert draft.status == Article.Status.WITHDRAWN
    seconds_until(reader, front, listing, lambda p: article not in p.text)
    seconds_until(reader, front, [article], lambda p: p.status == 404)


def test_staff_pages_never_reach_readers(front, make_article, approver):
    draft = make_article(title=TITLE, status=Article.Status.DRAFT)
    preview = f"/xem-truoc/bai-viet/{draft.pk}/"
    staff = Browser()
    admin_login(staff, front.url, approver, "pw")
    for _ in range(2):
        seen = get(staff, front, preview)
        assert TITLE in seen.text and seen.headers["X-Cache"] == "BYPASS"
        assert get(staff, front, admin_url()).headers["X-Cache"] == "BYPASS"

    reader = Browser()
    for _ in range(2):
        assert TITLE not in reader.get(front.url, preview).text
        admin = reader.get(front.url, admin_url())
        assert admin.status == 302 and admin.headers["X-Cache"] not in FROM_CACHE
        login = get(reader, front, admin_url("login/"))
        assert login.headers["X-Cache"] not in FROM_CACHE
        assert "Set-Cookie" in login.headers
    # The staff's page, filled first, was not kept for the reader either.
    article = make_article(title="Bài đã xuất bản")
    get(staff, front, article.get_absolute_url())
    assert get(reader, front, article.get_absolute_url()).headers["X-Cache"] == "MISS"


def test_hits_answer_with_the_headers_of_the_page_and_never_store_a_cookie(
    front, make_article, open_poll
):
    article = make_article(title=TITLE)
    reader = Browser()
    for path in ["/", article.get_absolute_url(), open_poll.get_absolute_url()]:
        miss = get(reader, front, path)
        hit = get(reader, front, path)
        assert miss.headers["X-Cache"] == "MISS", path
        if "no-cache" in miss.headers["Cache-Control"]:  # the poll: always fresh
            assert hit.headers["X-Cache"] == "MISS", path
        else:
            assert hit.headers["X-Cache"] == "HIT", path
        for name in SECURITY_HEADERS:
            assert hit.headers.get_all(name) == miss.headers.get_all(name), name
            assert miss.headers[name], name
        assert hit.headers["X-Request-ID"] != miss.headers["X-Request-ID"]

    # The answers that set a cookie (a vote, the page that shows its thanks, the
    # sign-in form) go through and are never stored.
    voter = Browser()
    vote = voter.post(
        front.url,
        f"/binh-chon/{open_poll.slug}/binh-chon/",
        {"choice": open_poll.choices.first().pk, "next": "/"},
    )
    assert vote.status == 302 and vote.headers["Set-Cookie"]
    thanks = get(voter, front, "/")
    assert "Cảm ơn bạn đã bình chọn" in thanks.text
    assert thanks.headers["X-Cache"] == "BYPASS"
    get(Browser(), front, admin_url("login/"))
    assert front.pages(), "the front cache kept nothing"
    for _, headers, body in front.pages():
        assert "set-cookie" not in headers.lower()
        assert "Cảm ơn bạn đã bình chọn" not in body  # no voter's page either


def test_a_burst_on_a_page_nobody_asked_for_reaches_the_app_servers_once(
    front, make_article
):
    article = make_article(title=TITLE).get_absolute_url()

    with ThreadPoolExecutor(max_workers=20) as pool:
        burst = list(pool.map(lambda _: Browser().get(front.url, article), range(40)))
    assert {page.status for page in burst} == {200}
    assert all(TITLE in page.text for page in burst)
    assert asked(front, article) == 1


def test_a_burst_on_an_expired_page_reaches_the_app_servers_once(front, make_article):
    """In the page's last second, one reader refreshes it and the others get it."""
    article = make_article(title=TITLE).get_absolute_url()

    # Stored within one wall-clock second: nginx counts the lifetime from it.
    for _ in range(5):
        before = time.time()
        get(Browser(), front, f"{article}")
        stored = time.time()
        if int(before) == int(stored):
            break
        time.sleep(0.2)
    assert asked(front, article) == 1
    # Expired (s-maxage, LIFETIME - 1), yet within its refresh second.
    time.sleep(int(stored) + LIFETIME + 0.1 - time.time())
    with ThreadPoolExecutor(max_workers=20) as pool:
        burst = list(pool.map(lambda _: Browser().get(front.url, article), range(40)))
    assert {page.status for page in burst} == {200}
    assert all(TITLE in page.text for page in burst)
    assert {page.headers["X-Cache"] for page in burst} <= FROM_CACHE
    # The one refresh runs in the background: wait until it is logged, then a bit.
    deadline = time.monotonic() + 10
    while asked(front, article) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)
    assert asked(front, article) == 2


def test_the_view_counter_counts_every_reader_through_the_front_once(
    front, make_article
):
    article = make_article(title=TITLE)
    pixel = f"/tin-tuc/luot-xem/{article.pk}.gif"
    # Readers on addresses of their own, as the front sees them.
    readers = [Browser(address=f"127.0.0.{n + 2}") for n in range(6)]
    for reader in readers:
        get(reader, front, article.get_absolute_url())
        counted = get(reader, front, pixel)
        assert counted.headers["X-Cache"] == "MISS"
        assert counted.headers["Content-Type"] == "image/gif"
    # A reader counts once an hour, however often the page is opened, and
    # whatever name its browser gives: 200 of them from one address count once.
    for n in range(200):
        get(Browser(address="127.0.0.2", user_agent=f"Mozilla/5.0 ({n})"), front, pixel)
    article.refresh_from_db()
    assert article.view_count == len(readers)


def test_one_app_server_stopped_the_front_keeps_serving(
    front, make_article, category, open_poll
):
    article = make_article(title=TITLE)
    a, b = front.servers
    a.stop()
    reader = Browser()
    # Pages no cache holds yet, so each goes to an app server, A first in turn.
    for n in range(8):
        for path in [f"/tim-kiem/?q=ph%C6%B0%E1%BB%9Dng+{n}", f"/?trang={n}"]:
            page = reader.get(front.url, path)
            assert page.status == 200, (path, page.status, page.text[:300])
    page = get(reader, front, article.get_absolute_url())
    assert TITLE in page.text
    vote = Browser().post(
        front.url,
        f"/binh-chon/{open_poll.slug}/binh-chon/",
        {"choice": open_poll.choices.first().pk, "next": "/"},
    )
    assert vote.status == 302
    assert Vote.objects.filter(poll=open_poll).count() == 1


def test_the_front_compresses_and_redirects_to_https(front, make_article, category):
    make_article(title=TITLE)
    stylesheet = re.search(
        r'href="(/static/[^"]+\.css)"', get(Browser(), front, "/").text
    ).group(1)
    kinds = {
        "/": "text/html",
        stylesheet: "text/css",
        "/static/js/poll.js": "application/javascript",
        "/static/admin/img/search.svg": "image/svg+xml",
        "/sitemap.xml": "application/xml",
        "/tin-tuc/rss/": "application/rss+xml",
    }
    for path, kind in kinds.items():
        for headers in [{"Accept-Encoding": "gzip"}, {}]:
            response = fetch(front.url, "GET", path, headers=headers)
            assert response.status == 200, (path, response.status)
            assert response.headers["Content-Type"].startswith(kind), path
            if headers:
                assert response.headers["Content-Encoding"] == "gzip", path
                assert response.headers["Vary"]
            else:
                assert "Content-Encoding" not in response.headers, path
    # Static files leave as the .gz copy collectstatic made, not compressed again.
    precompressed = front.static_root / (stylesheet.removeprefix("/static/") + ".gz")
    response = fetch(front.url, "GET", stylesheet, headers={"Accept-Encoding": "gzip"})
    assert int(response.headers["Content-Length"]) == precompressed.stat().st_size
    assert response.headers.get_all("Cache-Control") == [
        "public, max-age=31536000, immutable"
    ]
    # Debian's proxy_params would set X-Forwarded-Proto a second time; a visitor's
    # own copy is replaced, never passed on beside the front's.
    forged = fetch(front.url, "GET", "/", headers={"X-Forwarded-Proto": "http"})
    assert forged.status == 200
    plain = fetch(f"http://127.0.0.1:{front.http}", "GET", "/tin-tuc/?trang=2")
    assert plain.status == 301
    assert plain.location == "https://tuyengiao.hoangmai.example/tin-tuc/?trang=2"


@pytest.mark.browser
def test_a_voter_sees_their_vote_on_cached_pages_and_others_do_not(
    front, browser, open_poll
):
    def home(context):
        page = context.new_page()
        response = page.goto(front.url + "/")
        widget = page.locator(".poll-widget")
        return page, response.headers.get("x-cache"), widget

    first = browser.new_context(ignore_https_errors=True)
    page, _, _ = home(first)  # fills the front cache
    page, source, widget = home(first)
    assert source in FROM_CACHE
    widget.get_by_label(open_poll.choices.first().text).check()
    widget.get_by_role("button", name="Bình chọn").click()
    page.get_by_text("Cảm ơn bạn đã bình chọn!").wait_for()

    page, source, widget = home(first)
    assert source in FROM_CACHE  # the same page every reader gets
    widget.get_by_text("Bạn đã bình chọn cho câu hỏi này.").wait_for()
    assert not widget.locator("form").is_visible()
    results = page.goto(front.url + open_poll.get_absolute_url())
    assert results.headers.get("x-cache") == "BYPASS"  # the poll page, as this voter
    assert page.locator(".notice--success").get_by_text("Bạn đã bình chọn").is_visible()

    second = browser.new_context(ignore_https_errors=True)
    page, source, widget = home(second)
    assert source in FROM_CACHE
    page.wait_for_load_state("networkidle")
    assert widget.locator("form").is_visible()
    assert not widget.get_by_text("Bạn đã bình chọn").is_visible()
    assert Vote.objects.filter(poll=open_poll).count() == 1
    widget.get_by_label(open_poll.choices.last().text).check()
    widget.get_by_role("button", name="Bình chọn").click()
    page.get_by_text("Cảm ơn bạn đã bình chọn!").wait_for()
    assert Vote.objects.filter(poll=open_poll).count() == 2
    first.close()
    second.close()


def test_no_uri_or_header_takes_an_app_server_out(front, make_article):
    """Eight long URIs once marked both gunicorns down for ten seconds."""
    article = make_article(title=TITLE)
    line = len("GET  HTTP/1.1\r\n")
    longest = "/?x=" + "a" * (4096 - line - len("/?x="))
    hostile = {
        "/?x=" + "a" * 3000: 200,
        longest: 200,
        # Redirected with the URI in Location, and the URI in the cache key.
        "/tin-tuc?x=" + "a" * (4096 - line - len("/tin-tuc?x=")): 301,
        longest + "a": 414,
        "/?x=" + "a" * 6000: 414,
    }
    reader = Browser()
    for _ in range(8):
        for path, status in hostile.items():
            assert get(reader, front, path, status=status)
    for headers, status in [
        ({"X-Big": "a" * 5000}, 400),
        ({"Cookie": "a=" + "b" * 4090}, 400),
        # Not too large for the front; gunicorn refuses more than 100 fields.
        ({f"X-Many-{n}": "1" for n in range(150)}, 431),
    ]:
        assert fetch(front.url, "GET", "/", headers=headers).status == status
    answered = upstream_log(front)
    assert not any(len(path) > 4096 for paths in answered.values() for path in paths)
    # Readers of pages no cache holds are served by both app servers, at once.
    for n in range(10):
        page = get(reader, front, f"/tim-kiem/?q=ph%C6%B0%E1%BB%9Dng+{n}")
        assert page.headers["X-Cache"] == "MISS"
    after = upstream_log(front)
    assert all(len(after[name]) > len(answered[name]) for name in after), after
    assert get(reader, front, article.get_absolute_url()).status == 200
    assert front.complaints() == []


def test_no_host_header_can_poison_the_front_cache(front, make_article, category):
    article = make_article(title=TITLE)
    paths = [
        "/",
        article.get_absolute_url(),
        "/tin-tuc/rss/",
        f"{category.get_absolute_url()}rss/",
        "/sitemap.xml",
        "/robots.txt",
    ]
    # The portal's name, as a visitor may write it: each is the portal, and the
    # first to ask for each page (a miss) decides what the front keeps.
    for host in [f"{HOST}:1337", f"{HOST}.", HOST.upper(), f"{HOST.upper()}.:443"]:
        for path in paths:
            page = fetch(front.url, "GET", path, headers={"Host": host})
            assert page.status == 200, (host, path, page.status)
    for path in paths:
        page = get(Browser(), front, path)
        assert page.headers["X-Cache"] in FROM_CACHE, path
        assert f"https://{HOST}/" in page.text, path
    poisoned = ["1337", HOST.upper(), f"{HOST}./", f"{HOST}.%2F"]
    for key, _, body in front.pages():
        assert key.startswith(f"https{HOST}/"), key
        assert not [mark for mark in poisoned if mark in body], key
    # Any other name, none, or an address: refused, on either port.
    for host in ["evil.example", f"{HOST}.evil.example", "127.0.0.1", "", None]:
        assert refused(front.https, host), host
        assert refused(front.http, host, https=False), host
    # A handshake for another name is refused, whatever Host follows.
    assert refused(front.https, HOST, name="evil.example")
    assert front.complaints() == []


def test_plain_http_redirects_to_the_portal_s_own_name_only(front):
    for host in [HOST, f"{HOST}:1337", HOST.upper()]:
        plain = fetch(
            f"http://127.0.0.1:{front.http}", "GET", "/tin-tuc/", headers={"Host": host}
        )
        assert plain.status == 301
        assert plain.location == f"https://{HOST}/tin-tuc/"
    assert refused(front.http, "evil.example", https=False)


def test_a_withdrawn_article_stays_withdrawn_after_a_quiet_spell(
    front, make_article, approver
):
    """Nobody asks for the page for three lifetimes; the next reader gets 404."""
    article = make_article(title=TITLE)
    url = article.get_absolute_url()
    reader = Browser()
    cached(reader, front, [url])
    staff = Browser()
    admin_login(staff, front.url, approver, "pw")
    change(staff, front, article, status="withdrawn")
    time.sleep(3 * LIFETIME)
    get(reader, front, url, status=404)


def test_pages_are_kept_compressed_and_unpacked_for_those_who_take_no_gzip(
    front, make_article
):
    make_article(title=TITLE)
    browser = {"Accept-Encoding": "gzip, deflate, br, zstd"}
    miss = fetch(front.url, "GET", "/", headers=browser)
    hit = fetch(front.url, "GET", "/", headers=browser)
    assert (miss.headers["X-Cache"], hit.headers["X-Cache"]) == ("MISS", "HIT")
    assert hit.headers["Content-Encoding"] == "gzip"
    # One copy in the cache, compressed; a client that takes no gzip gets it
    # unpacked by nginx.
    plain = fetch(front.url, "GET", "/")
    assert plain.headers["X-Cache"] == "HIT"
    assert "Content-Encoding" not in plain.headers
    assert gzip.decompress(hit.body) == plain.body
    [(key, head, _)] = [page for page in front.pages() if page[0].endswith("/")]
    assert "content-encoding: gzip" in head.lower(), key


def test_made_up_parameters_are_answered_from_the_page_and_kept_nowhere(front):
    clean = get(Browser(), front, "/")
    for n in range(20):
        page = get(Browser(), front, f"/?x={secrets.token_hex(8)}&fbclid={n}")
        assert page.text == clean.text
        assert (
            page.headers["Cache-Control"]
            == "public, max-age=0, s-maxage=0, stale-while-revalidate=0"
        )
        assert page.headers["X-Cache"] == "MISS"  # the front does not keep it
    assert [key for key, _, _ in front.pages()] == [f"https{HOST}/"]


def test_a_method_a_url_does_not_take_is_405_before_the_csrf_check(
    front, make_article, open_poll
):
    article = make_article(title=TITLE)
    taken = {
        "/": "GET, HEAD",
        article.get_absolute_url(): "GET, HEAD",
        "/tim-kiem/?q=hoang+mai": "GET, HEAD",
        f"/binh-chon/{open_poll.slug}/binh-chon/": "POST",
        admin_url("login/"): "GET, HEAD, POST",
    }
    for path, allow in taken.items():
        for method in ["PUT", "DELETE", "PATCH", "PROPFIND", "MKCOL", "BREW"]:
            response = fetch(front.url, method, path, body=b"")
            assert (response.status, response.headers["Allow"]) == (405, allow), (
                method,
                path,
            )
    assert fetch(front.url, "POST", "/", body=b"").status == 405
    assert front.complaints() == []
