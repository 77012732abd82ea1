"""No picture goes to review or to readers without a description, whatever the path.

The change form shows the refusal on the body field; list actions, imports and
restores refuse it with a message naming the item and the picture; drafts keep
undescribed pictures.
"""

import html as htmllib
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from news.models import Article
from portal.tests.live import read_form
from portal.tests.staff_login import login_verified

from .test_import_export import csv_file, preview, row
from .test_newsroom import change_url, form_data

pytestmark = pytest.mark.django_db

UNDESCRIBED = (
    "<p>Sáng nay, Quận ủy họp báo.</p>"
    '<figure class="image"><img src="/media/editor/le-khai-mac.jpg" '
    'alt="Lễ khai mạc"></figure>'
    '<figure class="image"><img src="/media/editor/anh-hop-bao.jpg" width="800" '
    'height="533"></figure>'
)
DESCRIBED = UNDESCRIBED.replace('width="800"', 'alt="Họp báo" width="800"')
SAID = "Ảnh thứ 2 (“anh-hop-bao.jpg”) chưa có mô tả."
CHANGELIST_URL = "/admin/news/article/"


def page_text(response):
    return htmllib.unescape(response.content.decode())


def body_errors(response):
    return response.context["adminform"].form.errors.get("body", [])


def test_an_approver_cannot_publish_it_and_sees_why_on_the_body(
    approver_client, make_article
):
    article = make_article(status=Article.Status.REVIEW, body=UNDESCRIBED)
    response = approver_client.post(
        change_url(article), form_data(article, status="published")
    )
    assert response.status_code == 200
    assert [e for e in body_errors(response) if e.startswith(SAID)]
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW

    response = approver_client.post(
        change_url(article), form_data(article, status="published", body=DESCRIBED)
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


@pytest.mark.parametrize("button", ["_publish", "_schedule"])
def test_the_approvers_buttons_say_why_on_the_body_too(
    approver_client, make_article, button
):
    article = make_article(status=Article.Status.DRAFT, body=UNDESCRIBED)
    data = {**form_data(article, status="draft"), button: "1"}
    if button == "_schedule":
        data["published_at_0"], data["published_at_1"] = "02/01/2099", "08:00"
    response = approver_client.post(change_url(article), data)
    assert response.status_code == 200
    assert [e for e in body_errors(response) if e.startswith(SAID)]
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Article.Status.DRAFT, None)


def test_an_editor_saves_a_draft_but_cannot_send_it_for_review(
    editor_client, make_article
):
    article = make_article(status=Article.Status.DRAFT, body="<p>Nháp.</p>")
    response = editor_client.post(
        change_url(article), form_data(article, body=UNDESCRIBED)
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert "anh-hop-bao.jpg" in article.body

    response = editor_client.post(
        change_url(article), {**form_data(article), "_submit_review": "Gửi duyệt"}
    )
    assert response.status_code == 200
    assert [e for e in body_errors(response) if e.startswith(SAID)]
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_an_editor_cannot_propose_it_for_a_live_article(editor_client, make_article):
    article = make_article(body="<p>Đã đăng.</p>")
    response = editor_client.post(
        change_url(article), form_data(article, body=UNDESCRIBED)
    )
    assert response.status_code == 200
    assert [e for e in body_errors(response) if e.startswith(SAID)]
    article.refresh_from_db()
    assert article.pending_changes is None


def test_publish_now_leaves_it_unpublished_and_names_item_and_picture(
    approver_client, make_article
):
    waiting = make_article(
        title="Họp báo quý I", status=Article.Status.REVIEW, body=UNDESCRIBED
    )
    ready = make_article(title="Tin đủ mô tả", status=Article.Status.REVIEW)
    response = approver_client.post(
        CHANGELIST_URL,
        {
            "action": "publish_now",
            "_selected_action": [waiting.pk, ready.pk],
            "index": 0,
        },
        follow=True,
    )
    said = [str(m) for m in response.context["messages"]]
    assert [m for m in said if m.startswith(f"Chưa lưu “Họp báo quý I”: {SAID}")]
    assert "Đã xuất bản 1 bài viết." in said
    waiting.refresh_from_db()
    ready.refresh_from_db()
    assert waiting.status == Article.Status.REVIEW
    assert (waiting.version, waiting.history.count()) == (1, 1)
    assert ready.status == Article.Status.PUBLISHED


def test_an_imported_row_is_refused_with_the_picture_named(approver_client, category):
    category.slug = "tin-tuc"
    category.save()
    response = preview(
        approver_client,
        csv_file(
            [
                row(
                    "Tin họp báo",
                    category="tin-tuc",
                    status="published",
                    body=UNDESCRIBED,
                )
            ]
        ),
    )
    assert response.context.get("confirm_form") is None
    assert SAID in page_text(response)
    assert not Article.objects.exists()
    response = preview(
        approver_client,
        csv_file([row("Tin họp báo", category="tin-tuc", body=UNDESCRIBED)]),
    )
    assert response.context.get("confirm_form") is not None, "a draft is imported"


def test_a_restore_cannot_bring_it_back_to_readers(approver, make_article):
    article = make_article(status=Article.Status.DRAFT, body=UNDESCRIBED)
    old = article.history.get()
    article.body, article.status = DESCRIBED, Article.Status.PUBLISHED
    article.save()
    client = login_verified(Client(), approver)
    url = f"/admin/news/article/{article.pk}/history/{old.history_id}/"
    fields = read_form(client.get(url).content.decode(), "historicalarticle_form")
    assert "anh-hop-bao.jpg" in fields["body"]
    response = client.post(url, {**fields, "status": "published"})
    assert response.status_code == 200
    assert [e for e in body_errors(response) if e.startswith(SAID)]
    article.refresh_from_db()
    assert (article.body, article.status) == (DESCRIBED, Article.Status.PUBLISHED)


def test_the_editor_asks_for_a_description_of_each_picture(
    approver_client, make_article
):
    article = make_article()
    page = approver_client.get(change_url(article)).content.decode()
    translations = page.index("django_ckeditor_5/dist/translations/vi.js")
    assert page.index("js/editor_words.js") > translations
    words = Path(finders.find("js/editor_words.js")).read_text(encoding="utf-8")
    assert '"Change image text alternative": "Mô tả ảnh"' in words


def test_a_standing_page_is_published_only_with_its_pictures_described(admin_client):
    from pages.models import Page

    data = {"title": "Giới thiệu", "slug": "gioi-thieu", "body": UNDESCRIBED}
    response = admin_client.post("/admin/pages/page/add/", {**data, "published": "on"})
    assert response.status_code == 200
    assert [e for e in body_errors(response) if e.startswith(SAID)]
    assert not Page.objects.exists()
    response = admin_client.post("/admin/pages/page/add/", data)
    assert response.status_code == 302, "an unpublished page keeps them"


def test_a_published_page_older_than_the_rule_can_still_be_retitled(admin_client):
    """The pages follow the same rule: nothing new sent out, nothing checked."""
    from pages.models import Page

    page = Page.objects.create(
        title="Giới thiệu", slug="gioi-thieu", body=UNDESCRIBED, published=True
    )
    data = {"title": "Giới thiệu Ban", "slug": page.slug, "body": page.body}
    response = admin_client.post(
        f"/admin/pages/page/{page.pk}/change/", {**data, "published": "on"}
    )
    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).title == "Giới thiệu Ban"
    changed = {**data, "body": page.body + "<p>Thêm.</p>", "published": "on"}
    response = admin_client.post(f"/admin/pages/page/{page.pk}/change/", changed)
    assert response.status_code == 200
    assert [e for e in body_errors(response) if e.startswith(SAID)]
