"""Staff reach "Hướng dẫn sử dụng" from every admin page, and it shows the real screens.

The guide (templates/admin/guide.html) covers each task of a clerk's week by the
label of its button; its pictures are static files the week's browser test takes
(portal/tests/test_week_browser.py, `make guide-screens`).
"""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from .language import english_words

pytestmark = pytest.mark.django_db

GUIDE = "/admin/huong-dan/"
TASKS = [
    "Gửi duyệt",
    "Trả lại",
    "Hẹn giờ",
    "Xuất bản",
    "Gỡ bài",
    "Khôi phục",
    "Xuất dữ liệu",
    "Nhập dữ liệu",
    "Tải tệp mẫu",
    "Mô tả ảnh",
]
VIETNAMESE_LETTER = re.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]"
)


class Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def images(html):
    parser = Images()
    parser.feed(html)
    return parser.images


def test_the_guide_is_the_url_the_header_names():
    assert reverse("admin:guide") == GUIDE


@pytest.mark.parametrize("role", ["editor_client", "approver_client"])
def test_editors_and_approvers_open_the_guide(role, request):
    response = request.getfixturevalue(role).get(GUIDE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Hướng dẫn sử dụng</h1>" in html
    missing = [task for task in TASKS if task not in html]
    assert not missing, f"the guide does not name {missing}"


def test_the_guide_is_for_signed_in_staff_only(client):
    response = client.get(GUIDE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/news/",
        "/admin/news/article/",
        "/admin/news/article/add/",
        "/admin/campaigns/report/",
        "/admin/xac-thuc-hai-lop/",
        "/admin/password_change/",
        GUIDE,
    ],
)
def test_every_admin_page_links_to_the_guide_in_its_header(editor_client, path):
    html = editor_client.get(path).content.decode()
    header = html[html.index('id="user-tools"') : html.index("</header>")]
    assert f'<a href="{GUIDE}">Hướng dẫn sử dụng</a>' in header


def test_the_admin_index_leads_to_the_guide(editor_client):
    html = editor_client.get("/admin/").content.decode()
    content = html[html.index('id="content-main"') :]
    assert f'<a href="{GUIDE}">Hướng dẫn sử dụng</a>' in content


def test_every_picture_of_the_guide_is_a_static_file_described_in_vietnamese(
    editor_client,
):
    pictures = images(editor_client.get(GUIDE).content.decode())
    pictures = [p for p in pictures if p["src"].startswith(static("guide/"))]
    assert len(pictures) >= 10
    for picture in pictures:
        name = picture["src"].removeprefix(static(""))
        assert finders.find(name), f"{name} is not a static file"
        alt = picture.get("alt", "")
        assert VIETNAMESE_LETTER.search(alt.lower()), f"{name}: alt {alt!r}"
        assert not english_words(alt), f"{name}: alt {alt!r}"
