"""Restoring an old version never loses a change that waits for approval."""

import pytest
from django.test import Client

from news.models import Article
from portal.tests.live import read_form
from portal.tests.staff_login import login_verified

from .test_newsroom import change_url, form_data

pytestmark = pytest.mark.django_db

CHANGELIST_URL = "/admin/news/article/"


@pytest.fixture
def proposed(editor_client, make_article):
    """A published article, an old version of it, and an editor's pending change."""
    article = make_article(title="Bản đầu tiên", body="<p>Bản đầu tiên.</p>")
    first = article.history.order_by("-history_date").first()
    article.title = "Bản thứ hai"
    article.save()
    article.refresh_from_db()
    response = editor_client.post(
        change_url(article), form_data(article, title="Bản biên tập viên đề xuất")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.pending_changes == {"title": "Bản biên tập viên đề xuất"}
    return article, first


def restore_url(article, record):
    return f"/admin/news/article/{article.pk}/history/{record.history_id}/"


def test_an_approver_is_told_and_the_pending_change_is_kept(approver, proposed):
    article, first = proposed
    approver_client = login_verified(Client(), approver)
    page = approver_client.get(restore_url(article, first)).content.decode()
    assert "Đang có thay đổi chờ duyệt do bientap" in page
    assert "không xóa thay đổi đó" in page
    fields = read_form(page, "historicalarticle_form")
    response = approver_client.post(restore_url(article, first), fields)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Bản đầu tiên"
    assert article.pending_changes == {"title": "Bản biên tập viên đề xuất"}
    assert article.pending_by.username == "bientap"
    # Then it is decided on its own, explicitly.
    approver_client.post(
        CHANGELIST_URL,
        {
            "action": "send_back",
            "_selected_action": [article.pk],
            "post": "yes",
            "reason": "Bản đầu tiên đúng hơn.",
        },
    )
    article.refresh_from_db()
    assert article.pending_changes is None and article.title == "Bản đầu tiên"
    reason = article.history.order_by("-history_date").first().history_change_reason
    assert reason == "Từ chối thay đổi chờ duyệt. Lý do trả lại: Bản đầu tiên đúng hơn."


def test_an_editor_cannot_restore_over_a_pending_change(editor_client, proposed):
    article, first = proposed
    version = article.version
    response = editor_client.post(
        restore_url(article, first),
        form_data(first.instance, loaded_version=version),
        follow=True,
    )
    assert "Chưa khôi phục: đang có thay đổi chờ duyệt do bientap" in (
        response.content.decode()
    )
    article.refresh_from_db()
    assert article.version == version
    assert article.pending_changes == {"title": "Bản biên tập viên đề xuất"}
    assert Article.objects.published().get().title == "Bản thứ hai"
