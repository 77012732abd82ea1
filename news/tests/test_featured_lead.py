"""The home page's lead is the newest featured article with a cover."""

import re

import pytest

from news.models import Article

from .test_newsroom import change_url, form_data

pytestmark = pytest.mark.django_db

CHANGELIST_URL = "/admin/news/article/"


def featured_cards(client):
    """Return (wide, title, has a picture) for each card of "Tin nổi bật"."""
    html = client.get("/").content.decode()
    section = re.search(r'<section class="featured".*?</section>', html, re.S).group()
    cards = re.findall(
        r'<article class="card( card--wide)?">(.*?)</article>', section, re.S
    )
    return [
        (bool(wide), re.search(r'card__title">\s*<a[^>]*>([^<]*)<', card).group(1),
         "<img" in card)
        for wide, card in cards
    ]  # fmt: skip


def test_the_lead_is_the_newest_featured_with_a_cover(client, make_article):
    # make_article publishes the first made the latest.
    without = make_article(is_featured=True, title="Tin nổi bật không ảnh")
    covered = make_article(is_featured=True, with_cover=True, title="Tin có ảnh")
    older = make_article(is_featured=True, with_cover=True, title="Tin có ảnh cũ")
    make_article(title="Tin thường")
    assert [(a, a.lead) for a in Article.objects.featured()] == [
        (covered, True),
        (without, False),
        (older, False),
    ]
    assert featured_cards(client) == [
        (True, "Tin có ảnh", True),
        (False, "Tin nổi bật không ảnh", False),
        (False, "Tin có ảnh cũ", True),
    ]


def test_without_a_featured_cover_there_is_no_lead_only_text(client, make_article):
    make_article(is_featured=True, title="Tin nổi bật một")
    make_article(is_featured=True, title="Tin nổi bật hai")
    make_article(with_cover=True, title="Tin thường có ảnh")
    assert featured_cards(client) == [
        (False, "Tin nổi bật một", False),
        (False, "Tin nổi bật hai", False),
    ]


def test_the_approver_is_told_a_featured_article_has_no_cover(
    approver_client, make_article
):
    article = make_article(title="Tin chưa có ảnh")
    response = approver_client.post(
        change_url(article), form_data(article, is_featured="on"), follow=True
    )
    said = [str(m) for m in response.context["messages"]]
    warning = "“Tin chưa có ảnh” là tin nổi bật nhưng chưa có ảnh đại diện"
    assert [m for m in said if m.startswith(warning)]
    covered = make_article(title="Tin có ảnh", with_cover=True)
    other = make_article(title="Tin khác chưa có ảnh")
    response = approver_client.post(
        CHANGELIST_URL,
        {"action": "feature", "_selected_action": [covered.pk, other.pk], "index": 0},
        follow=True,
    )
    said = [str(m) for m in response.context["messages"]]
    assert [m for m in said if "là tin nổi bật nhưng chưa có ảnh" in m] == [
        m for m in said if m.startswith("“Tin khác chưa có ảnh” là tin nổi bật")
    ]
    assert len([m for m in said if "chưa có ảnh đại diện" in m]) == 1


def test_the_form_says_what_a_featured_article_needs_to_lead(approver_client):
    page = approver_client.get("/admin/news/article/add/").content.decode()
    assert "Tin nổi bật mới nhất có ảnh đại diện là tin chính" in page
    assert "bài viết đã xuất bản chỉ hiện với bạn đọc từ thời điểm này" in page.lower()
