"""Forms that fit a thumb, readable featured titles, a sharp emblem and a light
first screen, measured in Debian's chromium on the demo.

Sizes are what chromium lays out (getBoundingClientRect, getComputedStyle), not
what the stylesheet says.
"""

import gzip
import io

import pytest
from django.core.management import call_command

from news.models import Article
from polls.models import Poll

from .screens import keep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1366, "height": 768}
# iOS zooms into a control whose text is smaller; Apple's and WCAG's tap target.
SMALLEST_TEXT = 16
SMALLEST_TARGET = 44
FIRST_SCREEN_BUDGET = 100 * 1024

# Every visible control of every form: its text size, height and font. A radio
# or a checkbox is tapped through its label, which is measured as its target.
CONTROLS = """() => {
  const body = getComputedStyle(document.body).fontFamily;
  const controls = 'form :is(input, select, textarea, button)';
  return [...document.querySelectorAll(controls)]
    .filter(c => c.type !== 'hidden' && c.getClientRects().length)
    .map(c => {
      const style = getComputedStyle(c);
      const target = ['radio', 'checkbox'].includes(c.type) ? c.closest('label') : c;
      const form = c.closest('form');
      const text = c.tagName === 'SELECT' ? '' : c.textContent.trim();
      return {
        control: `${form.className || form.getAttribute('action')} `
          + `${c.tagName.toLowerCase()}[${c.name || c.type}] ${text}`,
        px: parseFloat(style.fontSize),
        height: target.getBoundingClientRect().height,
        font: style.fontFamily,
        body,
      };
    });
}"""


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


def form_pages():
    """Return the public pages with forms: home, search, poll, article, documents."""
    article = Article.objects.published().filter(is_featured=True).first()
    poll = Poll.objects.current().first()
    return {
        "home": "/",
        "search": "/tim-kiem/?q=vung+xanh&tu=2021-01-01&den=2030-12-31",
        "poll": poll.get_absolute_url(),
        "article": article.get_absolute_url(),
        "documents": "/van-ban/",
    }


def test_every_public_form_control_fits_a_thumb_on_a_phone(browser, live_server, demo):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems, smallest = [], None
    try:
        for name, path in form_pages().items():
            page.goto(live_server.url + path, wait_until="load")
            controls = page.evaluate(CONTROLS)
            assert controls, f"{name}: no form control"
            for c in controls:
                where = f"{name}: {c['control']}"
                if c["px"] < SMALLEST_TEXT:
                    problems.append(f"{where} has {c['px']} px text")
                if c["height"] < SMALLEST_TARGET:
                    problems.append(f"{where} is {c['height']:.1f} px tall")
                if c["font"] != c["body"]:
                    problems.append(f"{where} is in {c['font']}, not {c['body']}")
                low = (c["px"], c["height"])
                smallest = low if smallest is None else min(smallest, low)
            keep(page, f"thumb-{name}-phone")
    finally:
        context.close()
    print(f"smallest control text and height at 360 px: {smallest}")
    assert not problems, "\n".join(problems)


def test_featured_side_titles_are_readable_on_a_desktop(browser, live_server, demo):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/", wait_until="load")
        keep(page, "thumb-home-desktop")
        titles = page.evaluate("""() => [...document.querySelectorAll(
            '.featured__grid .card:not(.card--wide) .card__title')].map(t => {
          const lineHeight = parseFloat(getComputedStyle(t).lineHeight);
          const box = t.getBoundingClientRect();
          return {title: t.textContent.trim(), width: box.width,
                  lines: Math.round(box.height / lineHeight)};
        })""")
    finally:
        context.close()
    assert len(titles) >= 3, titles
    print(
        "featured side titles at 1366 px:", [(t["width"], t["lines"]) for t in titles]
    )
    narrow = [t for t in titles if t["width"] < 200 or t["lines"] > 4]
    assert not narrow, narrow


@pytest.mark.parametrize("scale", [1, 2])
def test_the_emblem_is_drawn_at_the_size_it_is_shown(browser, live_server, scale):
    context = browser.new_context(viewport=PHONE, device_scale_factor=scale)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/", wait_until="load")
        # naturalWidth divides by the srcset's density: the file is read again.
        emblem = page.evaluate("""async () => {
          const img = document.querySelector('.brand img');
          const box = img.getBoundingClientRect();
          const file = new Image();
          file.src = img.currentSrc;
          await file.decode();
          return {width: box.width, height: box.height, natural: file.naturalWidth,
                  naturalHeight: file.naturalHeight, src: img.currentSrc};
        }""")
    finally:
        context.close()
    print(f"emblem at {scale}x:", emblem)
    assert emblem["width"] == emblem["height"] == 44
    assert emblem["natural"] == emblem["naturalHeight"] == 44 * scale, emblem


COMPRESSED = {
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "image/svg+xml",
    "application/json",
}
# Each picture's file against the box it fills: its pixels, re-read from the file
# (naturalWidth divides by the density the srcset named).
PICTURES = """async () => Promise.all([...document.images].filter(i => i.currentSrc)
  .map(async img => {
    const file = new Image();
    file.src = img.currentSrc;
    await file.decode();
    return {src: img.currentSrc, shown: img.getBoundingClientRect().width
      * devicePixelRatio, pixels: file.naturalWidth};
  }))"""
# RENDITION_WIDTHS (publishing/images.py) give every box a file at most this
# many times as wide as the pixels it shows.
SHARPEST = 1.5


def transferred(response):
    """Return the bytes a response takes on the wire as production sends it.

    Status line, headers and body; a page, stylesheet or script the test server
    sent plain is counted gzipped, as nginx (gzip, gzip_static) and WhiteNoise
    send them.
    """
    headers = sum(
        len(h["name"]) + len(h["value"]) + 4 for h in response.headers_array()
    )
    body = response.body()
    plain = not response.header_value("content-encoding")
    kind = (response.header_value("content-type") or "").split(";")[0]
    if plain and kind in COMPRESSED and len(body) >= 256:
        body = gzip.compress(body, compresslevel=5)
    return len("HTTP/1.1 200 OK\r\n\r\n") + headers + len(body)


def test_the_home_pages_first_screen_weighs_at_most_100_kib_on_a_phone(
    browser, live_server, demo
):
    """Lazy pictures come as the reader scrolls; none is sharper than its box."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request.response()))
    try:
        page.goto(live_server.url + "/", wait_until="load")
        page.wait_for_load_state("networkidle")
        first = {r.url: transferred(r) for r in responses if r}
        keep(page, "thumb-home-phone-scrolled")
        height = page.evaluate("document.scrollingElement.scrollHeight")
        for y in range(0, height + PHONE["height"], PHONE["height"] // 2):
            page.evaluate(f"window.scrollTo(0, {y})")
            page.wait_for_timeout(50)
        page.wait_for_load_state("networkidle")
        last = {r.url: transferred(r) for r in responses if r}
        pictures = page.evaluate(PICTURES)
    finally:
        context.close()
    for name, weighed in (("first screen", first), ("scrolled to the end", last)):
        print(f"home at 360x640 1x, {name}: {sum(weighed.values()) / 1024:.1f} KiB")
        for url, size in sorted(weighed.items(), key=lambda item: -item[1])[:6]:
            print(f"  {size / 1024:6.1f} KiB {url.removeprefix(live_server.url)}")
    assert len(last) > len(first), "no picture waited for the scroll"
    # A file fetched for one box may be reused (from memory) by a smaller one.
    widest = {}
    for picture in pictures:
        widest[picture["src"]] = max(widest.get(picture["src"], 0), picture["shown"])
    too_sharp = [p for p in pictures if p["pixels"] > SHARPEST * widest[p["src"]]]
    assert not too_sharp, too_sharp
    assert sum(first.values()) <= FIRST_SCREEN_BUDGET
