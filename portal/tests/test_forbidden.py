"""A refused page or form speaks Vietnamese: the admin's look for staff, the portal's
for readers (handler403 and CSRF_FAILURE_VIEW, portal/views.py); and the history
of an item links a person's name only for someone who may open their account.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import include, path

from news.models import Article
from portal.urls import handler403  # noqa: F401 - the test URLconf's own

from .staff_login import login_verified

pytestmark = pytest.mark.django_db


def refused(request):
    raise PermissionDenied


def refused_saying_why(request):
    raise PermissionDenied(
        "Nội dung vừa được người khác lưu trong lúc bạn lưu; hãy mở lại để xem."
    )


urlpatterns = [
    path("cam-xem/", refused),
    path("admin/luu-trung/", refused_saying_why),
    path("", include("portal.urls")),
]


def test_an_editor_refused_a_user_page_gets_the_admins_look_in_vietnamese(
    editor_client, approver
):
    response = editor_client.get(f"/admin/auth/user/{approver.pk}/change/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Bạn không có quyền mở trang này" in html
    assert 'id="site-name"' in html and "admin.css" in html  # admin/base_site.html
    assert "Forbidden" not in html


@pytest.mark.urls(__name__)
def test_staff_refused_for_a_reason_read_that_reason(editor):
    staff = login_verified(Client(), editor)
    response = staff.get("/admin/luu-trung/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Nội dung vừa được người khác lưu trong lúc bạn lưu" in html
    assert "chưa được lưu" in html
    assert "Bạn không có quyền mở trang này" not in html


@pytest.mark.urls(__name__)
def test_a_reader_refused_a_page_gets_the_portals_look(client):
    response = client.get("/cam-xem/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Không được phép xem trang" in html
    assert 'class="site-header"' in html and 'id="site-name"' not in html


def test_a_reader_form_refused_by_csrf_says_to_reload(db):
    reader = Client(enforce_csrf_checks=True)
    response = reader.post("/tai-anh-bien-tap/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "tải lại trang" in html and 'class="site-header"' in html
    assert "CSRF" not in html


def test_a_staff_form_refused_by_csrf_says_to_reload_and_sign_in(editor):
    staff = login_verified(Client(enforce_csrf_checks=True), editor)
    response = staff.post("/admin/news/article/add/", {"title": "Bài mới"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "chưa được lưu" in html and "đăng nhập lại" in html
    assert 'id="site-name"' in html and "CSRF" not in html


def history_of(client, make_article, editor):
    article = make_article(status=Article.Status.DRAFT)
    article.history.update(history_user=editor)
    return client.get(f"/admin/news/article/{article.pk}/history/").content.decode()


def test_history_names_the_author_without_a_link_for_an_editor(
    editor_client, editor, make_article
):
    editor.first_name, editor.last_name = "Lan", "Nguyễn Thị"
    editor.save()
    html = history_of(editor_client, make_article, editor)
    assert "Nguyễn Thị Lan" in html
    assert "/admin/auth/user/" not in html


def test_history_links_the_author_for_a_superuser(admin_client, editor, make_article):
    html = history_of(admin_client, make_article, editor)
    assert f'href="/admin/auth/user/{editor.pk}/change/">bientap</a>' in html


def test_a_sign_in_refused_by_csrf_gets_the_admins_look(db):
    signing_in = Client(enforce_csrf_checks=True)
    response = signing_in.post("/admin/login/", {"username": "bientap"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Chưa lưu được" in html and 'id="site-name"' in html


def test_the_admin_sign_in_page_has_its_heading(client):
    html = client.get("/admin/login/").content.decode()
    assert html.count("<h1") == 1
    assert '<h1 class="login-heading">Đăng nhập trang quản trị</h1>' in html
