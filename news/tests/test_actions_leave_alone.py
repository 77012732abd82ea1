"""List actions change only what needs changing, and say what they left alone."""

import datetime

import pytest
from django.utils import timezone

from news.models import Article

pytestmark = pytest.mark.django_db

CHANGELIST_URL = "/admin/news/article/"


def run(client, action, *articles):
    response = client.post(
        CHANGELIST_URL,
        {"action": action, "_selected_action": [a.pk for a in articles], "index": 0},
        follow=True,
    )
    assert response.status_code == 200
    return [str(m) for m in response.context["messages"]]


def test_publish_now_leaves_published_articles_and_their_dates_alone(
    approver_client, make_article
):
    old = make_article(title="Bài đã đăng từ tuần trước")
    stamp = old.published_at
    version, history = old.version, old.history.count()
    draft = make_article(title="Bài nháp", status=Article.Status.REVIEW)
    said = run(approver_client, "publish_now", old, draft)
    old.refresh_from_db()
    draft.refresh_from_db()
    assert old.published_at == stamp
    assert (old.version, old.history.count()) == (version, history)
    assert draft.status == Article.Status.PUBLISHED
    assert draft.published_at <= timezone.now()
    assert "Đã xuất bản 1 bài viết." in said
    assert "Giữ nguyên 1 bài viết đã xuất bản từ trước" in " ".join(said)
    # The home page's newest article is still the draft just published, not the
    # old one pushed back to the top.
    assert list(Article.objects.published()[:2]) == [draft, old]


def test_publish_now_brings_a_scheduled_article_forward(approver_client, make_article):
    later = timezone.now() + datetime.timedelta(days=2)
    scheduled = make_article(status=Article.Status.PUBLISHED, published_at=later)
    run(approver_client, "publish_now", scheduled)
    scheduled.refresh_from_db()
    assert scheduled.published_at <= timezone.now()
    assert list(Article.objects.published()) == [scheduled]


def test_publishing_a_withdrawn_article_again_keeps_its_date(
    approver_client, make_article
):
    article = make_article()
    stamp = article.published_at
    run(approver_client, "unpublish", article)
    run(approver_client, "publish_now", article)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.published_at == stamp


def test_other_actions_leave_alone_what_is_already_so(approver_client, make_article):
    featured = make_article(is_featured=True)
    withdrawn = make_article(status=Article.Status.WITHDRAWN)
    versions = {a.pk: a.version for a in (featured, withdrawn)}
    said = run(approver_client, "feature", featured)
    assert "Giữ nguyên 1 bài viết đã là tin nổi bật." in said
    said = run(approver_client, "unpublish", withdrawn)
    assert "Giữ nguyên 1 bài viết chưa xuất bản hoặc đã gỡ từ trước." in said
    said = run(approver_client, "accept_pending", featured)
    assert "Giữ nguyên 1 bài viết không có thay đổi chờ duyệt." in said
    for article in (featured, withdrawn):
        article.refresh_from_db()
        assert article.version == versions[article.pk]


def test_saving_a_form_as_shown_keeps_the_stored_times(approver_client, make_article):
    """The form shows times to the minute; saving it unchanged changes no time,
    and a save that changed nothing leaves no entry in the history."""
    from portal.tests.live import read_form

    article = make_article()
    stamp = article.published_at
    assert stamp.microsecond  # as timezone.now() stored it
    url = f"/admin/news/article/{article.pk}/change/"
    fields = read_form(approver_client.get(url).content.decode(), "article_form")
    assert approver_client.post(url, {**fields, "_save": "Lưu"}).status_code == 302
    article.refresh_from_db()
    assert article.published_at == stamp
    assert article.history.count() == 1
