"""Restoring an old version brings back its content, never its workflow state."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from campaigns.models import Campaign, Report
from news.models import Article
from portal.tests.live import read_form
from portal.tests.staff_login import login_verified
from publishing.dates import show_datetime

pytestmark = pytest.mark.django_db


def restore_url(obj, record):
    opts = obj._meta
    change = f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}"
    return f"{change}/history/{record.history_id}/"


def last_reason(obj):
    return (
        obj.history.order_by("-history_date", "-history_id")
        .first()
        .history_change_reason
    )


def sent_in_review_then_published(make_article, approver):
    """An article as the clerk met it: a "Chờ duyệt" version, then live, edited."""
    article = make_article(status=Article.Status.REVIEW, title="Bản gửi duyệt")
    review = article.history.order_by("-history_date").first()
    article.status = Article.Status.PUBLISHED
    article.published_at = timezone.now() - datetime.timedelta(days=2)
    article.title = "Bản đã duyệt, sửa sai"
    article._history_user = approver
    article.save()
    article.refresh_from_db()
    return article, review


@pytest.mark.django_db(transaction=True)
def test_an_approvers_restore_of_a_review_version_keeps_the_article_live(
    approver, make_article, client
):
    article, review = sent_in_review_then_published(make_article, approver)
    published_at = article.published_at
    staff = login_verified(Client(), approver)
    url = restore_url(article, review)
    form = staff.get(url).content.decode()
    # The form shows what stays: the live status, not the old version's.
    assert '<select name="status"' not in form
    assert "Đã xuất bản" in form
    response = staff.post(url, read_form(form, "historicalarticle_form"), follow=True)
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == published_at
    assert article.title == "Bản gửi duyệt"
    public = client.get(article.get_absolute_url())
    assert public.status_code == 200 and "Bản gửi duyệt" in public.content.decode()
    assert last_reason(article) == (
        f"Khôi phục phiên bản {show_datetime(review.history_date)}"
    )
    said = " ".join(str(m) for m in response.context["messages"])
    assert "Chưa người duyệt bài nào có địa chỉ e-mail" not in said
    assert mail.outbox == []


def test_a_restore_keeps_the_publish_time_to_come(approver_client, make_article):
    """A scheduled article restored to a draft version stays scheduled."""
    article = make_article(status=Article.Status.DRAFT, title="Nháp cũ")
    draft = article.history.order_by("-history_date").first()
    due = timezone.now() + datetime.timedelta(days=1)
    article.status, article.published_at = Article.Status.PUBLISHED, due
    article.title = "Bản hẹn giờ"
    article.save()
    url = restore_url(article, draft)
    fields = read_form(
        approver_client.get(url).content.decode(), "historicalarticle_form"
    )
    assert approver_client.post(url, fields).status_code == 302
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Article.Status.PUBLISHED, due)
    assert article.title == "Nháp cũ"


def test_a_crafted_restore_cannot_move_the_workflow_state(
    approver_client, make_article
):
    article = make_article(title="Bản mới")
    old = article.history.order_by("-history_date").first()
    article.title = "Bản mới hơn"
    article.save()
    url = restore_url(article, old)
    fields = read_form(
        approver_client.get(url).content.decode(), "historicalarticle_form"
    )
    fields.update(
        status="withdrawn", published_at_0="01/01/2030", published_at_1="08:00"
    )
    approver_client.post(url, fields)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at < timezone.now()
    assert article.title == "Bản mới"


def test_an_editors_restore_of_a_live_article_is_a_proposed_change(
    editor_client, approver, make_article, client
):
    article, review = sent_in_review_then_published(make_article, approver)
    url = restore_url(article, review)
    fields = read_form(
        editor_client.get(url).content.decode(), "historicalarticle_form"
    )
    assert editor_client.post(url, fields).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.title == "Bản đã duyệt, sửa sai"
    assert article.pending_changes == {"title": "Bản gửi duyệt"}
    assert article.pending_by.username == "bientap"
    assert last_reason(article) == (
        f"Đề xuất khôi phục phiên bản {show_datetime(review.history_date)}"
    )
    public = client.get(article.get_absolute_url()).content.decode()
    assert "Bản đã duyệt, sửa sai" in public


def test_a_report_restores_its_content_only(approver_client):
    """Every publishable model restores through the same rule."""
    campaign = Campaign.objects.create(name="Bầu cử 2021", slug="bau-cu", period="2021")
    report = Report.objects.create(
        campaign=campaign,
        title="Báo cáo gửi duyệt",
        period="Năm 2021",
        reported_on=datetime.date(2021, 5, 28),
        summary="Tóm tắt.",
        status=Report.Status.REVIEW,
    )
    review = report.history.order_by("-history_date").first()
    report.status, report.title = Report.Status.PUBLISHED, "Báo cáo đã đăng"
    report.save()
    report.refresh_from_db()
    url = restore_url(report, review)
    fields = read_form(
        approver_client.get(url).content.decode(), "historicalreport_form"
    )
    assert approver_client.post(url, fields).status_code == 302
    after = Report.objects.get(pk=report.pk)
    assert (after.status, after.published_at) == (report.status, report.published_at)
    assert after.title == "Báo cáo gửi duyệt"
    assert last_reason(after).startswith("Khôi phục phiên bản ")


@pytest.mark.parametrize("role", ["editor", "approver"])
def test_a_restore_keeps_what_approvers_decided(role, request, approver, make_article):
    """A featured flag of an old version's day comes back for neither role, and
    the editor's restore is not refused for a field they cannot change."""
    article, review = sent_in_review_then_published(make_article, approver)
    article.is_featured = True
    article.save()
    client = request.getfixturevalue(f"{role}_client")
    url = restore_url(article, review)
    page = client.get(url).content.decode()
    assert 'name="is_featured"' not in page, "shown as it stays, not to be changed"
    fields = read_form(page, "historicalarticle_form")
    assert client.post(url, {**fields, "is_featured": ""}).status_code == 302
    article.refresh_from_db()
    assert article.is_featured
    changed = article.pending_changes or {}
    shown = changed.get("title", article.title)
    assert shown == "Bản gửi duyệt"


def test_a_poll_restored_by_its_editor_keeps_its_closing_time(editor_client, approver):
    from polls.models import Poll

    poll = Poll.objects.create(question="Câu hỏi có lỗi chính tả", slug="cau-hoi")
    first = poll.history.order_by("-history_date").first()
    poll.closes_at = timezone.now() + datetime.timedelta(days=3)
    poll._history_user = approver
    poll.save()
    poll.question = "Câu hỏi đã sửa"
    poll.save()
    url = restore_url(poll, first)
    fields = read_form(editor_client.get(url).content.decode(), "historicalpoll_form")
    assert editor_client.post(url, fields).status_code == 302
    after = Poll.objects.get(pk=poll.pk)
    assert after.question == "Câu hỏi có lỗi chính tả"
    assert after.closes_at == poll.closes_at
