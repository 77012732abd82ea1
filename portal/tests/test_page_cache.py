"""Anonymous pages come from the shared cache and carry nothing per visitor."""

import datetime
import gzip

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import resolve
from django.utils import timezone

from campaigns.models import Campaign, Report
from news.models import Article, Category
from portal import page_cache, redis_cache
from portal.tests.live import redis_database, use_redis
from portal.tests.urlconf import demo_pages
from publishing import params

pytestmark = pytest.mark.django_db

SAME_SITE = {"HTTP_ORIGIN": "http://testserver"}


def test_second_anonymous_request_is_served_from_the_cache(client, make_article):
    make_article(title="Tin đầu tiên")
    first = client.get("/")
    second = Client().get("/")
    assert first["X-Cache"] == "MISS" and second["X-Cache"] == "HIT"
    assert first.content == second.content
    assert "Content-Security-Policy" in second and "X-Request-ID" in second


def test_publishing_editing_and_unpublishing_show_at_once(
    client, make_article, django_capture_on_commit_callbacks
):
    article = make_article(title="Tin cũ")
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Tin đã sửa"
        article.save()
    assert "Tin đã sửa" in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_article(title="Tin vừa đăng")
    assert "Tin vừa đăng" in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        article.status = Article.Status.WITHDRAWN
        article.save()
    assert "Tin đã sửa" not in client.get("/").content.decode()


def test_a_new_generation_starts_only_when_the_change_is_committed(
    client, make_article, django_capture_on_commit_callbacks
):
    """A reader before the commit reads the old rows: never under the new generation."""
    article = make_article(title="Tin sắp được gỡ")
    before = page_cache.generation()
    with django_capture_on_commit_callbacks(execute=True) as waiting:
        article.status = Article.Status.WITHDRAWN
        article.save()
        assert page_cache.generation() == before
        campaign = Campaign.objects.create(name="Bầu cử 2021", period="2021")
        report = Report.objects.create(
            campaign=campaign, title="Kết quả", reported_on=datetime.date(2021, 5, 28)
        )
        article.reports.add(report)
        assert page_cache.generation() == before
        Category.objects.create(name="Chuyên mục mới").delete()
        assert page_cache.generation() == before
    assert len(waiting) >= 5  # the saves, the link and the deletion
    assert page_cache.generation() != before


def test_staff_always_get_fresh_pages(admin_client, make_article):
    make_article(title="Tin")
    admin_client.get("/")
    response = admin_client.get("/")
    assert "X-Cache" not in response


def test_no_message_csrf_token_or_vote_state_leaks(open_poll):
    voter, other = Client(), Client()
    other.get("/")  # the home page is now cached
    voter.post(
        f"/binh-chon/{open_poll.slug}/binh-chon/",
        {"choice": open_poll.choices.first().pk, "next": "/"},
        **SAME_SITE,
    )
    mine = voter.get("/")
    assert "Cảm ơn bạn đã bình chọn" in mine.content.decode()
    assert "X-Cache" not in mine  # a visitor with a message is not served the cache
    theirs = other.get("/").content.decode()
    assert "Cảm ơn bạn đã bình chọn" not in theirs
    assert "csrfmiddlewaretoken" not in theirs
    state = f"/binh-chon/{open_poll.slug}/trang-thai/"
    assert voter.get(state).json() == {"voted": True}
    assert other.get(state).json() == {"voted": False}
    assert voter.get(state)["Cache-Control"] == "private, no-store"


def test_view_counts_keep_counting_from_cached_pages(client, make_article):
    article = make_article()
    for reader in range(3):
        address = {"REMOTE_ADDR": f"203.0.113.{reader + 1}"}
        Client().get(article.get_absolute_url(), **address)
        Client().get(f"/tin-tuc/luot-xem/{article.pk}.gif", **address)
    article.refresh_from_db()
    assert article.view_count == 3


def test_pages_render_with_redis_down(client, redis_refused, make_article):
    """Redis unreachable: the cache is skipped, logged, and pages come from the DB."""
    make_article(title="Tin khi Redis ngừng")
    response = client.get("/")
    assert response.status_code == 200
    assert "Tin khi Redis ngừng" in response.content.decode()
    assert client.get("/readyz").json() == {"database": "ok", "cache": "unavailable"}


def test_search_pages_are_cached_and_follow_publishing(
    client, make_article, django_capture_on_commit_callbacks
):
    make_article(title="Lễ ra quân Tháng Thanh niên")
    url = "/tim-kiem/?q=thang+thanh+nien"
    assert client.get(url)["X-Cache"] == "MISS"
    assert Client().get(url)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        make_article(title="Tổng kết Tháng Thanh niên")
    fresh = Client().get(url)
    assert fresh["X-Cache"] == "MISS"
    assert "Tổng kết" in fresh.content.decode()


def test_poll_page_is_shared_briefly_by_non_voters_only(open_poll, time_machine):
    time_machine.move_to(timezone.now())
    url = open_poll.get_absolute_url()
    assert Client().get(url)["X-Cache"] == "MISS"
    assert Client().get(url)["X-Cache"] == "HIT"
    voter = Client()
    voter.post(
        f"/binh-chon/{open_poll.slug}/binh-chon/",
        {"choice": open_poll.choices.first().pk, "next": url},
        **SAME_SITE,
    )
    voter.cookies.pop("messages", None)
    mine = voter.get(url)
    assert "X-Cache" not in mine  # a voter sees their own page, fresh
    assert mine["Cache-Control"] == "private, no-cache"
    assert Client().get(url)["X-Cache"] == "HIT"
    # Non-voters see counts at most POLL_PAGE_CACHE_SECONDS old.
    time_machine.shift(6)
    assert Client().get(url)["X-Cache"] == "MISS"


def test_no_page_cache_at_all_when_turned_off(settings, make_article):
    settings.PAGE_CACHE_SECONDS = 0
    make_article(title="Tin")
    for _ in range(2):
        assert "X-Cache" not in Client().get("/")


# Per response: never stored, never replayed.
PER_RESPONSE = {"X-Request-ID", "X-Cache", "Set-Cookie"}


def test_a_hit_carries_the_headers_of_the_miss_that_stored_it():
    wrong, hits = [], {}
    for kind, url in demo_pages().items():
        miss, hit = Client().get(url), Client().get(url)
        assert (miss["X-Cache"], hit["X-Cache"]) == ("MISS", "HIT"), kind
        stored = {k: v for k, v in miss.headers.items() if k not in PER_RESPONSE}
        replayed = {k: v for k, v in hit.headers.items() if k not in PER_RESPONSE}
        for name in sorted(stored.keys() | replayed.keys()):
            if stored.get(name) != replayed.get(name):
                wrong.append(
                    f"{kind} {url} {name}: {stored.get(name)!r} on the miss, "
                    f"{replayed.get(name)!r} on the hit"
                )
        assert hit.content == miss.content, kind
        hits[kind] = hit
    assert not wrong, "\n".join(wrong)
    assert hits["search"]["X-Robots-Tag"] == "noindex"
    assert hits["poll"]["Cache-Control"] == "no-cache"
    assert (
        hits["sitemap"]["Cache-Control"]
        == "public, max-age=0, s-maxage=9, stale-while-revalidate=1"
    )
    assert hits["home"]["X-Frame-Options"] == "DENY"
    assert hits["home"]["Content-Language"] == "vi"
    assert hits["home"]["Vary"] == "Accept-Language, Accept-Encoding"


def test_a_publish_during_an_outage_shows_once_redis_is_back(
    settings, client, make_article, django_capture_on_commit_callbacks
):
    """Pages cached before the outage are not served again after a change made in it."""
    with redis_database(7) as redis_url:
        use_redis(settings, redis_url)
        article = make_article(title="Tin sắp được gỡ")
        assert Client().get("/")["X-Cache"] == "MISS"
        assert Client().get("/")["X-Cache"] == "HIT"
        redis_cache.pause("Redis stopped answering")
        with django_capture_on_commit_callbacks(execute=True):
            article.status = Article.Status.WITHDRAWN
            article.save()
        redis_cache.resume()  # Redis is back, with the page cached before
        page = Client().get("/")
        assert page["X-Cache"] == "MISS"
        assert "Tin sắp được gỡ" not in page.content.decode()


def page_entries():
    """Return the keys of the pages in the (local-memory) cache of the tests."""
    return [key for key in cache._cache if ":page:" in key]


def test_parameters_a_page_does_not_read_are_answered_from_its_entry(
    client, make_article
):
    """fbclid on a shared link, or x=<random> to miss the cache: the same page."""
    make_article(title="Tin được chia sẻ trên Facebook")
    clean = Client().get("/")
    assert clean["X-Cache"] == "MISS"
    assert (
        clean["Cache-Control"]
        == "public, max-age=0, s-maxage=9, stale-while-revalidate=1"
    )
    entries = page_entries()
    made_up = [
        "fbclid=IwAR0xZ",
        "utm_source=zalo&utm_medium=social",
        "x=" + "a" * 3000,
        "&".join(f"k{n}=1" for n in range(50)),
        "q=%3Cscript%3E",  # the search page's parameter, not the home page's
    ]
    for query in made_up:
        response = Client().get(f"/?{query}")
        assert response["X-Cache"] == "HIT", query
        assert response.content == clean.content, query
        # The front keeps the clean address only: one copy, not one per query.
        assert (
            response["Cache-Control"]
            == "public, max-age=0, s-maxage=0, stale-while-revalidate=0"
        ), query
    assert page_entries() == entries


def test_parameters_a_page_reads_make_pages_of_their_own(client, make_article):
    for n in range(14):  # two pages of the news list
        make_article(title=f"Tin số {n}")
    first, second = Client().get("/tin-tuc/"), Client().get("/tin-tuc/?page=2")
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "MISS")
    assert first.content != second.content
    again = Client().get("/tin-tuc/?fbclid=1&page=2&utm_source=zalo")
    assert again["X-Cache"] == "HIT" and again.content == second.content
    assert (
        again["Cache-Control"]
        == "public, max-age=0, s-maxage=0, stale-while-revalidate=0"
    )
    assert (
        Client()
        .get("/tin-tuc/?page=2")["Cache-Control"]
        .endswith("s-maxage=9, stale-while-revalidate=1")
    )


def test_a_view_that_reads_a_parameter_it_does_not_declare_fails_loudly(rf):
    """Else it would be answered from the cached page of another value."""
    request = rf.get("/", {"trang": "2"})
    request.resolver_match = resolve("/")
    with pytest.raises(ImproperlyConfigured, match=r"reads \?trang="):
        params.get(request, "trang")


def test_pages_are_kept_compressed_for_clients_that_take_gzip(client, make_article):
    make_article(title="Tin nén gzip")
    browser = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br, zstd"}
    miss, hit = Client().get("/", **browser), Client().get("/", **browser)
    assert (miss["X-Cache"], hit["X-Cache"]) == ("MISS", "HIT")
    assert hit["Content-Encoding"] == "gzip" and hit.content == miss.content
    plain = Client().get("/")  # a client that takes no gzip: an entry of its own
    assert plain["X-Cache"] == "MISS" and "Content-Encoding" not in plain
    assert gzip.decompress(hit.content) == plain.content
    assert int(hit["Content-Length"]) < len(plain.content) / 2


def test_no_page_repeats_a_parameter_it_does_not_read():
    """The first reader's made-up query must not reach the page others are served."""
    for kind, url in demo_pages().items():
        cache.clear()
        join = "&" if "?" in url else "?"
        first = Client().get(f"{url}{join}x=DAU_VET&fbclid=DAU_VET")
        assert first.status_code == 200, kind
        assert "DAU_VET" not in first.content.decode(), kind
