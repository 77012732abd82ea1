"""The newsroom end to end in Debian's chromium: write, approve, read."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from news.models import Article, Category
from portal.tests.images import jpeg_bytes
from portal.tests.staff_login import totp_code
from publishing.workflow import APPROVER_GROUP, EDITOR_GROUP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Phường Định Công ra quân tổng vệ sinh môi trường"


@pytest.fixture
def contexts(browser):
    """Open browser contexts for the test and close them, with their requests."""
    opened = []

    def new(**options):
        opened.append(browser.new_context(**options))
        return opened[-1].new_page()

    yield new
    for context in opened:
        context.close()


def log_in(new_page, base, username, width=1280):
    page = new_page(viewport={"width": width, "height": 900})
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw")
    # The code the staff member's authenticator app shows now.
    user = get_user_model().objects.get(username=username)
    page.fill("#id_otp_token", totp_code(user))
    page.click("input[type=submit]")
    page.wait_for_url(base + "/admin/")
    return page


def image_loaded(locator):
    return locator.evaluate("img => img.complete && img.naturalWidth > 0")


def test_editor_writes_approver_publishes_reader_sees(
    contexts, live_server, make_staff, tmp_path
):
    category = Category.objects.create(name="Tin tức – Sự kiện", order=1)
    make_staff("bientap", EDITOR_GROUP)
    make_staff("duyetbai", APPROVER_GROUP)
    photo = tmp_path / "ảnh tổng vệ sinh.jpg"
    photo.write_bytes(jpeg_bytes((800, 400), orientation=6, gps=True))
    cover = tmp_path / "bia.jpg"
    cover.write_bytes(jpeg_bytes((900, 600)))
    base = live_server.url

    editor = log_in(contexts, base, "bientap")
    editor.goto(base + "/admin/news/article/add/")
    editor.fill("#id_title", TITLE)
    editor.select_option("#id_category", str(category.pk))
    editor.fill("#id_sapo", "Hàng trăm người dân cùng dọn vệ sinh ngõ xóm.")
    editor.locator(".ck-editor__editable").click()
    editor.keyboard.type("Sáng Chủ nhật, các tổ dân phố đồng loạt ra quân.")
    editor.keyboard.press("Enter")
    editor.click('.ck-toolbar button[data-cke-tooltip-text="Tạo bảng"]')
    editor.locator(".ck-insert-table-dropdown-grid-box").nth(11).click()  # 2×2
    for cell in ["Tổ dân phố", "Số người", "Tổ 1", "120"]:
        editor.keyboard.type(cell)
        editor.keyboard.press("Tab")
    editor.set_input_files(".ck-toolbar input[type=file]", str(photo))
    editor.wait_for_selector('.ck-editor__editable img[src*="/media/editor/"]')
    # Every picture needs a description before review: the editor's button says so.
    editor.locator(".ck-editor__editable img").click()
    editor.click('.ck-toolbar button[data-cke-tooltip-text="Mô tả ảnh"]')
    described = editor.get_by_label("Mô tả ảnh (cho người khiếm thị)")
    described.fill("Người dân tổ 1 dọn vệ sinh ngõ")
    described.press("Enter")
    editor.set_input_files("#id_cover", str(cover))
    editor.fill("#id_cover_alt", "Người dân dọn vệ sinh ngõ phố")
    editor.click('input[name="_submit_review"]')
    editor.wait_for_selector(".messagelist .success")

    article = Article.objects.get(title=TITLE)
    assert article.status == "review"
    assert "<table>" in article.body and "<td>Tổ 1</td>" in article.body
    assert '<img src="/media/editor/' in article.body
    assert 'alt="Người dân tổ 1 dọn vệ sinh ngõ"' in article.body
    assert not Article.objects.published().exists()

    approver = log_in(contexts, base, "duyetbai")
    approver.goto(base + "/admin/news/article/")
    approver.check(f'input[name="_selected_action"][value="{article.pk}"]')
    approver.select_option('select[name="action"]', "publish_now")
    approver.click('button[name="index"]')
    approver.wait_for_selector(".messagelist .success")
    assert list(Article.objects.published()) == [article]

    reader = contexts(viewport={"width": 360, "height": 740})
    reader.goto(base + "/")
    card = reader.locator("article.card", has_text=TITLE).first
    card_image = card.locator("img")
    card_image.scroll_into_view_if_needed()
    reader.wait_for_function("img => img.complete", arg=card_image.element_handle())
    assert image_loaded(card_image)
    card.get_by_role("link", name=TITLE).click()
    reader.wait_for_selector(".prose table")
    body_image = reader.locator(".prose img").first
    body_image.scroll_into_view_if_needed()
    reader.wait_for_function("img => img.complete", arg=body_image.element_handle())
    assert image_loaded(body_image)
    assert body_image.evaluate("img => img.naturalHeight > img.naturalWidth")


def test_admin_calendar_and_clock_write_the_day_first(
    contexts, live_server, make_staff
):
    category = Category.objects.create(name="Tin tức – Sự kiện", order=1)
    make_staff("duyetbai", APPROVER_GROUP)
    base = live_server.url
    approver = log_in(contexts, base, "duyetbai")
    approver.goto(base + "/admin/news/article/add/")
    approver.fill("#id_title", TITLE)
    approver.select_option("#id_category", str(category.pk))
    approver.fill("#id_sapo", "Tóm tắt.")
    approver.locator(".ck-editor__editable").click()
    approver.keyboard.type("Nội dung.")
    approver.select_option("#id_status", "published")

    approver.click("#calendarlink0")
    approver.locator("#calendarin0 a", has_text="13").first.click()
    day = approver.input_value("#id_published_at_0")
    approver.click("#id_published_at_1 + .datetimeshortcuts a")  # "Bây giờ"
    clock = approver.input_value("#id_published_at_1")
    approver.click('input[name="_save"]')
    approver.wait_for_selector(".messagelist .success")

    published = timezone.localtime(Article.objects.get(title=TITLE).published_at)
    assert day.startswith("13/") and day == f"{published:%d/%m/%Y}"
    assert clock == f"{published:%H:%M}" and published.second == 0
