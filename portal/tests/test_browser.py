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
        "site_map": "/so-do-trang/",
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


SCROLL_THROUGH = """async () => {
  for (let y = 0; y <= document.documentElement.scrollHeight; y += 300) {
    window.scrollTo(0, y);
    await new Promise((done) => setTimeout(done, 60));
  }
  await Promise.all([...document.images].map((img) => img.decode().catch(() => {})));
}"""
# Covers and cards: the pictures with sizes= (the header's emblem has a 2x srcset).
PICTURES = """[...document.querySelectorAll("img[sizes]")].map((img) => ({
  file: img.currentSrc.split("/").pop(), natural: img.naturalWidth,
  shown: img.clientWidth, loading: img.loading, priority: img.fetchPriority}))"""
# The largest paint once the lead picture is shown: its file, or the tag painted.
LARGEST_PAINT = """async () => {
  await document.querySelector("img[sizes]").decode();
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 100)));
  return new Promise((found) => new PerformanceObserver((list) => {
    const element = list.getEntries().at(-1).element;
    found(element.currentSrc ? element.currentSrc.split("/").pop() : element.tagName);
  }).observe({type: "largest-contentful-paint", buffered: true}));
}"""
IMAGE_BYTES = """performance.getEntriesByType("resource")
  .filter((entry) => entry.initiatorType === "img")
  .reduce((sum, entry) => sum + entry.encodedBodySize, 0)"""


def test_pictures_at_360px_fetch_no_more_than_twice_their_pixels(browser, live_server):
    """Each card and cover takes the rendition its box needs, at 1x, 2x and 3x."""
    call_command("seed_demo", stdout=io.StringIO())
    article = Article.objects.published().get(
        title__startswith="Những hoạt động nổi bật"
    )
    weight = {}
    for ratio in (1, 2, 3):
        context = browser.new_context(
            viewport={"width": 360, "height": 740}, device_scale_factor=ratio
        )
        page = context.new_page()
        for path in ["/", article.get_absolute_url(), "/tin-tuc/"]:
            page.goto(live_server.url + path, wait_until="load")
            lead = page.evaluate(LARGEST_PAINT) if path == "/" else None
            page.evaluate(SCROLL_THROUGH)
            pictures = page.evaluate(PICTURES)
            assert pictures, path
            wasteful = [
                p for p in pictures if not 0 < p["natural"] <= 2 * p["shown"] * ratio
            ]
            assert wasteful == [], (path, ratio)
            if path != "/tin-tuc/":  # the home page's lead story; the article's cover
                first = pictures[0]
                assert (first["loading"], first["priority"]) == ("eager", "high")
                assert all(p["loading"] == "lazy" for p in pictures[1:])
            if path == "/":
                # On the article page the sapo, not the cover, paints the most.
                assert lead == pictures[0]["file"], (
                    "the largest paint: the lead picture"
                )
                weight[ratio] = page.evaluate(IMAGE_BYTES)
        context.close()
    print("home page images at 360 px, bytes by device pixel ratio:", weight)
    # Before renditions at the layout's sizes, every ratio fetched 212 KB.
    assert weight[1] < 100_000
