"""The review loop in Debian's chromium, screen by screen, e-mail included.

An editor writes a draft and presses "Gửi duyệt"; the approver hears of it by
e-mail, finds it in the queue on the admin index, sends it back with a reason; the
editor reads the reason in their e-mail, fixes the draft and sends it again; the
approver publishes it and the editor hears of that. Every screen, and every e-mail
as the recipient reads it, is kept in artifacts/screenshots/review-loop-*.png.

The live server answers in another thread of this process, so Django's locmem
e-mail backend (which tests use) fills the same mail.outbox this test reads.
"""

import re
from html import escape

import pytest
from django.core import mail

from news.models import Article, Category
from portal.tests.screens import keep
from publishing.workflow import APPROVER_GROUP, EDITOR_GROUP

from .test_newsroom_browser import contexts, log_in  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Phường Tân Mai tổ chức Ngày hội Đại đoàn kết toàn dân tộc"
# The office's screens are 1366 px wide.
OFFICE_SCREEN = 1366
LINK = re.compile(r"^http://\S+/admin/news/article/\d+/change/$", re.MULTILINE)


def read_mail(new_page, message, name):
    """Show message as its recipient reads it, keep the screen; return its link."""
    page = new_page(viewport={"width": 800, "height": 600})
    page.set_content(
        '<meta charset="utf-8"><pre style="font: 16px/1.5 sans-serif; margin: 24px;'
        ' white-space: pre-wrap">'
        f"<b>Từ:</b> {escape(message.from_email)}\n"
        f"<b>Tới:</b> {escape(', '.join(message.to))}\n"
        f"<b>Tiêu đề:</b> {escape(message.subject)}\n\n{escape(message.body)}</pre>"
    )
    keep(page, name)
    page.close()
    return LINK.search(message.body).group(0)


def outbox_for(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_a_draft_goes_round_the_review_loop(
    contexts,  # noqa: F811 (the fixture imported above)
    live_server,
    make_staff,
):
    category = Category.objects.create(name="Tin tức – Sự kiện", order=1)
    for username, group in [("bientap", EDITOR_GROUP), ("duyetbai", APPROVER_GROUP)]:
        user = make_staff(username, group)
        user.first_name, user.last_name = {
            "bientap": ("Lan", "Nguyễn Thị"),
            "duyetbai": ("Minh", "Trần Văn"),
        }[username]
        user.email = f"{username}@hoangmai.example"
        user.save()
    base = live_server.url

    # The editor writes a draft: no status to choose, a "Gửi duyệt" button.
    editor = log_in(contexts, base, "bientap", OFFICE_SCREEN)
    editor.goto(base + "/admin/news/article/add/")
    assert editor.locator("select#id_status").count() == 0
    editor.fill("#id_title", TITLE)
    editor.select_option("#id_category", str(category.pk))
    editor.fill("#id_sapo", "Người dân các tổ dân phố cùng vui ngày hội.")
    editor.locator(".ck-editor__editable").click()
    editor.keyboard.type("Sáng Chủ nhật, ngày hội diễn ra tại nhà văn hóa phường.")
    editor.locator('input[name="_submit_review"]').scroll_into_view_if_needed()
    keep(editor, "review-loop-01-editor-writes")
    editor.click('input[name="_submit_review"]')
    editor.wait_for_selector(".messagelist .success")
    assert "Đã gửi duyệt bài viết" in editor.locator(".messagelist").inner_text()
    keep(editor, "review-loop-02-editor-sent")
    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.REVIEW

    # The approver gets an e-mail and sees the queue on the admin index.
    (request,) = outbox_for("duyetbai@hoangmai.example")
    assert request.subject == f"[Chờ duyệt] Bài viết: {TITLE}"
    assert "Nguyễn Thị Lan vừa gửi duyệt bài viết" in request.body
    link = read_mail(contexts, request, "review-loop-03-approver-email")
    approver = log_in(contexts, base, "duyetbai", OFFICE_SCREEN)
    queue = approver.locator("#viec-cho-duyet")
    assert queue.locator("caption").text_content().strip() == "Việc chờ duyệt: 1"
    keep(approver, "review-loop-04-approver-queue")
    queue.get_by_role("link", name="1 chờ duyệt").click()
    approver.wait_for_selector("#result_list")
    assert approver.locator("#result_list tbody tr").count() == 1
    keep(approver, "review-loop-05-approver-list")

    # Sent back: the approver must say why.
    approver.get_by_role("link", name=TITLE).click()
    approver.get_by_role("link", name="Trả lại người viết…").click()
    approver.click('input[value="Trả lại"]')
    assert "Hãy ghi lý do trả lại" in approver.locator(".errorlist").inner_text()
    approver.fill("#id_reason", "Thêm số người tham dự và ảnh ngày hội.")
    keep(approver, "review-loop-06-approver-sends-back")
    approver.click('input[value="Trả lại"]')
    approver.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT

    # The editor reads the reason, fixes the draft and sends it again.
    (sent_back,) = outbox_for("bientap@hoangmai.example")
    assert "Lý do: Thêm số người tham dự và ảnh ngày hội." in sent_back.body
    editor.goto(read_mail(contexts, sent_back, "review-loop-07-editor-email-sent-back"))
    editor.locator(".ck-editor__editable").click()
    editor.keyboard.press("End")
    editor.keyboard.type(" Hơn 500 người dân đã tham dự.")
    editor.click('input[name="_submit_review"]')
    editor.wait_for_selector(".messagelist .success")
    assert len(outbox_for("duyetbai@hoangmai.example")) == 2

    # The approver follows the new e-mail's link and publishes.
    again = outbox_for("duyetbai@hoangmai.example")[-1]
    assert read_mail(contexts, again, "review-loop-08-approver-email-again") == link
    approver.goto(link)
    assert "Hơn 500 người dân" in approver.locator(".ck-editor__editable").inner_text()
    approver.select_option("#id_status", "published")
    approver.locator('input[name="_save"]').scroll_into_view_if_needed()
    keep(approver, "review-loop-09-approver-publishes")
    approver.click('input[name="_save"]')
    approver.wait_for_selector(".messagelist .success")
    keep(approver, "review-loop-10-approver-published")
    assert list(Article.objects.published()) == [article]

    # The editor hears of it, and sees it published in the list.
    published = outbox_for("bientap@hoangmai.example")[-1]
    assert published.subject == f"[Đã xuất bản] Bài viết: {TITLE}"
    assert "Trần Văn Minh đã duyệt và xuất bản bài viết" in published.body
    read_mail(contexts, published, "review-loop-11-editor-email-published")
    editor.goto(base + "/admin/news/article/")
    row = editor.locator("#result_list tbody tr", has_text=TITLE)
    assert "Đã xuất bản" in row.inner_text()
    keep(editor, "review-loop-12-editor-list")
