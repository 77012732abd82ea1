"""Weigh the home page on a 360x640 phone at 1x, as production serves it.

The demo is loaded into a fresh SQLite database in a temporary folder and served
by gunicorn under production settings (bench/lighthouse_settings.py, as `make
lighthouse` does: WhiteNoise sends the compressed copies collectstatic made,
pages leave the page cache gzipped, Django serves the demo's images as nginx
would). Debian's chromium, driven by Playwright, opens the home page; the bytes
it received (headers and bodies as they crossed the wire, from the DevTools
protocol) are added up once the page has loaded, before any scroll, and again
after scrolling to the end, when the lazy pictures have come. Prints each figure
with the files behind it; `python bench/first_screen.py 2` weighs it at 2x.
"""

import os
import sys

from lighthouse import demo_server  # bench/lighthouse.py, beside this script

CHROME = os.environ.get("CHROME_PATH", "/usr/lib/chromium/chromium")
REDIS_URL = os.environ.get("FIRST_SCREEN_REDIS_URL", "redis://127.0.0.1:6379/14")
PHONE = {"width": 360, "height": 640}


def weigh(url, scale):
    """Return ({url: bytes} before scrolling, {url: bytes} at the end)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROME, args=["--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(viewport=PHONE, device_scale_factor=scale)
        page = context.new_page()
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.setCacheDisabled", {"cacheDisabled": True})
        urls, received = {}, {}
        session.on(
            "Network.responseReceived",
            lambda event: urls.__setitem__(
                event["requestId"], event["response"]["url"]
            ),
        )
        session.on(
            "Network.loadingFinished",
            lambda event: received.__setitem__(
                urls.get(event["requestId"], event["requestId"]),
                event["encodedDataLength"],
            ),
        )
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        first = dict(received)
        height = page.evaluate("document.scrollingElement.scrollHeight")
        for y in range(0, height + PHONE["height"], PHONE["height"] // 2):
            page.evaluate(f"window.scrollTo(0, {y})")
            page.wait_for_timeout(100)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        last = dict(received)
        browser.close()
    return first, last


def show(title, received, base):
    total = sum(received.values()) / 1024
    print(f"\n{title}: {total:.1f} KiB in {len(received)} responses")
    for url, size in sorted(received.items(), key=lambda item: -item[1]):
        print(f"  {size / 1024:7.1f} KiB  {url.removeprefix(base)}")


def main():
    scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1
    with demo_server("first-screen-", REDIS_URL) as (base, _dev):
        first, last = weigh(base + "/", scale)
    size = f"{PHONE['width']}x{PHONE['height']}"
    print(f"Home page, {size} at {scale:g}x, production serving.")
    show("First screen (loaded, not scrolled)", first, base)
    show("Scrolled to the end", last, base)


if __name__ == "__main__":
    main()
