"""The review loop, visible: "Gửi duyệt", the approvers' queue, and the e-mail."""

import datetime
import socket

import pytest
from django.contrib import admin
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from portal.tests.live import read_form
from portal.tests.staff_login import login_verified
from publishing import review
from publishing.admin import PublishableAdmin
from publishing.workflow import APPROVER_GROUP, EDITOR_GROUP

from .test_newsroom import ADD_URL, CHANGELIST_URL, change_url, form_data

pytestmark = pytest.mark.django_db

every_publishable_admin = pytest.mark.parametrize(
    "model_admin",
    [a for a in admin.site._registry.values() if isinstance(a, PublishableAdmin)],
    ids=lambda a: type(a).__name__,
)


@pytest.fixture
def addresses(editor, approver, make_staff):
    """E-mail addresses: the editor's, two approvers', none for a third."""
    for user, email in [(editor, "bientap@q.vn"), (approver, "duyet@q.vn")]:
        user.email = email
        user.save()
    second = make_staff("duyet2", APPROVER_GROUP)
    second.email = "duyet2@q.vn"
    second.save()
    make_staff("duyet3", APPROVER_GROUP)  # no address: not mailed
    gone = make_staff("duyet4", APPROVER_GROUP)
    gone.email, gone.is_active = "nghi@q.vn", False
    gone.save()
    colleague = make_staff("bientap2", EDITOR_GROUP)
    colleague.email = "bientap2@q.vn"
    colleague.save()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the e-mail), as a real request's end does."""

    def post(client, url, data, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, **kwargs)

    return post


def sent():
    return [(message.to, message.subject) for message in mail.outbox]


def test_an_editor_sends_a_draft_for_review_with_the_button(
    editor_client, category, addresses, committed
):
    page = editor_client.get(ADD_URL).content.decode()
    assert 'name="_submit_review" value="Gửi duyệt"' in page
    assert '<select name="status"' not in page
    data = form_data(category=str(category.pk), title="Tổ dân phố số 5 ra quân")
    response = committed(editor_client, ADD_URL, {**data, "_submit_review": "1"})
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.REVIEW
    subject = "[Chờ duyệt] Bài viết: Tổ dân phố số 5 ra quân"
    assert sent() == [(["duyet2@q.vn"], subject), (["duyet@q.vn"], subject)]
    body = mail.outbox[0].body
    assert "bientap vừa gửi duyệt bài viết “Tổ dân phố số 5 ra quân”" in body
    assert f"http://testserver{change_url(article)}" in body
    said = editor_client.get(CHANGELIST_URL).content.decode()
    assert "Đã gửi duyệt bài viết “Tổ dân phố số 5 ra quân”" in said
    record = article.history.get()
    assert record.history_change_reason == "Tạo mới, gửi duyệt"


def test_a_title_with_line_breaks_is_mailed_whole_on_one_subject_line(
    editor_client, category, addresses, committed
):
    """CR, LF and Word's soft line break neither stop the e-mail nor cut its subject."""
    title = "Tổ dân phố số 5\rra quân\r\ndọn vệ sinh\x0bđầu\nnăm"
    data = form_data(category=str(category.pk), title=title)
    committed(editor_client, ADD_URL, {**data, "_submit_review": "1"})
    whole = "Tổ dân phố số 5 ra quân dọn vệ sinh đầu năm"
    subject = f"[Chờ duyệt] Bài viết: {whole}"
    assert sent() == [(["duyet2@q.vn"], subject), (["duyet@q.vn"], subject)]
    assert f"bài viết “{whole}”." in mail.outbox[0].body


def test_the_subject_is_one_line_whatever_the_title_holds(make_article, editor):
    article = make_article(status=Article.Status.REVIEW)
    # As a row written before text was cleaned on the way in may hold it.
    article.title = "Tổ dân phố\r\nsố 5\x0b\x0bra\u2028quân \n"
    subject, body = review.compose(review.SUBMITTED, article, actor=editor)
    assert subject == "[Chờ duyệt] Bài viết: Tổ dân phố số 5 ra quân"
    assert body.startswith("Kính gửi người duyệt bài,\n")


def test_saving_a_draft_sends_nothing_and_keeps_it_a_draft(
    editor_client, category, addresses, committed
):
    # A status posted by hand is not the editor's to set: the button is.
    data = form_data(category=str(category.pk), status="review")
    assert committed(editor_client, ADD_URL, data).status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT and mail.outbox == []
    page = editor_client.get(change_url(article)).content.decode()
    assert 'name="_submit_review"' in page
    data = form_data(article, _submit_review="1")
    assert committed(editor_client, change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW and len(mail.outbox) == 2
    # In review, the button is gone; pressing it by hand again sends nothing more.
    assert 'name="_submit_review"' not in editor_client.get(change_url(article)).text
    committed(
        editor_client, change_url(article), form_data(article, _submit_review="1")
    )
    assert len(mail.outbox) == 2


def test_the_button_cannot_take_a_live_article_back_to_review(
    editor_client, make_article, addresses, committed
):
    article = make_article(title="Bài đang đăng")
    assert 'name="_submit_review"' not in editor_client.get(change_url(article)).text
    data = form_data(article, title="Bài đang đăng, sửa", _submit_review="1")
    committed(editor_client, change_url(article), data)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.pending_changes == {"title": "Bài đang đăng, sửa"}
    # A new proposed change is a submission too: the approvers hear of it, once.
    assert sent() == [
        (["duyet2@q.vn"], "[Chờ duyệt] Thay đổi bài viết: Bài đang đăng"),
        (["duyet@q.vn"], "[Chờ duyệt] Thay đổi bài viết: Bài đang đăng"),
    ]
    committed(editor_client, change_url(article), form_data(article, title="Lần 2"))
    assert len(mail.outbox) == 2


def test_approvers_see_what_waits_on_the_admin_index(
    approver_client, editor, make_article
):
    waiting = [make_article(status=Article.Status.REVIEW) for _ in range(3)]
    make_article(status=Article.Status.DRAFT)
    changed = make_article()
    Article.objects.filter(pk=changed.pk).update(pending_changes={"title": "Mới"})
    index = approver_client.get("/admin/").content.decode()
    assert "Việc chờ duyệt: 4" in index
    assert f'<a href="{CHANGELIST_URL}?cho_duyet=moi">3 chờ duyệt</a>' in index
    assert f'<a href="{CHANGELIST_URL}?cho_duyet=thay-doi">1 thay đổi chờ duyệt' in (
        index
    )
    for model in ["Báo cáo", "Văn bản", "Cuộc bình chọn"]:
        assert f'<th scope="row">{model}' in index, model
    queue = approver_client.get(CHANGELIST_URL, {"cho_duyet": "moi"})
    assert set(queue.context["cl"].result_list) == set(waiting)
    changes = approver_client.get(CHANGELIST_URL, {"cho_duyet": "thay-doi"})
    assert list(changes.context["cl"].result_list) == [changed]
    # Editors cannot act on the queue: they do not get it.
    editor_client = login_verified(Client(), editor)
    assert "Việc chờ duyệt" not in editor_client.get("/admin/").content.decode()


def test_the_queue_costs_the_same_queries_however_long_it_is(
    approver_client, make_article
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert approver_client.get("/admin/").status_code == 200
        return len(captured)

    make_article(status=Article.Status.REVIEW)
    few = queries()
    for _ in range(10):
        make_article(status=Article.Status.REVIEW)
    assert queries() == few


def test_publishing_tells_the_editor_who_sent_it(
    editor_client, editor, approver, category, addresses, committed
):
    data = form_data(category=str(category.pk), title="Ngày hội đại đoàn kết")
    committed(editor_client, ADD_URL, {**data, "_submit_review": "1"})
    article = Article.objects.get()
    mail.outbox.clear()
    approver_client = login_verified(Client(), approver)
    fields = read_form(approver_client.get(change_url(article)).text, "article_form")
    fields.update(status="published", _save="Lưu")
    assert committed(approver_client, change_url(article), fields).status_code == 302
    assert sent() == [
        (["bientap@q.vn"], "[Đã xuất bản] Bài viết: Ngày hội đại đoàn kết")
    ]
    assert "duyetbai đã duyệt và xuất bản bài viết" in mail.outbox[0].body


def test_a_scheduled_publication_says_when(
    approver_client, editor, make_article, addresses, committed
):
    article = make_article(status=Article.Status.REVIEW, title="Hẹn giờ")
    Article.history.filter(id=article.pk).update(history_user=editor)
    due = timezone.localtime() + datetime.timedelta(days=3)
    data = form_data(
        article,
        status="published",
        published_at_0=f"{due:%d/%m/%Y}",
        published_at_1="08:00",
    )
    committed(approver_client, change_url(article), data)
    assert sent() == [(["bientap@q.vn"], "[Đã duyệt, hẹn giờ đăng] Bài viết: Hẹn giờ")]
    assert f"sẽ tự đăng\nlúc {due:%d/%m/%Y} 08:00." in mail.outbox[0].body
    listed = approver_client.get(CHANGELIST_URL).content.decode()
    assert f"Hẹn giờ {due:%d/%m} 08:00" in listed


def test_sending_back_asks_for_a_reason(
    approver_client, editor, make_article, addresses, committed
):
    article = make_article(status=Article.Status.REVIEW, title="Bài còn thiếu ảnh")
    Article.history.filter(id=article.pk).update(history_user=editor)
    form = approver_client.get(change_url(article)).content.decode()
    url = reverse("admin:news_article_send_back", args=[article.pk])
    assert f'href="{url}"' in form and "Trả lại người viết…" in form
    page = approver_client.get(url).content.decode()
    assert "Lý do trả lại" in page and "Bài còn thiếu ảnh" in page
    refused = committed(approver_client, url, {"reason": "   "})
    assert "Hãy ghi lý do trả lại: người gửi cần biết phải sửa gì." in refused.text
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW and mail.outbox == []

    committed(approver_client, url, {"reason": "Thiếu ảnh minh họa, hãy bổ sung."})
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    reason = article.history.order_by("-history_date").first().history_change_reason
    assert reason == "Chờ duyệt → Nháp. Lý do trả lại: Thiếu ảnh minh họa, hãy bổ sung."
    assert sent() == [(["bientap@q.vn"], "[Trả lại] Bài viết: Bài còn thiếu ảnh")]
    assert "Lý do: Thiếu ảnh minh họa, hãy bổ sung." in mail.outbox[0].body


def test_the_status_list_does_not_send_back_without_a_reason(
    approver_client, make_article
):
    article = make_article(status=Article.Status.REVIEW)
    response = approver_client.post(
        change_url(article), form_data(article, status="draft")
    )
    assert response.status_code == 200
    assert "hãy bấm “Trả lại người viết…”" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def test_an_editor_cannot_send_back(editor_client, make_article):
    article = make_article(status=Article.Status.REVIEW)
    url = reverse("admin:news_article_send_back", args=[article.pk])
    assert editor_client.post(url, {"reason": "Tự trả lại"}).status_code == 403
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def test_a_proposed_change_accepted_or_sent_back_tells_who_proposed_it(
    editor_client, approver, make_article, addresses, committed
):
    accepted = make_article(title="A")
    rejected = make_article(title="B")
    for article in (accepted, rejected):
        committed(editor_client, change_url(article), form_data(article, title="Sửa"))
    mail.outbox.clear()
    approver_client = login_verified(Client(), approver)
    action = {"action": "accept_pending", "_selected_action": [accepted.pk]}
    committed(approver_client, CHANGELIST_URL, {**action, "index": 0})
    action = {"action": "send_back", "_selected_action": [rejected.pk, accepted.pk]}
    asked = committed(approver_client, CHANGELIST_URL, {**action, "index": 0})
    assert "Lý do trả lại" in asked.text and mail.outbox[1:] == []
    reason = {"post": "yes", "reason": "Tiêu đề cũ đúng."}
    response = committed(approver_client, CHANGELIST_URL, {**action, **reason})
    assert response.status_code == 302
    assert sent() == [
        (["bientap@q.vn"], "[Đã duyệt thay đổi] Bài viết: Sửa"),
        (["bientap@q.vn"], "[Trả lại thay đổi] Bài viết: B"),
    ]
    assert "Lý do: Tiêu đề cũ đúng." in mail.outbox[1].body
    rejected.refresh_from_db()
    assert (rejected.title, rejected.pending_changes) == ("B", None)
    said = [str(m) for m in approver_client.get(CHANGELIST_URL).context["messages"]]
    assert "Đã trả lại 1 bài viết kèm lý do; người gửi được báo qua e-mail." in said
    assert "Giữ nguyên 1 bài viết không có gì chờ duyệt." in said


def test_mail_waits_for_the_commit(
    editor_client, category, addresses, django_capture_on_commit_callbacks
):
    data = form_data(category=str(category.pk), _submit_review="1")
    with django_capture_on_commit_callbacks() as waiting:
        editor_client.post(ADD_URL, data)
        assert mail.outbox == []
    assert waiting and mail.outbox == []
    for callback in waiting:  # the commit
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == ["duyet2@q.vn", "duyet@q.vn"]


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_that_fails_does_not_fail_the_save(
    editor_client, category, addresses, settings, caplog
):
    """The page says so: the mail is sent as the save commits, within the request."""
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    settings.EMAIL_PORT = closed.getsockname()[1]
    closed.close()  # nothing listens there: the connection is refused
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_TIMEOUT = "127.0.0.1", 2
    data = form_data(category=str(category.pk), _submit_review="1")
    response = editor_client.post(ADD_URL, data, follow=True)
    assert response.status_code == 200
    assert Article.objects.get().status == Article.Status.REVIEW
    said = [str(m) for m in response.context["messages"]]
    assert any(
        "chưa gửi được e-mail báo cho người duyệt bài" in text for text in said
    ), said
    assert "Review e-mail submitted to" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_the_editor_is_told_when_no_approver_has_an_address(
    editor_client, approver, category
):
    data = form_data(category=str(category.pk), _submit_review="1")
    response = editor_client.post(ADD_URL, data, follow=True)
    said = " ".join(str(m) for m in response.context["messages"])
    assert "Chưa người duyệt bài nào có địa chỉ e-mail" in said
    assert Article.objects.get().status == Article.Status.REVIEW and not mail.outbox


@every_publishable_admin
def test_every_publishable_kind_has_the_loop(model_admin, editor, approver_client):
    """The button for editors, the queue row and the status column for approvers."""
    opts = model_admin.opts
    add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    page = login_verified(Client(), editor).get(add).content.decode()
    assert 'name="_submit_review" value="Gửi duyệt"' in page
    assert '<select name="status"' not in page
    index = approver_client.get("/admin/").content.decode()
    assert f'<th scope="row">{opts.verbose_name_plural.capitalize()}</th>' in index
    assert "status_shown" in model_admin.list_display
