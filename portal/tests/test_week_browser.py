"""A clerk's week in Debian's chromium, on the demo, as its three roles.

The editor writes an article and sends it for review; the approver sends it back
with a reason; the editor revises it and sends it again; the approver schedules it,
then publishes it at once from the list; restores the first version of the live
article; exports the articles and imports the file again. The administrator reads
the article's history, with a link to each person's account, which the editor's
history does not have, and enters a report's figures: downloads the template,
fills a cell and imports it. After each step the test reads what a reader gets on
the public site and what landed in each mailbox.

Each screen is kept in artifacts/screenshots/week-*.png. The staff guide
("Hướng dẫn sử dụng") shows crops of these same screens: `make guide-screens` runs
this test with GUIDE_SCREENS set, and the crops are written to static/guide/.
"""

import csv
import datetime
import io
import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from campaigns.models import Figure, Report
from demo.management.commands.seed_demo import DEMO_ACCOUNTS
from news.models import Article
from publishing.dates import show_datetime

from .screens import keep
from .staff_login import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
# The office's screens are 1366 px wide.
SCREEN = {"width": 1366, "height": 768}
TITLE = "Phường Định Công ra quân tổng vệ sinh môi trường cuối tuần"
FIRST = "Sáng thứ Bảy, các tổ dân phố của phường Định Công cùng dọn ngõ xóm."
ADDED = " Tổ dân phố số 5 có 62 người tham gia."
REASON = "Thêm số người tham gia của từng tổ dân phố."
PASSWORDS = {user: password for user, password, *_ in DEMO_ACCOUNTS}


class Desk:
    """One staff member's browser, signed in through the real form."""

    def __init__(self, browser, base, username, guide):
        self.base, self.guide = base, guide
        self.context = browser.new_context(viewport=SCREEN, accept_downloads=True)
        self.page = self.context.new_page()
        self.go("/admin/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORDS[username])
        user = get_user_model().objects.get(username=username)
        self.page.fill("#id_otp_token", totp_code(user))
        if username == "bientap":
            self.shot("dang-nhap", "#login-form", pad=24)
        self.page.click("#login-form input[type=submit]")
        self.page.wait_for_url(base + "/admin/")

    def go(self, path):
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("load")

    def press(self, selector):
        """Click a button that sends a form; wait for the page it leads to."""
        with self.page.expect_navigation():
            self.page.click(selector)

    def said(self):
        """The messages the admin shows at the top of the page."""
        return self.page.locator(".messagelist li").all_inner_texts()

    def shot(self, name, selector=None, pad=12, height=None):
        """Keep the screen; for the guide, also a crop of what selector covers."""
        keep(self.page, f"week-{name}")
        if self.guide is None:
            return
        if selector is None:
            self.page.screenshot(path=self.guide / f"{name}.png")
            return
        locator = self.page.locator(selector).last
        locator.scroll_into_view_if_needed()
        box = locator.bounding_box()
        clip = {
            "x": max(box["x"] - pad, 0),
            "y": max(box["y"] - pad, 0),
            "width": min(box["width"] + 2 * pad, SCREEN["width"]),
            "height": min(height or box["height"] + 2 * pad, SCREEN["height"]),
        }
        self.page.screenshot(path=self.guide / f"{name}.png", clip=clip)

    def download(self, selector):
        """Click what downloads a file; return the file's bytes."""
        with self.page.expect_download() as waiting:
            self.page.click(selector)
        return Path(waiting.value.path()).read_bytes()


class Reader:
    """A citizen's browser on the public site."""

    def __init__(self, browser, base):
        self.base = base
        self.page = browser.new_context(viewport={"width": 360, "height": 740})
        self.page = self.page.new_page()

    def sees(self, path):
        """Return (status, text of the page) as a reader gets them."""
        response = self.page.goto(self.base + path)
        return response.status, self.page.locator("body").inner_text()


def mailbox(user):
    """The subjects and bodies that reached user, oldest first."""
    return [(m.subject, m.body) for m in mail.outbox if m.to == [user.email]]


@pytest.fixture
def guide():
    """The folder the guide's crops go to when GUIDE_SCREENS is set, else None."""
    folder = os.environ.get("GUIDE_SCREENS")
    if not folder:
        return None
    path = ROOT / folder
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_a_clerks_week(browser, live_server, guide, tmp_path):
    call_command("seed_demo", stdout=io.StringIO())
    User = get_user_model()
    lan, minh = (
        User.objects.get(username="bientap"),
        User.objects.get(username="duyetbai"),
    )
    base = live_server.url
    reader = Reader(browser, base)
    editor = Desk(browser, base, "bientap", guide)
    editor.shot("trang-chu-quan-tri", ".guide-note", pad=8)

    # Monday: the editor writes and sends the article for review.
    editor.go("/admin/news/article/add/")
    editor.page.fill("#id_title", TITLE)
    editor.page.select_option("#id_category", index=1)
    editor.page.fill("#id_sapo", "Hơn 300 người dân cùng dọn vệ sinh ngõ xóm.")
    editor.page.click(".field-body .ck-editor__editable")
    editor.page.keyboard.type(FIRST)
    editor.page.evaluate("window.scrollTo(0, 0)")
    editor.shot("viet-bai")
    editor.shot("gui-duyet", ".review-row", pad=16)
    editor.press("input[name=_submit_review]")
    assert any(text.startswith("Đã gửi duyệt bài viết") for text in editor.said())
    article = Article.objects.get(title=TITLE)
    address = article.get_absolute_url()
    assert article.status == Article.Status.REVIEW
    assert reader.sees(address)[0] == 404
    ((subject, body),) = mailbox(minh)
    assert subject == f"[Chờ duyệt] Bài viết: {TITLE}"
    assert "Nguyễn Thị Lan vừa gửi duyệt bài viết" in body

    # Tuesday: the approver finds it in the queue and sends it back, saying why.
    approver = Desk(browser, base, "duyetbai", guide)
    approver.shot("cho-duyet", ".review-queue")
    approver.go(f"/admin/news/article/{article.pk}/change/")
    approver.page.click("text=Trả lại người viết…")
    approver.page.fill("#id_reason", REASON)
    approver.shot("tra-lai", "#content-main")
    approver.press("#content-main input[type=submit]")
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert reader.sees(address)[0] == 404
    ((subject, body),) = mailbox(lan)
    assert subject.startswith("[Trả lại]") and REASON in body
    assert "Trần Văn Minh" in body

    # The editor revises it and sends it again.
    editor.go(f"/admin/news/article/{article.pk}/change/")
    editor.page.click(".field-body .ck-editor__editable")
    editor.page.keyboard.press("Control+End")
    editor.page.keyboard.type(ADDED)
    editor.press("input[name=_submit_review]")
    assert len(mailbox(minh)) == 2
    assert reader.sees(address)[0] == 404

    # Wednesday: the approver schedules it for tomorrow 08:00.
    due = timezone.localtime() + datetime.timedelta(days=1)
    approver.go(f"/admin/news/article/{article.pk}/change/")
    approver.page.fill("#id_published_at_0", f"{due:%d/%m/%Y}")
    approver.page.fill("#id_published_at_1", "08:00")
    approver.shot("xuat-ban", "fieldset:has(#id_published_at_0)")
    approver.shot("nut-duyet", ".review-row", pad=16)
    approver.press("input[name=_schedule]")
    article.refresh_from_db()
    when = show_datetime(article.published_at)
    assert when == f"{due:%d/%m/%Y} 08:00"
    assert f"Đã hẹn giờ đăng bài viết “{TITLE}” lúc {when}." in " ".join(
        approver.said()
    )
    assert reader.sees(address)[0] == 404
    subject, body = mailbox(lan)[-1]
    assert subject.startswith("[Đã duyệt, hẹn giờ đăng]")
    assert f"lúc {when}" in " ".join(body.split())

    # Thursday: news that cannot wait: "Xuất bản ngay" from the list.
    approver.go("/admin/news/article/")
    row = approver.page.locator("#result_list tbody tr", has_text=TITLE)
    row.locator("input[name=_selected_action]").check()
    approver.page.select_option("select[name=action]", "publish_now")
    approver.press("button[name=index]")
    assert "Đã xuất bản 1 bài viết." in " ".join(approver.said())
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at <= timezone.now()
    status, text = reader.sees(address)
    assert status == 200 and FIRST in text and ADDED.strip() in text
    subject, body = mailbox(lan)[-1]
    assert subject == f"[Đã xuất bản] Bài viết: {TITLE}"
    assert article.history.first().history_change_reason == "Xuất bản"

    # The first version was better: the approver restores it; it stays live.
    published_at = article.published_at
    first = article.history.order_by("history_date").first()
    approver.go(f"/admin/news/article/{article.pk}/history/")
    approver.shot("lich-su", "#change-history")
    with approver.page.expect_navigation():
        approver.page.click(f'#change-history a[href$="/history/{first.history_id}/"]')
    approver.shot("khoi-phuc", "#content", pad=0, height=560)
    sent = len(mail.outbox)
    approver.press('input[type=submit][name="_save"]')
    article.refresh_from_db()
    assert (article.status, article.published_at) == ("published", published_at)
    record = article.history.first()
    assert record.history_change_reason == (
        f"Khôi phục phiên bản {show_datetime(first.history_date)}"
    )
    status, text = reader.sees(address)
    assert status == 200 and FIRST in text and ADDED.strip() not in text
    assert not [t for t in approver.said() if "e-mail" in t]
    assert len(mail.outbox) == sent

    # Friday: the articles go out to a spreadsheet and come back unchanged.
    versions = dict(Article.objects.values_list("pk", "version"))
    approver.go("/admin/news/article/export/")
    approver.page.select_option("#id_format", label="csv")
    approver.page.get_by_label("Chọn tất cả").click()
    approver.page.get_by_label("Chọn tất cả").click()
    approver.shot("xuat-du-lieu", "#content", pad=0, height=560)
    exported = approver.download("#content input[type=submit]")
    rows = list(csv.DictReader(io.StringIO(exported.decode("utf-8-sig"))))
    assert TITLE in {row["Tiêu đề"] for row in rows}
    (tmp_path / "bai-viet.csv").write_bytes(exported)
    approver.go("/admin/news/article/import/")
    approver.page.set_input_files("#id_import_file", str(tmp_path / "bai-viet.csv"))
    approver.page.select_option("#id_format", label="csv")
    approver.shot("nhap-du-lieu", "#content", pad=0)
    approver.press("#content input[type=submit]")
    approver.press('#content form[action$="process_import/"] input[type=submit]')
    assert dict(Article.objects.values_list("pk", "version")) == versions
    assert len(mail.outbox) == sent
    assert reader.sees(address)[0] == 200

    # Saturday: the administrator reads who did what, with a link to each
    # person's account; the editor reads the same names, without links.
    admin = Desk(browser, base, "admin", guide)
    admin.go(f"/admin/news/article/{article.pk}/history/")
    history = admin.page.locator("#change-history")
    assert "Khôi phục phiên bản" in history.inner_text()
    for person in (lan, minh):
        link = history.get_by_role(
            "link", name=person.last_name + " " + person.first_name
        )
        assert link.first.get_attribute("href").endswith(
            f"/auth/user/{person.pk}/change/"
        )
    editor.go(f"/admin/news/article/{article.pk}/history/")
    names = editor.page.locator("#change-history")
    assert "Trần Văn Minh" in names.inner_text()
    assert names.locator("a[href*='/auth/user/']").count() == 0

    # The ward figures of a report: the template, one cell filled, imported.
    report = Report.objects.published().filter(figures__isnull=False).first()
    admin.go(f"/admin/campaigns/report/{report.pk}/change/")
    admin.shot("tai-tep-mau", "fieldset:has(a[href$='tep-mau.xlsx'])")
    book = load_workbook(io.BytesIO(admin.download("a[href$='tep-mau.xlsx']")))
    sheet = book.active
    headers = [cell.value for cell in sheet[1]]
    value = headers.index("Giá trị")
    blank = next(
        row for row in sheet.iter_rows(min_row=2) if row[value].value in (None, "")
    )
    blank[value].value = 4321
    indicator, ward = (blank[headers.index(h)].value for h in ("Chỉ tiêu", "Phường"))
    book.save(tmp_path / "so-lieu.xlsx")
    admin.go("/admin/campaigns/figure/import/")
    admin.page.set_input_files("#id_import_file", str(tmp_path / "so-lieu.xlsx"))
    admin.page.select_option("#id_format", label="xlsx")
    admin.shot("nhap-so-lieu", "#content", pad=0)
    admin.press("#content input[type=submit]")
    admin.press('#content form[action$="process_import/"] input[type=submit]')
    figure = Figure.objects.get(
        report=report, indicator__name=indicator, ward__name=ward
    )
    assert figure.value == Decimal(4321)
    status, text = reader.sees(report.get_absolute_url())
    assert status == 200 and "4.321" in text
    assert len(mail.outbox) == sent
