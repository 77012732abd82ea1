"""Take the screenshots of the staff guide: `make guide-screens`.

The guide ("Hướng dẫn sử dụng", templates/admin/guide.html) shows the real
screens. This script loads the demo (seed_demo) into a temporary SQLite database,
serves it with the development server, two-factor sign-in on as in production, and
walks the clerk's week in Debian's chromium as the demo editor and approver: sign
in, write and send an article for review, send it back with a reason, send it
again, publish, look at its history and an old version, export and import, and a
report's figures template. Each screen is cropped to what the guide talks about
and saved as static/guide/<name>.png (1366 px wide, as an office screen).

Run it again after changing a screen the guide shows; commit the PNGs it writes.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "static" / "guide"
CHROMIUM = "/usr/lib/chromium/chromium"
VIEWPORT = {"width": 1366, "height": 768}
EDITOR = ("bientap", "BienTap@2026")
APPROVER = ("duyetbai", "DuyetBai@2026")
TITLE = "Phường Định Công ra quân tổng vệ sinh môi trường cuối tuần"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args, **kwargs):
    return subprocess.run(  # noqa: S603 - manage.py of this project
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs
    )


def serve(env, port):
    """Start the development server on port; return it once it answers."""
    server = subprocess.Popen(  # noqa: S603 - manage.py of this project
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("The development server did not start.")


def authenticator_codes():
    """Give the demo editor and approver an authenticator app; return a code reader.

    Runs in this process on the server's database (DATABASE_URL is set first).
    """
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.contrib.auth import get_user_model
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    devices = {}
    for username, _ in (EDITOR, APPROVER):
        user = get_user_model().objects.get(username=username)
        devices[username] = TOTPDevice.objects.create(
            user=user, name="Ứng dụng xác thực", confirmed=True
        )

    def code(username):
        device = devices[username]
        return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"

    return code


class Walk:
    """One staff member's browser, signed in, saving crops of what they see."""

    def __init__(self, browser, base, user, code):
        self.base = base
        self.context = browser.new_context(viewport=VIEWPORT, locale="vi-VN")
        self.page = self.context.new_page()
        self.user, password = user
        self.go("/admin/login/")
        self.page.fill("#id_username", self.user)
        self.page.fill("#id_password", password)
        self.page.fill("#id_otp_token", code(self.user))
        if self.user == EDITOR[0]:
            self.shot("dang-nhap", self.page.locator("#login-form"), pad=24)
        self.page.click("#login-form input[type=submit]")
        self.page.wait_for_selector("#user-tools")

    def go(self, path):
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("load")

    def shot(self, name, locator=None, pad=12, height=None):
        """Save the part of the page locator covers (with pad px round it)."""
        if locator is None:
            self.page.screenshot(path=OUT / f"{name}.png")
        else:
            locator.scroll_into_view_if_needed()
            box = locator.bounding_box()
            clip = {
                "x": max(box["x"] - pad, 0),
                "y": max(box["y"] - pad, 0),
                "width": min(box["width"] + 2 * pad, VIEWPORT["width"]),
                "height": min(height or box["height"] + 2 * pad, VIEWPORT["height"]),
            }
            self.page.screenshot(path=OUT / f"{name}.png", clip=clip)
        print(f"static/guide/{name}.png")


def article_id(walk):
    """The id of the article TITLE, from its row in the article list."""
    walk.go("/admin/news/article/?q=" + urllib.request.quote("tổng vệ sinh"))
    href = walk.page.locator("#result_list tbody th a").first.get_attribute("href")
    return href.split("?")[0].rstrip("/").split("/")[-2]


def week(browser, base, code):
    editor = Walk(browser, base, EDITOR, code)
    page = editor.page
    editor.shot("trang-chu-quan-tri", page.locator("#content-main .guide-note"), pad=8)

    editor.go("/admin/news/article/add/")
    page.fill("#id_title", TITLE)
    page.select_option("#id_category", index=1)
    page.fill("#id_sapo", "Sáng thứ Bảy, hơn 300 người dân cùng dọn ngõ xóm.")
    page.click(".field-body .ck-editor__editable")
    page.keyboard.type("Sáng thứ Bảy, các tổ dân phố của phường Định Công ra quân…")
    page.evaluate("window.scrollTo(0, 0)")
    editor.shot("viet-bai")
    review_row = page.locator(".review-row")
    editor.shot("gui-duyet", page.locator(".submit-row, .review-row").last, pad=16)
    review_row.locator("input[name=_submit_review]").click()
    page.wait_for_load_state("load")

    approver = Walk(browser, base, APPROVER, code)
    approver.go("/admin/")
    approver.shot("cho-duyet", approver.page.locator(".review-queue"))
    pk = article_id(approver)
    approver.go(f"/admin/news/article/{pk}/change/")
    approver.page.click("text=Trả lại người viết…")
    approver.page.fill("#id_reason", "Thêm số người tham gia của từng tổ dân phố.")
    approver.shot("tra-lai", approver.page.locator("#content-main"))
    approver.page.click("#content-main input[type=submit]")
    approver.page.wait_for_load_state("load")

    editor.go(f"/admin/news/article/{pk}/change/")
    editor.page.click(".field-body .ck-editor__editable")
    editor.page.keyboard.press("End")
    editor.page.keyboard.type(" Tổ dân phố số 5 có 62 người tham gia.")
    editor.page.click("input[name=_submit_review]")
    editor.page.wait_for_load_state("load")

    approver.go(f"/admin/news/article/{pk}/change/")
    publishing = approver.page.locator("fieldset", has_text="Thời gian đăng").first
    approver.shot("xuat-ban", publishing)
    approver.shot("nut-duyet", approver.page.locator(".submit-row").last, pad=16)

    approver.go(f"/admin/news/article/{pk}/history/")
    approver.shot("lich-su", approver.page.locator("#change-history"))
    approver.page.locator("#change-history tbody tr a").last.click()
    approver.page.wait_for_load_state("load")
    approver.shot("khoi-phuc", approver.page.locator("#content"), pad=0, height=560)

    approver.go("/admin/news/article/export/")
    approver.shot("xuat-du-lieu", approver.page.locator("#content"), pad=0, height=560)
    approver.go("/admin/news/article/import/")
    approver.shot("nhap-du-lieu", approver.page.locator("#content"), pad=0)

    approver.go("/admin/campaigns/report/")
    approver.page.locator("#result_list tbody th a").first.click()
    approver.page.wait_for_load_state("load")
    template = approver.page.locator("fieldset", has_text="Tải tệp mẫu").first
    approver.shot("tai-tep-mau", template)
    approver.go("/admin/campaigns/figure/import/")
    approver.shot("nhap-so-lieu", approver.page.locator("#content"), pad=0)


def main():
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="guide-screens-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
            "DJANGO_MEDIA_ROOT": f"{tmp}/media",
            "DJANGO_STAFF_TWO_FACTOR": "true",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        }
        quiet = {"stdout": subprocess.DEVNULL}
        manage(env, "migrate", "--noinput", **quiet)
        manage(env, "seed_demo", **quiet)
        os.environ.update(env)
        code = authenticator_codes()
        port = free_port()
        server = serve(env, port)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
                )
                week(browser, f"http://127.0.0.1:{port}", code)
                browser.close()
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
