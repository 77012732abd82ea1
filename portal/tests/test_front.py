"""The production front, tested: Debian's nginx with deploy/nginx/hoangmai.conf.

nginx (portal.tests.front) runs the shipped site file in front of two gunicorn
servers under production settings, on PostgreSQL and Redis. Readers, voters and
an approver talk HTTPS to nginx only, as browsers do. The servers tell the front
cache to keep anonymous pages LIFETIME seconds (SHARED_CACHE_SECONDS).
"""

import re
import secrets
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from news.models import Article
from polls.models import Vote

from .databases import postgresql_only
from .front import nginx_front, require_nginx
from .live import (
    Browser,
    admin_login,
    admin_url,
    app_servers,
    database_url,
    fetch,
    production_env,
    read_form,
    redis_database,
)

pytestmark = postgresql_only(
    "app servers sharing a database need PostgreSQL, not an SQLite file"
)

LIFETIME = 2
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


@pytest.fixture
def front(transactional_db, static_root, tmp_path):
    """nginx on the shipped site file, in front of gunicorn servers A and B."""
    require_nginx()
    media_root = tmp_path / "media"
    media_root.mkdir()
    with redis_database(11) as redis_url:
        env = production_env(
            secret_key=secrets.token_urlsafe(50),
            database_url=database_url("portal-front-test"),
            redis_url=redis_url,
            static_root=static_root,
            media_root=media_root,
            SHARED_CACHE_SECONDS=LIFETIME,
        )
        with app_servers(["A", "B"], env, tmp_path) as servers:
            upstreams = [f"127.0.0.1:{server.port}" for server in servers]
            with nginx_front(
                tmp_path / "nginx", upstreams, static_root, media_root
            ) as front:
                front.servers = servers
                front.static_root = static_root
                yield front


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
        assert admin.status == 302 and admin.headers["X-Cache"] != "HIT"
        login = get(reader, front, admin_url("login/"))
        assert login.headers["X-Cache"] != "HIT" and "Set-Cookie" in login.headers
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
    assert front.stored(), "the front cache kept nothing"
    for entry in front.stored():
        headers = entry.split(b"\r\n\r\n", 1)[0]
        assert b"set-cookie" not in headers.lower()
        assert b"Cam \xc6\xa1n b\xe1\xba\xa1n" not in entry  # no voter's page either


def test_a_burst_on_an_expired_page_reaches_the_app_servers_once(front, make_article):
    article = make_article(title=TITLE).get_absolute_url()

    def upstream_requests():
        return sum(
            line.split()[2] == article
            for server in front.servers
            for line in server.access_log.read_text().splitlines()
        )

    cached(Browser(), front, [article])
    assert upstream_requests() == 1
    # nginx counts a lifetime in whole seconds: a copy lives up to a second more.
    time.sleep(LIFETIME + 1.2)
    with ThreadPoolExecutor(max_workers=20) as pool:
        burst = list(pool.map(lambda _: Browser().get(front.url, article), range(40)))
    assert {page.status for page in burst} == {200}
    assert all(TITLE in page.text for page in burst)
    # The one refresh runs in the background: wait until it is logged, then a bit.
    deadline = time.monotonic() + 10
    while upstream_requests() < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)
    assert upstream_requests() == 2


def test_the_view_counter_counts_every_reader_through_the_front(front, make_article):
    article = make_article(title=TITLE)
    pixel = f"/tin-tuc/luot-xem/{article.pk}.gif"
    readers = [Browser(user_agent=f"Mozilla/5.0 (reader {n})") for n in range(6)]
    for reader in readers:
        get(reader, front, article.get_absolute_url())
        counted = get(reader, front, pixel)
        assert counted.headers["X-Cache"] == "MISS"
        assert counted.headers["Content-Type"] == "image/gif"
    # A reader counts once an hour, however often the page is opened.
    get(readers[0], front, pixel)
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
    assert source == "HIT"
    widget.get_by_label(open_poll.choices.first().text).check()
    widget.get_by_role("button", name="Bình chọn").click()
    page.get_by_text("Cảm ơn bạn đã bình chọn!").wait_for()

    page, source, widget = home(first)
    assert source == "HIT"  # the same page every reader gets, from the front cache
    widget.get_by_text("Bạn đã bình chọn cho câu hỏi này.").wait_for()
    assert not widget.locator("form").is_visible()
    results = page.goto(front.url + open_poll.get_absolute_url())
    assert results.headers.get("x-cache") == "BYPASS"  # the poll page, as this voter
    assert page.locator(".notice--success").get_by_text("Bạn đã bình chọn").is_visible()

    second = browser.new_context(ignore_https_errors=True)
    page, source, widget = home(second)
    assert source == "HIT"
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
