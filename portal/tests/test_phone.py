"""A citizen's 360 px phone and a 1366 px desktop, measured in Debian's chromium.

Every kind of public page of the demo: no sideways scroll, every section of the
menu reachable (with and without JavaScript), chart text at least 12 CSS px, figure
tables that show every column on a desktop and scroll inside themselves on a
phone, and the "Chia sẻ" row: the share sheet or a copy of the link, nothing
loaded from another host.
"""

import io
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from campaigns.models import Campaign, Report
from news.models import Article, Category
from pages.models import Page

from .screens import keep
from .test_accessibility import public_pages

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 768}
SMALLEST_TEXT = 12

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each chart's text, in CSS px: its font size times the scale of its SVG.
CHART_TEXT = """() => [...document.querySelectorAll('svg.chart__svg text')].map(t => ({
  text: t.textContent,
  px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
}))"""
SIDEWAYS = "document.scrollingElement.scrollWidth - innerWidth"


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


def menu_names():
    """Return the names of every section of the menu, in order."""
    return [
        "Trang chủ",
        *Category.objects.values_list("name", flat=True),
        "Chiến dịch",
        "Văn bản",
        *Page.objects.published().values_list("title", flat=True),
    ]


def open_menu_and_check(page, width):
    """Open the menu as a reader does; return the problems with its links."""
    problems = []
    summary = page.locator(".main-nav summary")
    if not summary.is_visible():
        return [f"{page.url}: no menu button"]
    summary.click()
    links = page.locator(".main-nav a")
    names = links.all_text_contents()
    if names != menu_names():
        problems.append(f"{page.url}: the menu has {names}")
    for link in links.all():
        box = link.bounding_box()
        if not link.is_visible() or box is None:
            problems.append(f"{page.url}: {link.text_content()} is not shown")
        elif box["x"] < 0 or box["x"] + box["width"] > width:
            problems.append(f"{page.url}: {link.text_content()} is off screen: {box}")
    if page.evaluate(SIDEWAYS) > 0:
        problems.append(f"{page.url}: the open menu scrolls sideways")
    return problems


def test_no_page_scrolls_sideways_on_a_phone_and_the_menu_reaches_every_section(
    browser, live_server, demo
):
    pages = public_pages()
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems = []
    try:
        for name, path in pages.items():
            response = page.goto(live_server.url + path, wait_until="load")
            assert response.status == (404 if name == "404" else 200), path
            if (overflow := page.evaluate(SIDEWAYS)) > 0:
                problems.append(f"{name}: {overflow} px wider than the phone")
            problems += open_menu_and_check(page, PHONE["width"])
        keep(page, "menu-open-phone")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_the_menu_works_without_javascript_and_names_the_current_section(
    browser, live_server, demo
):
    article = Article.objects.published().filter(is_featured=True).first()
    report = Report.objects.published().first()
    pages = {
        "/": "Trang chủ",
        article.get_absolute_url(): article.category.name,
        "/chien-dich/": "Chiến dịch",
        report.get_absolute_url(): "Chiến dịch",
        "/van-ban/": "Văn bản",
        "/trang/gioi-thieu/": Page.objects.get(slug="gioi-thieu").title,
    }
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    problems = []
    try:
        for path, section in pages.items():
            page.goto(live_server.url + path, wait_until="load")
            current = page.locator(".main-nav__current")
            box = current.bounding_box()
            if current.text_content() != section or box is None:
                problems.append(f"{path}: the menu shows {current.text_content()}")
            elif box["x"] + box["width"] > PHONE["width"]:
                problems.append(f"{path}: the current section is off screen")
            # Before it is opened, the menu takes one line.
            height = page.locator(".main-nav").bounding_box()["height"]
            if height > 60:
                problems.append(f"{path}: the closed menu is {height} px tall")
            problems += open_menu_and_check(page, PHONE["width"])
            marked = page.locator(".main-nav a[aria-current]")
            if marked.all_text_contents() != [section]:
                problems.append(f"{path}: marked {marked.all_text_contents()}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_the_desktop_menu_is_one_open_bar_without_a_button(browser, live_server, demo):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/chien-dich/", wait_until="load")
        assert not page.locator(".main-nav summary").is_visible()
        links = page.locator(".main-nav a")
        assert links.all_text_contents() == menu_names()
        assert all(link.is_visible() for link in links.all())
        # Reached from the keyboard, after the search box.
        page.locator("#tu-khoa").focus()
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Trang chủ"
    finally:
        context.close()


def chart_pages():
    pages = {c.slug: c.get_absolute_url() for c in Campaign.objects.active()}
    for report in Report.objects.published():
        pages[report.slug] = report.get_absolute_url()
    return pages


def test_chart_text_is_at_least_12px_on_a_phone(browser, live_server, demo):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sizes = {}
    try:
        for name, path in chart_pages().items():
            page.goto(live_server.url + path, wait_until="load")
            sizes[name] = page.evaluate(CHART_TEXT)
            keep(page, f"charts-{name}-phone")
    finally:
        context.close()
    measured = [text for texts in sizes.values() for text in texts]
    assert len(measured) > 100, "the demo's charts were measured"
    small = [
        f"{name}: “{t['text']}” {t['px']:.1f} px"
        for name, texts in sizes.items()
        for t in texts
        if t["px"] < SMALLEST_TEXT
    ]
    smallest = min(t["px"] for t in measured)
    print(f"\nsmallest chart text at 360 px: {smallest:.2f} CSS px")
    assert not small, "\n".join(small)


def test_report_tables_show_every_column_on_a_desktop_and_scroll_inside_on_a_phone(
    browser, live_server, demo
):
    reports = {r.slug: r.get_absolute_url() for r in Report.objects.published()}
    desktop = browser.new_context(viewport=DESKTOP)
    page = desktop.new_page()
    clipped = []
    try:
        for name, path in reports.items():
            page.goto(live_server.url + path, wait_until="load")
            for box in page.locator(".table-scroll").all():
                width = box.evaluate("el => el.scrollWidth - el.clientWidth")
                if width > 0:
                    clipped.append(f"{name}: a table is {width} px too wide")
            keep(page, f"report-{name}-desktop")
    finally:
        desktop.close()
    assert not clipped, "\n".join(clipped)

    phone = browser.new_context(viewport=PHONE)
    page = phone.new_page()
    try:
        election = Report.objects.get(campaign__slug="bau-cu-2021")
        page.goto(live_server.url + election.get_absolute_url(), wait_until="load")
        assert page.evaluate(SIDEWAYS) <= 0
        region = page.locator(".table-scroll:has(.figures--wards)")
        assert region.evaluate("el => el.scrollWidth > el.clientWidth")
        region.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
        inside = region.bounding_box()
        ward = region.locator("tbody th").first.bounding_box()
        last = region.locator("tbody tr").first.locator("td").last.bounding_box()
        # The ward column stays put; the last column comes into view.
        assert ward["x"] == pytest.approx(inside["x"], abs=1)
        assert last["x"] + last["width"] <= inside["x"] + inside["width"] + 1
        keep(page, "report-wards-scrolled-phone")
    finally:
        phone.close()


def watch_hosts(page, live_server):
    """Collect every request of page that goes anywhere but the portal."""
    portal = urlsplit(live_server.url).netloc
    elsewhere = []
    page.on(
        "request",
        lambda r: (
            urlsplit(r.url).netloc != portal
            and not r.url.startswith("data:")
            and elsewhere.append(r.url)
        ),
    )
    return elsewhere


def read_clipboard(page, live_server):
    """Return the clipboard's text, read from a page of the portal's origin.

    The portal's own pages forbid reading the clipboard (Permissions-Policy), as
    they should; a blank page of the same origin, served by the test, may.
    """
    blank = live_server.url + "/presse-papiers/"
    page.route(
        blank,
        lambda route: route.fulfill(body="<title>.</title>", content_type="text/html"),
    )
    page.goto(blank)
    return page.evaluate("navigator.clipboard.readText()")


def test_share_copies_the_link_where_there_is_no_share_sheet(
    browser, live_server, demo
):
    article = Article.objects.published().filter(is_featured=True).first()
    url = live_server.url + article.get_absolute_url()
    context = browser.new_context(viewport=PHONE)
    context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=live_server.url
    )
    page = context.new_page()
    elsewhere = watch_hosts(page, live_server)
    try:
        page.goto(url, wait_until="load")
        assert page.evaluate("typeof navigator.share") == "undefined"
        button = page.locator(".share__button")
        assert button.text_content() == "Sao chép liên kết"
        button.click()
        status = page.locator(".share__status")
        status.wait_for(state="visible")
        assert status.text_content() == (
            "Đã sao chép liên kết. Hãy dán vào Zalo, Facebook hoặc tin nhắn để chia sẻ."
        )
        keep(page, "share-copied-phone")
        assert elsewhere == []
        assert read_clipboard(page, live_server) == url
    finally:
        context.close()


@pytest.mark.parametrize("outcome", ["shared", "closed", "failed"])
def test_share_opens_the_share_sheet_where_there_is_one(
    browser, live_server, demo, outcome
):
    article = Article.objects.published().filter(is_featured=True).first()
    url = live_server.url + article.get_absolute_url()
    context = browser.new_context(viewport=PHONE)
    context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=live_server.url
    )
    # A phone's share sheet, standing in for the system's: it records what it was
    # given, and the reader shares, closes it, or it fails.
    context.add_init_script(
        """navigator.share = data => {
          window.shared = data;
          if (OUTCOME === 'shared') return Promise.resolve();
          const name = OUTCOME === 'closed' ? 'AbortError' : 'NotAllowedError';
          return Promise.reject(new DOMException('no', name));
        };""".replace("OUTCOME", f"'{outcome}'")
    )
    page = context.new_page()
    elsewhere = watch_hosts(page, live_server)
    try:
        page.goto(url, wait_until="load")
        button = page.locator(".share__button")
        assert button.text_content() == "Chia sẻ qua ứng dụng…"
        button.click()
        page.wait_for_function("window.shared !== undefined")
        assert page.evaluate("window.shared") == {"title": article.title, "url": url}
        status = page.locator(".share__status")
        if outcome == "failed":  # then the link is copied instead
            status.wait_for(state="visible")
            assert status.text_content().startswith("Đã sao chép liên kết.")
            assert read_clipboard(page, live_server) == url
        else:
            page.wait_for_timeout(200)
            assert status.text_content() == ""
        assert elsewhere == []
    finally:
        context.close()


def test_without_javascript_share_is_the_plain_facebook_link(
    browser, live_server, demo
):
    article = Article.objects.published().filter(is_featured=True).first()
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    elsewhere = watch_hosts(page, live_server)
    try:
        page.goto(live_server.url + article.get_absolute_url(), wait_until="load")
        assert not page.locator(".share__button").is_visible()
        link = page.locator(".share__link")
        assert link.is_visible()
        assert link.get_attribute("href").startswith(
            "https://www.facebook.com/sharer/sharer.php?u=http"
        )
        assert elsewhere == []
    finally:
        context.close()
