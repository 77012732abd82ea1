"""Staff import an XLSX of ward figures in the admin; readers see them at once.

The import and export pages work under the admin's Content-Security-Policy.
"""

import pytest
from openpyxl import Workbook

from campaigns.models import Figure
from portal.tests.staff_login import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_xlsx_import_shows_on_the_campaign_page(
    browser, live_server, election_report, make_staff, tmp_path
):
    approver = make_staff("duyetbai", "Duyệt bài")
    book = Workbook()
    book.active.append(["Báo cáo", "Chỉ tiêu", "Phường", "Giá trị"])
    slug = election_report.slug
    book.active.append([slug, "Cử tri trong danh sách", "dinh cong", "31.000"])
    book.active.append([slug, "Cử tri trong danh sách", "YÊN SỞ", 12345])
    path = tmp_path / "so-lieu-phuong.xlsx"
    book.save(path)
    base = live_server.url

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(base + "/admin/login/")
        page.fill("#id_username", "duyetbai")
        page.fill("#id_password", "pw")
        page.fill("#id_otp_token", totp_code(approver))
        page.click("input[type=submit]")
        page.wait_for_url(base + "/admin/")
        page.goto(base + "/admin/campaigns/figure/import/")
        page.set_input_files("#id_import_file", str(path))
        page.select_option("#id_format", label="xlsx")
        page.click('input[type="submit"]')
        page.wait_for_selector('input[name="import_file_name"]', state="attached")
        assert Figure.objects.filter(ward__name="Yên Sở").count() == 0
        page.click('form[action$="process_import/"] input[type="submit"]')
        page.wait_for_selector(".messagelist .success")
        assert Figure.objects.get(ward__name="Yên Sở").value == 12345

        reader = context.browser.new_context(viewport={"width": 360, "height": 740})
        public = reader.new_page()
        public.goto(base + election_report.campaign.get_absolute_url())
        chart = public.locator("figure.ranked-chart")
        assert chart.locator("svg text", has_text="Yên Sở").count() == 1
        assert chart.locator("svg rect").count() == 3
        chart.get_by_text("Xem bảng số liệu").click()
        rows = chart.locator("tbody tr")
        assert rows.first.inner_text().split() == ["Định", "Công", "31.000"]
        assert rows.last.inner_text().split() == ["Yên", "Sở", "12.345"]
        reader.close()
    finally:
        context.close()


# Recorded by the page itself, across navigations, as the browser reports them.
RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  const seen = JSON.parse(sessionStorage.getItem("csp") || "[]");
  seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.lineNumber}`);
  sessionStorage.setItem("csp", JSON.stringify(seen));
});
"""


def test_export_select_all_and_import_errors_work_under_the_policy(
    browser, live_server, election_report, make_staff, tmp_path
):
    approver = make_staff("duyetbai", "Duyệt bài")
    book = Workbook()
    book.active.append(["Báo cáo", "Chỉ tiêu", "Phường", "Giá trị"])
    book.active.append([election_report.title, "Cử tri trong danh sách", "", 1])
    book.active.append([election_report.title, "Cử tri trong danh sách", "", "x"])
    path = tmp_path / "so-lieu-sai.xlsx"
    book.save(path)
    base = live_server.url

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        console = []
        page.on(
            "console",
            lambda message: (
                "Content Security Policy" in message.text
                and console.append(message.text)
            ),
        )
        page.add_init_script(RECORD_VIOLATIONS)
        page.goto(base + "/admin/login/")
        page.fill("#id_username", "duyetbai")
        page.fill("#id_password", "pw")
        page.fill("#id_otp_token", totp_code(approver))
        page.click("input[type=submit]")
        page.wait_for_url(base + "/admin/")

        page.goto(base + "/admin/campaigns/figure/export/")
        page.wait_for_load_state("load")
        boxes = page.locator(
            '.selectable-field-export-row input[type="checkbox"]:not(.select-toggle)'
        )
        count = boxes.count()
        assert count == 5

        def ticked():
            return [boxes.nth(i).is_checked() for i in range(count)]

        assert ticked() == [True] * count
        select_all = page.locator("input.select-toggle")
        select_all.click()
        assert ticked() == [False] * count
        select_all.click()
        assert ticked() == [True] * count
        # Its label is tied to it: a click on "Chọn tất cả" works as well.
        page.get_by_label("Chọn tất cả").click()
        assert ticked() == [False] * count

        page.goto(base + "/admin/campaigns/figure/import/")
        page.set_input_files("#id_import_file", str(path))
        page.select_option("#id_format", label="xlsx")
        page.click('input[type="submit"]')
        row = page.locator("table.import-invalid tbody tr")
        row.first.wait_for()
        assert row.count() == 1
        # The error is there to read, beside its row number, without a mouse.
        assert row.locator("th").inner_text() == "3"
        errors = row.locator(".import-row-errors")
        assert errors.is_visible()
        assert "“x” không phải là số." in errors.inner_text()
        assert Figure.objects.filter(report=election_report, ward=None).count() == 2

        assert page.evaluate("sessionStorage.getItem('csp')") is None
        assert console == []
    finally:
        context.close()
