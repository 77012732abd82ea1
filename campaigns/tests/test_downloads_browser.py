"""A reader on a phone and on a desktop finds how to open the open data files."""

import pytest

from portal.tests.screens import SCREENSHOTS, keep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1366])
def test_the_report_says_how_to_open_its_files(
    browser, live_server, election_report, width
):
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(live_server.url + election_report.get_absolute_url())
        with page.expect_download() as download:
            page.click(".downloads a[href$='so-lieu.csv']")
        assert download.value.suggested_filename == "so-lieu-ket-qua-bau-cu.csv"
        summary = page.locator(".downloads__help summary")
        assert summary.inner_text() == "Mở các tệp này thế nào?"
        assert summary.bounding_box()["height"] >= 44  # a finger's target
        help_text = page.locator(".downloads__help ul")
        assert not help_text.is_visible()
        summary.click()
        assert help_text.is_visible()
        assert "dùng tệp XLSX" in help_text.inner_text()
        assert "P00301" in help_text.inner_text()
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"the page scrolls sideways: {scroll} px"
        keep(page, f"bao-cao-tai-du-lieu-{width}")
        page.locator(".downloads").screenshot(
            path=SCREENSHOTS / f"tai-du-lieu-mo-{width}.png"
        )
    finally:
        context.close()
