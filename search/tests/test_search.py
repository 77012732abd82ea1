import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import Article
from search import index as search
from search.models import SearchEntry

pytestmark = pytest.mark.django_db

URL = "/tim-kiem/"


@pytest.fixture
def corpus(make_article):
    """A small fixed corpus: dates one day apart, newest first in this list."""
    now = timezone.now()

    def at(days):
        return now - datetime.timedelta(days=days)

    return {
        "title_new": make_article(
            title="Phường Định Công ra quân vệ sinh",
            body="<p>Người dân tham gia.</p>",
            published_at=at(1),
        ),
        "body_newest": make_article(
            title="Tin ngắn trong ngày",
            body="<p>Hội nghị ở phường Định Công.</p>",
            published_at=at(0.5),
        ),
        "title_old": make_article(
            title="ĐỊNH CÔNG: khánh thành nhà văn hóa",
            body="<p>Khánh thành.</p>",
            published_at=at(5),
        ),
        "other": make_article(
            title="Hoàng Liệt tổ chức hội thao",
            body="<p>Thể thao.</p>",
            published_at=at(2),
        ),
        "draft": make_article(
            title="Định Công: bản nháp",
            status=Article.Status.DRAFT,
        ),
        "future": make_article(
            title="Định Công: bài hẹn giờ",
            published_at=now + datetime.timedelta(days=1),
        ),
    }


def titles(client, **params):
    html = client.get(URL, params).content.decode()
    found = re.findall(r'<a href="[^"]+">(.*?)</a></h2>', html)
    return [re.sub(r"</?mark>", "", t) for t in found]


@pytest.mark.parametrize("query", ["dinh cong", "Định Công", "ĐỊNH CÔNG", "đinh cong"])
def test_diacritics_and_case_do_not_matter(client, corpus, query):
    assert titles(client, q=query) == [
        "Phường Định Công ra quân vệ sinh",
        "ĐỊNH CÔNG: khánh thành nhà văn hóa",
        "Tin ngắn trong ngày",
    ]


def test_title_matches_rank_above_body_matches_then_newest_first(client, corpus):
    # Already shown above; and "newest first" as an option ignores relevance.
    assert titles(client, q="dinh cong", **{"sap-xep": "moi-nhat"}) == [
        "Tin ngắn trong ngày",
        "Phường Định Công ra quân vệ sinh",
        "ĐỊNH CÔNG: khánh thành nhà văn hóa",
    ]


def test_d_with_stroke_folds_to_d_both_ways(client, make_article):
    make_article(title="Đảng bộ quận tổng kết")
    assert titles(client, q="dang bo") == ["Đảng bộ quận tổng kết"]
    assert titles(client, q="ĐẢNG BỘ") == ["Đảng bộ quận tổng kết"]


def test_drafts_and_scheduled_items_never_appear(client, corpus):
    found = titles(client, q="dinh cong")
    assert "Định Công: bản nháp" not in found
    assert "Định Công: bài hẹn giờ" not in found


def test_a_scheduled_item_appears_when_due(client, corpus):
    import time_machine

    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert "Định Công: bài hẹn giờ" in titles(client, q="dinh cong")


def test_withdrawing_removes_it_at_once(client, corpus):
    article = corpus["title_new"]
    article.status = Article.Status.WITHDRAWN
    article.save()
    assert "Phường Định Công ra quân vệ sinh" not in titles(client, q="dinh cong")


def test_matched_words_are_highlighted_in_the_original_text(client, corpus):
    html = client.get(URL, {"q": "dinh cong"}).content.decode()
    assert "Phường <mark>Định Công</mark> ra quân" in html
    assert "phường <mark>Định Công</mark>." in html  # the snippet


def test_kind_and_date_filters(client, corpus, campaign_for_search):
    assert titles(client, q="dinh cong", loai="campaign") == ["Định Công xanh"]
    two_days_ago = (timezone.localdate() - datetime.timedelta(days=2)).isoformat()
    found = titles(client, q="dinh cong", loai="article", tu=two_days_ago)
    assert found == ["Phường Định Công ra quân vệ sinh", "Tin ngắn trong ngày"]


@pytest.fixture
def campaign_for_search(db):
    from campaigns.models import Campaign

    return Campaign.objects.create(
        name="Định Công xanh", summary="Mô hình.", period="2021"
    )


@pytest.mark.parametrize(
    "query",
    [
        "",
        "x" * 10000,
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "!!!",
        "%",
        "_",
        "\\",
        "dinh & cong | !x",
        "a:*",
        "\x00",
    ],
)
def test_bad_input_gets_a_clear_page(client, corpus, query):
    response = client.get(
        URL, {"q": query, "loai": "<b>", "tu": "2021-13-45", "page": "x"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert '<meta name="robots" content="noindex, follow">' in html
    assert response["X-Robots-Tag"] == "noindex"


def test_long_queries_are_cut_with_a_notice(client, corpus):
    html = client.get(URL, {"q": "dinh cong " + "x" * 10000}).content.decode()
    assert "chỉ dùng 200 ký tự đầu tiên" in html
    assert "<title>Tìm kiếm: dinh cong" in html


def test_results_are_paginated_keeping_the_query(client, make_article):
    for n in range(12):
        make_article(title=f"Định Công tin số {n}")
    html = client.get(URL, {"q": "dinh cong"}).content.decode()
    assert "12 kết quả" in html
    assert 'href="?q=dinh+cong&amp;page=2"' in html
    assert len(titles(client, q="dinh cong", page="2")) == 2


def test_reports_documents_and_campaigns_are_found(client):
    import io

    from django.core.management import call_command

    call_command("seed_demo", stdout=io.StringIO())
    kinds = set(SearchEntry.objects.filter(public=True).values_list("kind", flat=True))
    assert kinds == {"article", "report", "campaign", "document"}
    assert titles(client, q="50-KH/QU")[0] == "Kế hoạch số 50-KH/QU"
    assert "Kết quả bầu cử ngày 23/5/2021 trên địa bàn quận Hoàng Mai" in titles(
        client, q="bau cu", loai="report"
    )


def test_the_index_finds_exactly_what_the_querysets_show(client):
    import io

    import time_machine
    from django.core.management import call_command

    from campaigns.models import Campaign, Document, Report

    call_command("seed_demo", stdout=io.StringIO())
    now = timezone.now()
    day = datetime.timedelta(days=1)
    hidden = Campaign.objects.create(
        name="Phong trào tạm ẩn", summary="Tóm tắt.", period="2020", active=False
    )
    active = Campaign.objects.active().first()
    for campaign, fields in [
        (hidden, {}),
        (active, {"status": Report.Status.WITHDRAWN}),
        (active, {"published_at": now + day}),
    ]:
        Report.objects.create(
            campaign=campaign,
            title=f"Báo cáo thử {Report.objects.count()}",
            period="2021",
            reported_on=datetime.date(2021, 12, 1),
            summary="Tóm tắt.",
            **({"status": Report.Status.PUBLISHED, "published_at": now - day} | fields),
        )
    for n, fields in enumerate(
        [{"status": Document.Status.WITHDRAWN}, {"published_at": now + day}]
    ):
        Document.objects.create(
            number=f"{n}-TB/TH",
            kind=Document.Kind.NOTICE,
            issuer="Quận ủy",
            issued_on=datetime.date(2021, 12, 1),
            summary="Thông báo.",
            **(
                {"status": Document.Status.PUBLISHED, "published_at": now - day}
                | fields
            ),
        )

    def shown():
        querysets = {
            "article": Article.objects.published(),
            "report": Report.objects.published(),
            "campaign": Campaign.objects.active(),
            "document": Document.objects.published(),
        }
        return {
            (kind, pk)
            for kind, queryset in querysets.items()
            for pk in queryset.values_list("pk", flat=True)
        }

    def found():
        return set(SearchEntry.objects.published().values_list("kind", "object_id"))

    assert found() == shown()
    with time_machine.travel(now + 2 * day):  # the scheduled items are due
        assert found() == shown()
    active.active = False
    active.save()
    assert found() == shown()
    search.rebuild()
    assert found() == shown()
    assert ("report", Report.objects.get(campaign=hidden).pk) not in found()


def test_rebuild_gives_the_same_index(corpus):
    before = set(SearchEntry.objects.values_list("kind", "object_id", "public", "url"))
    assert search.rebuild() == len(before)
    after = set(SearchEntry.objects.values_list("kind", "object_id", "public", "url"))
    assert before == after


def test_every_page_has_the_search_box(client, db):
    assert 'action="/tim-kiem/"' in client.get("/").content.decode()


def test_the_search_box_keeps_the_words_escaped_and_clipped(client):
    page = client.get("/tim-kiem/", {"q": 'phòng "cháy" <b>&'}).content.decode()
    assert 'value="phòng &quot;cháy&quot; &lt;b&gt;&amp;"' in page
    long = client.get("/tim-kiem/", {"q": "a" * 300}).content.decode()
    assert 'name="q" placeholder="Tìm kiếm…" maxlength="200" value="' + "a" * 199 in (
        long
    )
    assert "a" * 201 not in long.split('id="tu-khoa"', 1)[1].split(">", 1)[0]
    home = client.get("/").content.decode()
    assert 'maxlength="200" value="">' in home


def test_past_the_cap_the_page_says_more_than_and_still_pages(
    client, settings, make_article, monkeypatch
):
    settings.PAGE_CACHE_SECONDS = 0
    monkeypatch.setattr(search, "MAX_COUNT", 20)
    for n in range(25):
        make_article(title=f"Định Công tin số {n}")
    html = client.get(URL, {"q": "dinh cong"}).content.decode()
    assert '<p class="meta">Hơn 20 kết quả\n  cho “dinh cong”.</p>' in html
    assert 'href="?q=dinh+cong&amp;page=2"' in html
    assert titles(client, q="dinh cong", page="2") == [
        f"Định Công tin số {n}" for n in range(10, 20)
    ]
    second = client.get(URL, {"q": "dinh cong", "page": "2"}).content.decode()
    assert "page=3" not in second
    monkeypatch.setattr(search, "MAX_COUNT", 25)
    html = client.get(URL, {"q": "dinh cong"}).content.decode()
    assert '<p class="meta">25 kết quả\n  cho “dinh cong”.</p>' in html


def search_queries(client, query):
    """Return how many SQL statements a search page sends to the search index."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, {"q": query}).status_code == 200
    return sum("portal_searchentry" in q["sql"] for q in captured.captured_queries)


def test_a_phrase_found_by_few_is_read_in_one_query_and_empty_groups_not_at_all(
    client, settings, make_article
):
    settings.PAGE_CACHE_SECONDS = 0
    make_article(title="Phường Định Công ra quân", body="<p>Tin ngắn.</p>")
    make_article(title="Công tác xác định mốc giới", body="<p>Tin ngắn.</p>")
    make_article(title="Tin ngắn", body="<p>Sáng nay các phường ra quân.</p>")
    # Counts of the phrase and of the words apart, then a page of each: the
    # phrase, title first, and the words apart.
    assert search_queries(client, "dinh cong") == 2 + 2
    # No entry holds "công định": only the words apart are read.
    assert search_queries(client, "cong dinh") == 2 + 1
    # In quotes, the phrase only: counted, found nowhere, done.
    assert search_queries(client, '"cong dinh"') == 1
    # Every entry holding "ra" and "quân" holds "ra quân": no words apart.
    assert search_queries(client, "ra quan") == 2 + 1


def test_a_phrase_found_by_many_is_read_title_then_text_newest_first(
    client, settings, make_article, monkeypatch
):
    settings.PAGE_CACHE_SECONDS = 0
    monkeypatch.setattr(search, "MAX_COUNT", 3)
    make_article(title="Tin mới nhất", body="<p>Phường Định Công.</p>")
    make_article(title="Định Công ra quân", body="<p>Tin ngắn.</p>")
    make_article(title="Tin mới", body="<p>Phường Định Công.</p>")
    make_article(title="Định Công: tin cũ", body="<p>Tin ngắn.</p>")
    make_article(title="Công tác xác định mốc giới", body="<p>Tin ngắn.</p>")
    assert titles(client, q="dinh cong") == [
        "Định Công ra quân",
        "Định Công: tin cũ",
        "Tin mới nhất",
    ]
    # The phrase counted past 3 (the words apart are not counted then), the
    # title group, the text group.
    assert search_queries(client, "dinh cong") == 1 + 2


def test_pages_run_from_the_phrase_on_to_the_words_apart(
    client, settings, make_article
):
    settings.PAGE_CACHE_SECONDS = 0
    for n in range(8):  # newest first: 0, 1, …
        make_article(title=f"Định Công tin số {n}")
    for n in range(5):
        make_article(title=f"Công tác xác định số {n}")
    first = titles(client, q="dinh cong")
    assert first == [f"Định Công tin số {n}" for n in range(8)] + [
        "Công tác xác định số 0",
        "Công tác xác định số 1",
    ]
    assert titles(client, q="dinh cong", page="2") == [
        f"Công tác xác định số {n}" for n in range(2, 5)
    ]


def test_an_undated_campaign_comes_last_of_its_group(
    client, corpus, campaign_for_search
):
    assert titles(client, q="dinh cong") == [
        "Phường Định Công ra quân vệ sinh",
        "ĐỊNH CÔNG: khánh thành nhà văn hóa",
        "Định Công xanh",
        "Tin ngắn trong ngày",
    ]
    assert titles(client, q="dinh cong", **{"sap-xep": "moi-nhat"}) == [
        "Tin ngắn trong ngày",
        "Phường Định Công ra quân vệ sinh",
        "ĐỊNH CÔNG: khánh thành nhà văn hóa",
        "Định Công xanh",
    ]
