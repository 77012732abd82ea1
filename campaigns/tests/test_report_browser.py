"""A report read on a 360 px phone and a 1366 px desktop, measured in chromium.

The demo's election report (bau-cu-2021) is at most half as tall on a phone as it
was; each ward figure is on screen once; each chart has its title above it and
its table in the accessibility tree, shown on a tap; a document's labels stand
above their values on a phone. Screenshots: artifacts/screenshots/report-*.png.
"""

import io

import pytest
from django.core.management import call_command

from campaigns.models import Campaign, Document, Report
from portal.tests.screens import keep

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 768}
# The election report's height at 360 px before issue 24, measured in chromium on
# the demo (commit d882792): a ward table, then four charts each followed by a
# table of the same figures.
ELECTION_BEFORE = 10_275

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Is an element's text on screen: drawn, larger than a pixel, and not inside a
# box clipped to a pixel (a visually hidden table)?
ON_SCREEN = """el => {
  const big = r => r.width >= 2 && r.height >= 2;
  if (!el.checkVisibility({visibilityProperty: true})) return false;
  if (!big(el.getBoundingClientRect())) return false;
  for (let box = el.parentElement; box; box = box.parentElement) {
    const clips = getComputedStyle(box).overflow !== 'visible';
    if (clips && !big(box.getBoundingClientRect())) return false;
  }
  return true;
}"""
# The texts on screen of a page's leaves (elements, SVG text included, without
# element children), but for the district's figures: the stat cards, the list of
# the others and the ward table's "Toàn quận" row (its 15 meetings are not a ward's
# 15 polling stations).
SHOWN_TEXTS = (
    """() => { const shown = ON_SCREEN;
  const district = '.stat-cards, .figure-list, tfoot';
  return [...document.body.querySelectorAll('*')]
    .filter(el => el.children.length === 0 && !el.closest(district) && shown(el))
    .map(el => el.textContent.trim()); }"""
).replace("ON_SCREEN", ON_SCREEN)


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


def election():
    return Report.objects.get(campaign__slug="bau-cu-2021")


def height(page):
    return page.evaluate("document.documentElement.scrollHeight")


def test_the_election_report_is_half_as_tall_on_a_phone(browser, live_server, demo):
    url = live_server.url + election().get_absolute_url()
    heights = {}
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        try:
            page.goto(url, wait_until="load")
            heights[name] = height(page)
            keep(page, f"report-election-{name}")
        finally:
            context.close()
    print(f"\nelection report: {heights} px (before: {ELECTION_BEFORE} px at 360)")
    assert heights["phone"] <= ELECTION_BEFORE / 2


def test_each_ward_figure_is_on_screen_once_on_a_phone(browser, live_server, demo):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(live_server.url + election().get_absolute_url(), wait_until="load")
        cells = page.locator(".figures--wards tbody td").all_text_contents()
        assert len(cells) == 14 * 4  # 14 wards, 4 indicators
        shown = page.evaluate(SHOWN_TEXTS)
        twice = {
            value: shown.count(value)
            for value in set(cells)
            if shown.count(value) != cells.count(value)
        }
        assert not twice, f"on screen more than once: {twice}"
    finally:
        context.close()


def chart_pages():
    pages = {c.slug: c.get_absolute_url() for c in Campaign.objects.active()}
    for report in Report.objects.published():
        pages[report.slug] = report.get_absolute_url()
    return pages


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_each_chart_has_its_title_above_it_and_its_table_for_screen_readers(
    browser, live_server, demo, viewport
):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    problems, charts = [], 0
    try:
        for name, path in chart_pages().items():
            page.goto(live_server.url + path, wait_until="load")
            for chart in page.locator("figure.ranked-chart").all():
                charts += 1
                title = chart.locator("h3")
                svg = chart.locator("svg").bounding_box()
                box = title.bounding_box()
                if not title.is_visible() or box["y"] + box["height"] > svg["y"]:
                    problems.append(f"{name}: the title is not above the chart")
                elif box["x"] > svg["x"] + svg["width"] or svg["x"] > box["x"] + 50:
                    problems.append(f"{name}: the title is not over the chart")
                # Closed, the table is out of sight but in the accessibility tree.
                table = chart.locator("table")
                if table.evaluate(ON_SCREEN):
                    problems.append(f"{name}: the chart's table is on screen")
                tree = chart.aria_snapshot()
                rows = table.locator("tbody tr").count()
                if "- table" not in tree or tree.count("- rowheader") < rows:
                    problems.append(f"{name}: no table for screen readers:\n{tree}")
            if name == "bau-cu-2021" and viewport is PHONE:
                keep(page, "report-chart-closed-phone")
    finally:
        context.close()
    assert charts >= 8, "the demo's reports and campaigns have charts"
    assert not problems, "\n".join(problems)


def test_the_charts_table_is_one_tap_away(browser, live_server, demo):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(live_server.url + election().get_absolute_url(), wait_until="load")
        chart = page.locator("figure.ranked-chart")
        table = chart.locator("table")
        assert not table.evaluate(ON_SCREEN)
        chart.get_by_text("Xem bảng số liệu").click()
        assert table.evaluate(ON_SCREEN)
        box = table.bounding_box()
        assert box["width"] >= 300 and box["x"] + box["width"] <= PHONE["width"]
        assert table.locator("tbody tr").count() == 14
        table.scroll_into_view_if_needed()
        keep(page, "report-chart-table-open-phone")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_documents_labels_are_above_their_values_on_a_phone(
    browser, live_server, demo, viewport
):
    document = Document.objects.get(number="181-CV/QU")
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        page.goto(live_server.url + document.get_absolute_url(), wait_until="load")
        labels = page.locator(".facts dt").all()
        assert len(labels) >= 5
        for label in labels:
            value = label.locator("xpath=following-sibling::dd[1]")
            above, below = label.bounding_box(), value.bounding_box()
            if viewport is PHONE:
                assert below["y"] >= above["y"] + above["height"] - 1
                assert below["width"] >= 300, label.text_content()
            else:  # side by side, on one line
                assert below["y"] == pytest.approx(above["y"], abs=1)
                assert below["x"] > above["x"] + above["width"]
        summary = page.locator(".facts dt", has_text="Trích yếu")
        lines = summary.locator("xpath=following-sibling::dd[1]").evaluate(
            "el => Math.round(el.getBoundingClientRect().height"
            " / parseFloat(getComputedStyle(el).lineHeight))"
        )
        print(f"\n{viewport['width']} px: 'Trích yếu' on {lines} lines")
        keep(page, f"report-document-{'phone' if viewport is PHONE else 'desktop'}")
    finally:
        context.close()
