"""Whatever path publishes, schedules, withdraws or decides, whom it concerns hears of
it; the page says what happened, truly; the approver has buttons for each."""

import datetime
from pathlib import Path

import pytest
import tablib
from django.core import mail
from django.test import Client
from django.utils import timezone

from news.admin import ArticleResource
from news.models import Article
from portal.tests.staff_login import login_verified

from .test_newsroom import ADD_URL, CHANGELIST_URL, change_url, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(editor, approver):
    """The editor and the approver with full names and addresses."""
    for user, first, last, email in [
        (editor, "Lan", "Nguyễn Thị", "lan@q.vn"),
        (approver, "Minh", "Trần Văn", "minh@q.vn"),
    ]:
        user.first_name, user.last_name, user.email = first, last, email
        user.save()
    return editor, approver


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Post and run what waits for the commit (the e-mail), as a request's end does."""

    def post(client, url, data, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, **kwargs)

    return post


@pytest.fixture
def submitted(named, category, run):
    """An article the editor sent for review, and the approver's client."""
    editor, approver = named
    data = form_data(category=str(category.pk), title="Ngày hội đại đoàn kết")
    run(login_verified(Client(), editor), ADD_URL, {**data, "_submit_review": "1"})
    mail.outbox.clear()
    return Article.objects.get(), login_verified(Client(), approver)


def said(response):
    return [str(m) for m in response.context["messages"]]


def reason(article):
    record = article.history.order_by("-history_date", "-history_id").first()
    return record.history_change_reason


def act(client, run, action, article):
    data = {"action": action, "_selected_action": [article.pk], "index": 0}
    return run(client, CHANGELIST_URL, data, follow=True)


def test_e_mails_name_people_by_full_name(named, category, run):
    editor, _ = named
    data = form_data(category=str(category.pk), title="Tổ dân phố số 5")
    run(login_verified(Client(), editor), ADD_URL, {**data, "_submit_review": "1"})
    assert "Nguyễn Thị Lan vừa gửi duyệt bài viết “Tổ dân phố số 5”" in (
        mail.outbox[0].body
    )


def test_a_schedule_then_publish_now_withdraw_and_again_each_tell_the_editor(
    submitted, run
):
    article, approver = submitted
    due = timezone.localtime() + datetime.timedelta(days=3)
    due = due.replace(hour=8, minute=0, second=0, microsecond=0)
    data = form_data(
        article,
        published_at_0=f"{due:%d/%m/%Y}",
        published_at_1="08:00",
        _schedule="Hẹn giờ",
    )
    response = run(approver, change_url(article), data, follow=True)
    article.refresh_from_db()
    assert (article.status, article.published_at) == ("published", due)
    when = f"{due:%d/%m/%Y} 08:00"
    assert (
        f"Đã hẹn giờ đăng bài viết “Ngày hội đại đoàn kết” lúc {when}. "
        "Người gửi duyệt được báo qua e-mail." in said(response)
    )
    assert reason(article) == f"Hẹn giờ đăng {when}"
    assert [m.subject for m in mail.outbox] == [
        "[Đã duyệt, hẹn giờ đăng] Bài viết: Ngày hội đại đoàn kết"
    ]
    assert f"sẽ tự đăng\nlúc {when}." in mail.outbox[0].body
    assert "Trần Văn Minh đã duyệt" in mail.outbox[0].body

    response = act(approver, run, "publish_now", article)
    article.refresh_from_db()
    assert article.published_at <= timezone.now()
    assert reason(article) == "Xuất bản"
    assert mail.outbox[1].to == ["lan@q.vn"]
    assert mail.outbox[1].subject == "[Đã xuất bản] Bài viết: Ngày hội đại đoàn kết"
    assert (
        "Đã xuất bản 1 bài viết. Đã báo qua e-mail cho người gửi duyệt của 1 bài viết."
        in said(response)
    )

    act(approver, run, "unpublish", article)
    article.refresh_from_db()
    assert article.status == "withdrawn" and reason(article) == "Gỡ"
    assert mail.outbox[2].subject == "[Đã gỡ] Bài viết: Ngày hội đại đoàn kết"
    assert "Trần Văn Minh đã gỡ bài viết" in mail.outbox[2].body

    act(approver, run, "publish_now", article)
    assert reason(article) == "Xuất bản"
    assert [m.subject for m in mail.outbox[3:]] == [
        "[Đã xuất bản] Bài viết: Ngày hội đại đoàn kết"
    ]


def test_xuat_ban_publishes_a_scheduled_article_now(submitted, run):
    """The button and the list's "Xuất bản ngay" mean the same: now."""
    article, approver = submitted
    due = timezone.now() + datetime.timedelta(days=3)
    Article.objects.filter(pk=article.pk).update(status="published", published_at=due)
    article.refresh_from_db()
    response = run(
        approver, change_url(article), form_data(article, _publish="1"), follow=True
    )
    article.refresh_from_db()
    assert article.published_at <= timezone.now()
    assert any(t.startswith("Đã xuất bản bài viết") for t in said(response))
    assert reason(article) == "Xuất bản"


def test_withdrawing_a_scheduled_article_calls_its_schedule_off(submitted, run):
    article, approver = submitted
    due = timezone.now() + datetime.timedelta(days=3)
    data = form_data(
        article,
        published_at_0=f"{timezone.localtime(due):%d/%m/%Y}",
        published_at_1="08:00",
        _schedule="Hẹn giờ",
    )
    run(approver, change_url(article), data)
    article.refresh_from_db()
    page = approver.get(change_url(article)).content.decode()
    assert 'name="_withdraw" value="Gỡ bài"' in page
    response = run(
        approver, change_url(article), form_data(article, _withdraw="1"), follow=True
    )
    article.refresh_from_db()
    assert article.status == "withdrawn"
    assert (
        "Đã hủy hẹn giờ đăng bài viết “Ngày hội đại đoàn kết”: bạn đọc chưa từng "
        "thấy, và nó sẽ không tự đăng." in " ".join(said(response))
    )
    assert not [t for t in said(response) if "không còn thấy" in t]
    assert reason(article) == "Hủy hẹn giờ đăng"
    assert mail.outbox[-1].subject == "[Hủy hẹn giờ] Bài viết: Ngày hội đại đoàn kết"
    assert "chưa hiện với bạn đọc" in " ".join(mail.outbox[-1].body.split())


def test_an_import_that_publishes_tells_the_editor(
    submitted, named, django_capture_on_commit_callbacks
):
    article, _ = submitted
    _, approver = named
    dataset = tablib.Dataset(
        headers=["id", "title", "category", "sapo", "body", "status"]
    )
    dataset.append(
        [article.pk, article.title, article.category.slug, "s", "<p>b</p>", "published"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = ArticleResource().import_data(
            dataset, dry_run=False, use_transactions=True, user=approver
        )
    assert not result.has_errors() and not result.has_validation_errors()
    article.refresh_from_db()
    assert article.status == "published"
    assert reason(article) == "Nhập dữ liệu từ tệp: xuất bản"
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["lan@q.vn"], "[Đã xuất bản] Bài viết: Ngày hội đại đoàn kết")
    ]


def test_the_approver_publishes_with_the_button_and_is_told_truly(submitted, run):
    article, approver = submitted
    page = approver.get(change_url(article)).content.decode()
    assert 'name="_publish" value="Xuất bản"' in page
    assert 'name="_schedule" value="Hẹn giờ"' in page
    assert 'name="_withdraw"' not in page  # not live: nothing to withdraw
    response = run(
        approver, change_url(article), form_data(article, _publish="1"), follow=True
    )
    article.refresh_from_db()
    assert article.status == "published" and article.published_at <= timezone.now()
    assert (
        "Đã xuất bản bài viết “Ngày hội đại đoàn kết”: bạn đọc đã thấy. Người gửi "
        "duyệt được báo qua e-mail." in said(response)
    )
    assert [m.to for m in mail.outbox] == [["lan@q.vn"]]
    assert reason(article) == "Xuất bản"
    # Only what happened: not also Django's "… được chỉnh sửa thành công".
    assert not [text for text in said(response) if "thành công" in text]

    page = approver.get(change_url(article)).content.decode()
    assert 'name="_withdraw" value="Gỡ bài"' in page
    response = run(
        approver, change_url(article), form_data(article, _withdraw="1"), follow=True
    )
    article.refresh_from_db()
    assert article.status == "withdrawn"
    assert any(text.startswith("Đã gỡ bài viết") for text in said(response))


def test_no_e_mail_is_claimed_when_nobody_has_an_address(
    approver_client, make_article, run
):
    article = make_article(status=Article.Status.REVIEW, title="Không ai nhận thư")
    response = run(
        approver_client,
        change_url(article),
        form_data(article, _publish="1"),
        follow=True,
    )
    assert "Đã xuất bản bài viết “Không ai nhận thư”: bạn đọc đã thấy." in said(
        response
    )
    assert not any("e-mail" in text for text in said(response))
    assert mail.outbox == []


def test_schedule_needs_a_time_to_come(approver_client, make_article):
    article = make_article(status=Article.Status.REVIEW)
    response = approver_client.post(
        change_url(article), form_data(article, _schedule="1")
    )
    assert response.status_code == 200
    assert "Để hẹn giờ đăng, hãy ghi thời gian đăng sau lúc này" in (
        response.content.decode()
    )
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def test_an_editor_has_no_approver_buttons_and_they_do_nothing_for_them(
    editor_client, make_article
):
    article = make_article(status=Article.Status.DRAFT)
    page = editor_client.get(change_url(article)).content.decode()
    assert 'name="_publish"' not in page and 'name="_schedule"' not in page
    editor_client.post(change_url(article), form_data(article, _publish="1"))
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_an_unchanged_save_of_a_live_article_by_an_editor_claims_nothing(
    editor_client, make_article, named, run
):
    article = make_article(title="Bài đang đăng")
    version, records = article.version, article.history.count()
    response = run(editor_client, change_url(article), form_data(article), follow=True)
    texts = said(response)
    assert "Không có gì thay đổi so với bản đang đăng." in texts
    assert not any("chờ người duyệt" in text or "e-mail" in text for text in texts)
    article.refresh_from_db()
    assert article.pending_changes is None and article.version == version
    assert article.history.count() == records
    assert mail.outbox == []


def test_the_proposed_change_is_shown_on_the_approvers_form(
    editor_client, named, make_article, run
):
    _, approver = named
    article = make_article(
        title="Tiêu đề cũ",
        body="<p>Đoạn giữ nguyên.</p><p>Đoạn bỏ đi.</p>"
        "<table><tr><td>Tổ 1</td><td>120</td></tr></table>",
    )
    data = form_data(
        article,
        title="Tiêu đề mới",
        body="<p>Đoạn giữ nguyên.</p><p>Đoạn thêm vào.</p>"
        "<table><tr><td>Tổ 1</td><td>120</td></tr><tr><td>Tổ 2</td><td>95</td></tr>"
        "</table>",
    )
    run(editor_client, change_url(article), data)
    mail.outbox.clear()
    client = login_verified(Client(), approver)
    page = client.get(change_url(article)).content.decode()
    box = page[page.index('id="thay-doi-cho-duyet"') :]
    assert "do Nguyễn Thị Lan đề xuất" in box
    assert "Đề xuất – Tiêu đề:</strong>" in box
    assert "“Tiêu đề cũ” &rarr; “Tiêu đề mới”" in box
    assert "Bỏ đoạn: “Đoạn bỏ đi.”" in box
    assert "Thêm đoạn: “Đoạn thêm vào.”" in box
    # Each kind of block added shows as added, not in the colour of a removal.
    added = box[box.index("Thêm dòng") - 80 : box.index("Thêm dòng")]
    assert 'class="added"' in added
    assert "Đoạn giữ nguyên" not in box
    assert 'name="_accept" value="Chấp nhận thay đổi"' in box
    assert "Trả lại người viết…" in box
    assert "do Nguyễn Thị Lan gửi lúc" in page  # the message above the form
    article.refresh_from_db()
    response = run(
        client,
        change_url(article),
        form_data(article, title="Tiêu đề mới", body=data["body"], _accept="1"),
        follow=True,
    )
    article.refresh_from_db()
    assert (article.title, article.pending_changes) == ("Tiêu đề mới", None)
    assert (
        "Đã chấp nhận thay đổi chờ duyệt của bài viết “Tiêu đề mới”. Người đề xuất "
        "được báo qua e-mail." in said(response)
    )
    assert [m.subject for m in mail.outbox] == [
        "[Đã duyệt thay đổi] Bài viết: Tiêu đề mới"
    ]


def test_a_locked_slug_shows_no_help_to_fill_it(editor, approver, make_article):
    article = make_article()
    help_text = "Để trống để tạo tự động"
    for user, shown in [(editor, False), (approver, True)]:
        page = login_verified(Client(), user).get(change_url(article)).content
        assert (help_text in page.decode()) is shown, user


def test_the_title_box_is_wide():
    css = (Path(__file__).resolve().parents[2] / "static/css/admin.css").read_text()
    assert ".change-form .field-title .vTextField" in css
    assert "width: 100%" in css.split(".change-form .field-title .vTextField")[1]


def test_the_send_back_page_names_the_proposer(editor_client, named, make_article):
    _, approver = named
    article = make_article(title="Bài A")
    editor_client.post(change_url(article), form_data(article, title="Bài A sửa"))
    client = login_verified(Client(), approver)
    page = client.get(f"/admin/news/article/{article.pk}/tra-lai/").content.decode()
    assert "thay đổi chờ duyệt do Nguyễn Thị Lan đề xuất" in page


def test_a_proposal_changed_again_does_not_claim_a_new_e_mail(
    editor_client, named, make_article, run
):
    article = make_article(title="Bài B")
    first = run(
        editor_client,
        change_url(article),
        form_data(article, title="Bài B sửa"),
        follow=True,
    )
    assert (
        "Thay đổi đã được lưu và đang chờ người duyệt bài chấp nhận; bạn đọc vẫn "
        "thấy bản đã duyệt. Người duyệt bài được báo qua e-mail." in said(first)
    )
    assert len(mail.outbox) == 1
    article.refresh_from_db()
    again = run(
        editor_client,
        change_url(article),
        form_data(article, title="Bài B sửa lần hai"),
        follow=True,
    )
    assert (
        "Thay đổi đã được lưu và đang chờ người duyệt bài chấp nhận; bạn đọc vẫn "
        "thấy bản đã duyệt." in said(again)
    )
    assert not any("e-mail" in text for text in said(again))
    assert len(mail.outbox) == 1
    article.refresh_from_db()
    assert article.pending_changes == {"title": "Bài B sửa lần hai"}
