"""Pages in a real browser: Playwright driving Debian's chromium, never the network."""

import io
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from campaigns.models import Report
from news.models import Article

from .screens import keep

VIEWPORTS = {"phone": (360, 740), "desktop": (1280, 900)}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visit(browser, url, viewport, name):
    """Open url; return its console errors, foreign requests and overflow."""
    width, height = VIEWPORTS[viewport]
    page = browser.new_page(viewport={"width": width, "height": height})
    problems = []
    page.on(
        "console",
        lambda m: m.type == "error" and problems.append(f"console: {m.text}"),
    )
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))

    def check_request(request):
        host = urlsplit(request.url).hostname
        if request.url.startswith("data:") or host in {"127.0.0.1", "localhost"}:
            return
        problems.append(f"request left the portal: {request.url}")

    page.on("request", check_request)
    response = page.goto(url, wait_until="load")
    assert response.status == 200, url
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        problems.append(f"page is {overflow}px wider than the {viewport} screen")
    keep(page, f"{name}-{viewport}")
    page.close()
    return problems


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_reader_pages_render_cleanly(browser, live_server, viewport):
    call_command("seed_demo", stdout=io.StringIO())
    article = Article.objects.published().get(
        title__startswith="Những hoạt động nổi bật"
    )
    pages = {
        "home": "/",
        "news": "/tin-tuc/",
        "category": article.category.get_absolute_url(),
        "article": article.get_absolute_url(),
        "about": "/trang/gioi-thieu/",
        "campaigns": "/chien-dich/",
        "campaign": "/chien-dich/bau-cu-2021/",
        "report": Report.objects.get(
            campaign__slug="vung-xanh-covid-19"
        ).get_absolute_url(),
        "documents": "/van-ban/",
        "document": "/van-ban/ke-hoach-50-kh-qu/",
        "search": "/tim-kiem/?q=hoang+mai",
        "poll": "/binh-chon/danh-gia-thai-do-tiep-cong-dan-cua-can-bo-mot-cua-quan/",
    }
    problems = {
        name: visit(browser, live_server.url + path, viewport, name)
        for name, path in pages.items()
    }
    assert problems == {name: [] for name in pages}


def test_keyboard_user_can_skip_to_the_content(browser, live_server):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == (
        "Bỏ qua, tới nội dung chính"
    )
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#noi-dung"
    page.close()


@pytest.mark.parametrize("debug", [True, False])
def test_error_pages_show_with_their_styles(browser, live_server, settings, debug):
    """Under make run (DEBUG) Django's debug page keeps its inline styles."""
    settings.DEBUG = debug
    page = browser.new_page(viewport={"width": 360, "height": 740})
    refused = []
    page.on(
        "console",
        lambda m: "Content Security Policy" in m.text and refused.append(m.text),
    )
    response = page.goto(live_server.url + "/khong-co-trang-nay/")
    assert response.status == 404
    if debug:  # Django's yellow page: "Page not found (404)" on #ffc
        styled = "getComputedStyle(document.getElementById('summary')).backgroundColor"
        assert page.evaluate(styled) == "rgb(255, 255, 204)"
    else:  # the portal's own page, styled by its stylesheet only
        styled = (
            "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
        )
        assert page.evaluate(styled) == "rgb(165, 28, 28)"
    assert refused == []
    page.close()
