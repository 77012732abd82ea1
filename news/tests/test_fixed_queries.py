"""The fixed SELECTs of public pages agree with the ORM's definitions.

news/lists.py and the side-column tags read with SQL written once (speed); the
rules of what readers may see live in the querysets. These tests hold the two
together on both databases, with items that must be left out of every list.
"""

import datetime

import pytest
from django.utils import timezone

from campaigns.models import Campaign, Report
from news import lists
from news.models import Article, Category
from news.templatetags.news_tags import categories, most_read_articles
from polls.models import Choice, Poll
from polls.templatetags.polls_tags import current_choices

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def mixed(make_article, category):
    """Published articles in two categories, and others no reader may see."""
    other = Category.objects.create(name="Xây dựng Đảng", order=0)
    for n in range(12):
        make_article(
            category=other if n % 3 else category,
            is_featured=n % 4 == 0,
            view_count=(n * 37) % 11,
        )
    now = timezone.now()
    hidden = [
        make_article(status=Article.Status.DRAFT, is_featured=True, view_count=999),
        make_article(published_at=now + HOUR, is_featured=True, view_count=998),
        make_article(
            status=Article.Status.WITHDRAWN,
            published_at=now - HOUR,
            is_featured=True,
            view_count=997,
        ),
    ]
    return other, hidden


def titles(articles):
    return [article.title for article in articles]


def test_featured_and_latest_per_category_match_the_orm(mixed, category):
    other, hidden = mixed
    listed = Article.objects.listed()
    featured, latest = lists.home_lists(categories(None), 5, 4)
    assert titles(featured) == titles(listed.filter(is_featured=True)[:5])
    for each in (category, other):
        assert titles(latest[each.pk]) == titles(listed.filter(category=each)[:4])
    shown = {a.pk for found in latest.values() for a in found}
    assert not shown & {a.pk for a in hidden}


def test_the_home_pages_lists_are_one_statement(mixed, django_assert_num_queries):
    listed = categories(None)
    lists.home_lists(listed, 5, 4)  # on PostgreSQL, the first call also prepares
    with django_assert_num_queries(1):
        featured, latest = lists.home_lists(listed, 5, 4)
    assert len(featured) == 3 and len(latest) == 2
    # Without categories (none created yet), the featured articles still come.
    assert lists.home_lists([], 5, 4)[1] == {}
    assert titles(lists.home_lists([], 5, 4)[0]) == titles(featured)
    assert lists.home_lists(listed, 0, 4)[0] == []


def test_cards_carry_what_they_show_without_more_queries(
    mixed, django_assert_num_queries
):
    listed = categories(None)
    lists.home_lists(listed, 5, 4)  # on PostgreSQL, the first call also prepares
    with django_assert_num_queries(1):
        featured, latest = lists.home_lists(listed, 5, 4)
    cards = featured + [a for found in latest.values() for a in found]
    with django_assert_num_queries(0):
        shown = [
            (a.get_absolute_url(), a.cover_card, a.category.name, a.title, a.sapo)
            + (a.published_at, a.cover_alt)
            for a in cards
        ]
    assert len(shown) == 3 + 4 + 4


def test_related_and_most_read_match_the_orm(mixed, category):
    article = Article.objects.listed().filter(category=category)[2]
    orm = Article.objects.listed().filter(category=category).exclude(pk=article.pk)
    assert titles(lists.related(article)) == titles(orm[:4])
    by_views = Article.objects.listed().order_by("-view_count", "-published_at", "-pk")
    assert most_read_articles() == [
        (a.title, a.get_absolute_url()) for a in by_views[:5]
    ]


def test_categories_in_menu_order(mixed):
    assert [c.name for c in categories(None)] == [
        c.name for c in Category.objects.all()
    ]


def test_reports_citing_an_article_match_the_orm(make_article):
    article = make_article()
    now = timezone.now()
    campaign = Campaign.objects.create(name="Bầu cử 2021", summary="Tóm tắt.")

    def make_report(**fields):
        fields.setdefault("status", Report.Status.PUBLISHED)
        fields.setdefault("published_at", now - HOUR)
        fields.setdefault("reported_on", datetime.date(2021, 5, 28))
        return Report.objects.create(campaign=campaign, period="2021", **fields)

    for n, fields in enumerate(
        [
            {},
            {"reported_on": datetime.date(2022, 1, 1)},
            {"status": Report.Status.DRAFT},
            {"published_at": now + HOUR},
        ]
    ):
        report = make_report(title=f"Báo cáo {n}", **fields)
        report.related_articles.add(article)
    make_report(title="Không liên quan")
    orm = Report.objects.listed().filter(related_articles=article)
    found = lists.article_page(article.slug)[2]
    assert (
        [r["title"] for r in found]
        == [r.title for r in orm]
        == [
            "Báo cáo 1",
            "Báo cáo 0",
        ]
    )
    assert [r["url"] for r in found] == [r.get_absolute_url() for r in orm]
    assert {r["campaign"] for r in found} == {campaign.name}


def make_poll(question, **fields):
    fields.setdefault("status", Poll.Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - HOUR)
    fields.setdefault("opens_at", timezone.now() - HOUR)
    poll = Poll.objects.create(question=question, **fields)
    for order, text in enumerate(["Hài lòng", "Chưa hài lòng"]):
        Choice.objects.create(poll=poll, text=f"{text} ({question})", order=order)
    return poll


def test_current_poll_matches_the_orm():
    now = timezone.now()
    assert current_choices() == (None, [])
    make_poll("Nháp", status=Poll.Status.DRAFT, opens_at=now - HOUR / 4)
    make_poll("Chưa đăng", published_at=now + HOUR, opens_at=now - HOUR / 4)
    make_poll("Tạm dừng", active=False, opens_at=now - HOUR / 4)
    make_poll("Đã đóng", opens_at=now - HOUR / 4, closes_at=now - HOUR / 8)
    make_poll("Chưa mở", opens_at=now + HOUR)
    make_poll("Cũ hơn", opens_at=now - 2 * HOUR)
    expected = make_poll("Mới nhất", opens_at=now - HOUR / 2, closes_at=now + HOUR)
    assert Poll.objects.current().first() == expected
    poll, choices = current_choices()
    assert (poll.pk, poll.question, poll.slug) == (
        expected.pk,
        expected.question,
        expected.slug,
    )
    assert [(c.pk, c.text) for c in choices] == [
        (c.pk, c.text) for c in expected.choices.all()
    ]


def test_an_article_by_slug_matches_the_orm(mixed, make_article, category):
    other, hidden = mixed
    campaign = Campaign.objects.create(name="Bầu cử 2021", summary="Tóm tắt.")
    in_campaign = make_article(campaign=campaign, author="Phòng Văn hóa")
    for article in [in_campaign, *Article.objects.published()]:
        orm = Article.objects.published().select_related("category", "campaign")
        expected = orm.get(slug=article.slug)
        found = lists.article_page(article.slug)[0]
        for field in Article._meta.concrete_fields:
            if field.name != "search_text":
                assert getattr(found, field.attname) == getattr(
                    expected, field.attname
                ), field.name
        assert found.category.name == expected.category.name
        assert (found.campaign and found.campaign.name) == (
            expected.campaign and expected.campaign.name
        )
    for article in hidden:
        assert lists.article_page(article.slug) is None
    assert lists.article_page("khong-co-bai-nay") is None


def test_an_article_page_reads_no_more_than_its_select(
    make_article, django_assert_num_queries
):
    campaign = Campaign.objects.create(name="Bầu cử 2021", summary="Tóm tắt.")
    article = make_article(campaign=campaign)
    lists.article_page(article.slug)  # on PostgreSQL, the first call also prepares
    with django_assert_num_queries(1):
        found, related, reports = lists.article_page(article.slug)
    with django_assert_num_queries(0):
        shown = (
            found.get_absolute_url(),
            found.body,
            found.category.get_absolute_url(),
            found.campaign.active,
            found.campaign.get_absolute_url(),
            found.cover_full,
            found.view_count,
        )
    assert shown[0] == article.get_absolute_url()


def test_an_article_pages_related_cards_match_the_orm(
    mixed, make_article, django_assert_num_queries
):
    for article in Article.objects.published():
        found, related, reports = lists.article_page(article.slug)
        orm = Article.objects.listed().filter(category=article.category_id)
        expected = orm.exclude(pk=article.pk)[:4]
        assert titles(related) == titles(expected)
        assert titles(related) == titles(lists.related(found))  # the preview's
        with django_assert_num_queries(0):
            shown = [
                (a.get_absolute_url(), a.cover_card, a.category.name, a.sapo)
                + (a.published_at, a.cover_alt)
                for a in related
            ]
        assert shown == [
            (a.get_absolute_url(), a.cover_card, a.category.name, a.sapo)
            + (a.published_at, a.cover_alt)
            for a in expected
        ]
        assert reports == []
