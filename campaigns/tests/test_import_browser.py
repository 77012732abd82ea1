"""Staff import an XLSX of ward figures in the admin; readers see them at once."""

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
        chart = public.locator("svg.chart__svg").first
        assert chart.locator("text", has_text="Yên Sở").count() == 1
        assert chart.locator("text", has_text="12.345").count() == 1
        assert chart.locator("text", has_text="31.000").count() == 1
        assert chart.locator("rect").count() == 3
        reader.close()
    finally:
        context.close()
