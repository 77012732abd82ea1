import datetime
import zoneinfo

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Campaign, Report
from news.models import Article
from portal.tests.live import read_form
from portal.tests.staff_login import login_verified
from publishing.tests.unclean import spoil, spoilt
from publishing.workflow import APPROVER_GROUP, EDITOR_GROUP

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/news/article/add/"
CHANGELIST_URL = "/admin/news/article/"
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def change_url(article):
    return f"/admin/news/article/{article.pk}/change/"


def form_data(article=None, **overrides):
    """Return the change form's POST data for article, as the browser sends it."""
    data = {
        "title": "Hội nghị tuyên truyền tại phường Định Công",
        "slug": "",
        "category": "",
        "sapo": "Tóm tắt.",
        "body": "<p>Nội dung.</p>",
        "cover_alt": "",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "author": "Phóng viên",
        "loaded_version": "",
        "_save": "Lưu",
    }
    if article is not None:
        data.update(
            title=article.title,
            slug=article.slug,
            category=str(article.category_id),
            sapo=article.sapo,
            body=article.body,
            status=article.status,
            author=article.author,
            loaded_version=str(article.version),
        )
        if article.published_at:
            local = timezone.localtime(article.published_at)
            data.update(
                published_at_0=local.strftime("%d/%m/%Y"),
                published_at_1=local.strftime("%H:%M:%S"),
            )
    data.update(overrides)
    return data


def test_roles_exist_after_migrate_with_their_permissions():
    editor = set(
        Group.objects.get(name=EDITOR_GROUP).permissions.values_list(
            "codename", flat=True
        )
    )
    approver = set(
        Group.objects.get(name=APPROVER_GROUP).permissions.values_list(
            "codename", flat=True
        )
    )
    assert {"add_article", "change_article"} <= editor
    assert "publish_article" not in editor
    assert "delete_article" not in editor
    assert {"publish_article", "change_article"} <= approver


def test_editor_creates_a_draft_and_submits_it_for_review(editor_client, category):
    response = editor_client.post(
        ADD_URL, form_data(category=str(category.pk), _submit_review="Gửi duyệt")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert article.status == "review"
    assert article.slug == "hoi-nghi-tuyen-truyen-tai-phuong-dinh-cong"


@pytest.mark.parametrize(
    "crafted",
    [
        {"status": "published"},
        {"status": "withdrawn"},
        {"status": "review", "published_at_0": "01/01/2030", "published_at_1": "08:00"},
    ],
)
def test_editor_cannot_publish_or_schedule_with_a_crafted_post(
    editor_client, category, crafted
):
    editor_client.post(ADD_URL, form_data(category=str(category.pk), **crafted))
    article = Article.objects.first()
    assert article is None or (
        article.status in {"draft", "review"} and article.published_at is None
    )
    assert not Article.objects.published().exists()


def test_editor_cannot_publish_an_existing_draft(editor_client, make_article):
    draft = make_article(status=Article.Status.REVIEW)
    response = editor_client.post(
        change_url(draft),
        form_data(
            draft,
            status="published",
            published_at_0="01/01/2021",
            published_at_1="08:00:00",
        ),
    )
    # Refused, or saved with the crafted fields ignored: an editor's form has no
    # status or publish time to post.
    assert response.status_code in {200, 302, 403}
    draft.refresh_from_db()
    assert draft.status == "review" and draft.published_at is None


@pytest.mark.parametrize(
    "day, expected",
    [
        ("02/12/2026", datetime.datetime(2026, 12, 2, 8, 0, tzinfo=HANOI)),
        ("13/12/2026", datetime.datetime(2026, 12, 13, 8, 0, tzinfo=HANOI)),
    ],
)
def test_approver_schedules_with_the_day_first_in_hanoi_time(
    approver_client, category, day, expected, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 11, 27, 9, 0, tzinfo=HANOI))
    response = approver_client.post(
        ADD_URL,
        form_data(
            category=str(category.pk),
            status="published",
            published_at_0=day,
            published_at_1="08:00",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Article.objects.get().published_at == expected
    assert not Article.objects.published().exists(), "scheduled, not published now"


@pytest.mark.parametrize("day", ["12/25/2026", "2026-12-02", "31/02/2026", "2.12.2026"])
def test_a_date_not_written_day_first_is_refused(approver_client, category, day):
    response = approver_client.post(
        ADD_URL,
        form_data(
            category=str(category.pk),
            status="published",
            published_at_0=day,
            published_at_1="08:00",
        ),
    )
    assert response.status_code == 200
    assert (
        "Hãy ghi ngày theo dạng ngày/tháng/năm, ví dụ 31/12/2026."
        in response.content.decode()
    )
    assert not Article.objects.exists()


def test_admin_shows_dates_day_first_in_hanoi_time(approver_client, make_article):
    article = make_article(
        published_at=datetime.datetime(2026, 12, 2, 8, 0, 41, tzinfo=HANOI)
    )
    listed = approver_client.get(CHANGELIST_URL).content.decode()
    assert "02/12/2026 08:00" in listed
    form = approver_client.get(change_url(article)).content.decode()
    assert 'value="02/12/2026"' in form and 'value="08:00"' in form
    history = approver_client.get(f"{CHANGELIST_URL}{article.pk}/history/")
    saved = timezone.localtime(article.history.get().history_date)
    assert f"{saved:%d/%m/%Y %H:%M}" in history.content.decode()


def test_editor_cannot_use_the_publish_actions(editor_client, make_article):
    draft = make_article(status=Article.Status.REVIEW)
    editor_client.post(
        CHANGELIST_URL,
        {"action": "publish_now", "_selected_action": [draft.pk], "index": 0},
    )
    draft.refresh_from_db()
    assert draft.status == "review"


def test_approver_publishes_with_the_action(approver_client, make_article):
    draft = make_article(status=Article.Status.REVIEW)
    approver_client.post(
        CHANGELIST_URL,
        {"action": "publish_now", "_selected_action": [draft.pk], "index": 0},
    )
    assert list(Article.objects.published()) == [draft]


def test_feature_and_unpublish_actions(approver_client, make_article):
    article = make_article()
    for action in ["feature", "unpublish"]:
        approver_client.post(
            CHANGELIST_URL,
            {"action": action, "_selected_action": [article.pk], "index": 0},
        )
    article.refresh_from_db()
    assert article.is_featured and article.status == "withdrawn"


def test_editor_change_to_a_published_article_waits_for_approval(
    editor_client, approver, client, make_article
):
    article = make_article(title="Tiêu đề đã duyệt", body="<p>Bản đã duyệt.</p>")
    response = editor_client.post(
        change_url(article),
        form_data(
            article, title="Tiêu đề mới", body="<p>Bản sửa<script>x</script></p>"
        ),
        follow=True,
    )
    assert "đang chờ người duyệt bài chấp nhận" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Tiêu đề đã duyệt"
    assert article.pending_changes == {
        "title": "Tiêu đề mới",
        "body": "<p>Bản sửa</p>",
    }
    public = client.get(article.get_absolute_url()).content.decode()
    assert "Tiêu đề đã duyệt" in public and "Bản sửa" not in public

    login_verified(client, approver)
    form = client.get(change_url(article)).content.decode()
    assert "Tiêu đề mới" in form and "thay đổi chờ duyệt" in form
    article.refresh_from_db()
    client.post(
        change_url(article),
        form_data(article, title="Tiêu đề mới", body="<p>Bản sửa</p>"),
    )
    article.refresh_from_db()
    assert (article.title, article.pending_changes) == ("Tiêu đề mới", None)
    assert article.status == "published"


def test_approver_accepts_or_rejects_pending_changes_with_actions(
    approver_client, make_article
):
    accepted = make_article(title="A")
    rejected = make_article(title="B")
    for article in (accepted, rejected):
        Article.objects.filter(pk=article.pk).update(
            pending_changes={"title": article.title + " sửa"}
        )
    approver_client.post(
        CHANGELIST_URL,
        {"action": "accept_pending", "_selected_action": [accepted.pk], "index": 0},
    )
    approver_client.post(
        CHANGELIST_URL,
        {
            "action": "send_back",
            "_selected_action": [rejected.pk],
            "post": "yes",
            "reason": "Giữ tiêu đề cũ.",
        },
    )
    accepted.refresh_from_db()
    rejected.refresh_from_db()
    assert (accepted.title, accepted.pending_changes) == ("A sửa", None)
    assert (rejected.title, rejected.pending_changes) == ("B", None)


def test_stale_save_is_refused(approver_client, editor, make_article):
    article = make_article(status=Article.Status.DRAFT)
    opened = form_data(article, title="Sửa của người duyệt")
    article.title = "Sửa của biên tập viên"
    article._history_user = editor
    article.save()
    response = approver_client.post(change_url(article), opened)
    assert response.status_code == 200
    html = response.content.decode()
    assert "sau khi bạn mở trang này" in html and "bởi bientap" in html
    article.refresh_from_db()
    assert article.title == "Sửa của biên tập viên"


def test_every_change_is_in_the_history_with_its_author(
    editor_client, editor, make_article
):
    article = make_article(status=Article.Status.DRAFT, title="Bản đầu")
    editor_client.post(change_url(article), form_data(article, title="Bản hai"))
    record = article.history.order_by("-history_date").first()
    assert record.history_user == editor
    previous = record.prev_record
    assert [c.field for c in record.diff_against(previous).changes] == ["title"]
    html = editor_client.get(f"/admin/news/article/{article.pk}/history/").content
    assert "Bản hai" in html.decode() and "bientap" in html.decode()


def test_editor_revert_cannot_publish(editor_client, approver, make_article):
    article = make_article(status=Article.Status.PUBLISHED)
    published = article.history.order_by("-history_date").first()
    article.status = Article.Status.DRAFT
    article.published_at = None
    article._history_user = approver
    article.save()
    url = f"/admin/news/article/{article.pk}/history/{published.history_id}/"
    editor_client.post(
        url,
        form_data(
            published.instance, loaded_version=article.version, status="published"
        ),
    )
    article.refresh_from_db()
    assert article.status == "draft"
    assert not Article.objects.published().exists()


def test_approver_revert_restores_an_old_version(approver_client, make_article):
    article = make_article(title="Bản gốc", status=Article.Status.DRAFT)
    original = article.history.order_by("-history_date").first()
    article.title = "Bản sửa hỏng"
    article.save()
    url = f"/admin/news/article/{article.pk}/history/{original.history_id}/"
    response = approver_client.post(
        url, form_data(original.instance, loaded_version=article.version)
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Bản gốc"


def test_admin_form_sanitises_the_body(approver_client, category):
    approver_client.post(
        ADD_URL,
        form_data(
            category=str(category.pk),
            body='<p onclick="x()">Chào<script>alert(1)</script></p>'
            '<a href="javascript:alert(1)">l</a>',
        ),
    )
    assert Article.objects.get().body == '<p>Chào</p><a rel="noopener noreferrer">l</a>'


def test_text_pasted_into_the_change_form_is_stored_clean(
    approver_client, make_article
):
    """Word's soft line breaks, CR LF, NUL and the like: saved, and stored clean."""
    draft = make_article(status=Article.Status.DRAFT)
    typed = {
        "title": "Phường Định Công họp dân",
        "sapo": "Tóm tắt bài.",
        "body": "<p>Nội dung bài.</p>",
        "author": "Phóng viên",
    }
    pasted = {name: spoil(text) for name, text in typed.items()}
    response = approver_client.post(change_url(draft), form_data(draft, **pasted))
    assert response.status_code == 302, response.content.decode()[-3000:]
    draft.refresh_from_db()
    assert {name: getattr(draft, name) for name in typed} == {
        name: spoilt(text) for name, text in typed.items()
    }


def test_preview_shows_drafts_to_staff_under_a_banner(
    editor_client, client, make_article
):
    draft = make_article(title="Bài chưa đăng", status=Article.Status.DRAFT)
    url = reverse("article_preview", args=[draft.pk])
    html = editor_client.get(url).content.decode()
    assert "Bản nháp" in html and "Bài chưa đăng" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    client.logout()
    assert client.get(url).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404
    draft.refresh_from_db()
    assert draft.view_count == 0


def test_preview_of_a_scheduled_article(editor_client, make_article):
    due = timezone.now() + datetime.timedelta(days=2)
    article = make_article(title="Bài hẹn giờ", published_at=due)
    html = editor_client.get(reverse("article_preview", args=[article.pk])).content
    assert "Bản nháp" in html.decode()


def test_admin_search_ignores_diacritics_and_case(approver_client, make_article):
    make_article(title="Đảng bộ phường Định Công")
    make_article(title="Tin khác")
    for query in ["dinh cong", "ĐỊNH CÔNG", "Định Công"]:
        html = approver_client.get(CHANGELIST_URL, {"q": query}).content.decode()
        assert "Đảng bộ phường Định Công" in html, query
        assert "Tin khác" not in html, query


def test_changelist_speaks_vietnamese_with_filters(approver_client, make_article):
    make_article()
    html = approver_client.get(CHANGELIST_URL).content.decode()
    for text in [
        "Nhập dữ liệu",
        "Xuất dữ liệu",
        "Xuất bản ngay",
        "trạng thái",
        "tin nổi bật",
    ]:
        assert text in html, text


def test_cover_upload_goes_through_the_image_checks(approver_client, category):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from portal.tests.images import jpeg_bytes

    fake = SimpleUploadedFile("anh.jpg", b"GIF89a but not really", "image/jpeg")
    response = approver_client.post(
        ADD_URL, {**form_data(category=str(category.pk)), "cover": fake}
    )
    assert response.status_code == 200
    assert "không phải là ảnh hợp lệ" in response.content.decode()
    assert not Article.objects.exists()

    photo = SimpleUploadedFile(
        "Ảnh bìa.jpg", jpeg_bytes((40, 20), orientation=6, gps=True), "image/jpeg"
    )
    approver_client.post(
        ADD_URL, {**form_data(category=str(category.pk)), "cover": photo}
    )
    article = Article.objects.get()
    assert article.cover.name.startswith("covers/20")
    assert article.cover.name.endswith("/anh-bia.jpg")
    from PIL import Image

    with article.cover.open() as handle:
        image = Image.open(handle)
        assert image.size == (20, 40) and not image.getexif()
    assert article.cover_card["width"] == 20


def test_cover_decompression_bomb_gets_a_message(approver_client, category):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from portal.tests.images import png_bytes

    bomb = SimpleUploadedFile("bom.png", png_bytes((14000, 14000), mode="1"))
    response = approver_client.post(
        ADD_URL, {**form_data(category=str(category.pk)), "cover": bomb}
    )
    assert response.status_code == 200
    assert "vượt giới hạn 40 megapixel" in response.content.decode()
    assert not Article.objects.exists()


def test_word_paste_keeps_tables_and_lists(approver_client, category):
    word = (
        '<p class="MsoNormal" style="margin:0"><span lang="VI" style="font-size:13pt">'
        "Kết quả<o:p></o:p></span></p>"
        '<figure class="table">'
        '<table class="MsoTableGrid" border="1" style="width:100%">'
        '<tbody><tr><td style="width:50%"><p class="MsoNormal">Phường</p></td>'
        '<td width="200"><p>Số tổ</p></td></tr></tbody></table></figure>'
        '<ul><li style="mso-list:l0 level1 lfo1">Mai Động</li><li>Đại Kim</li></ul>'
        "<ol><li>Một</li></ol>"
    )
    approver_client.post(ADD_URL, form_data(category=str(category.pk), body=word))
    assert Article.objects.get().body == (
        '<p><span lang="VI">Kết quả</span></p>'
        '<figure class="table"><table><tbody><tr><td><p>Phường</p></td>'
        "<td><p>Số tổ</p></td></tr></tbody></table></figure>"
        "<ul><li>Mai Động</li><li>Đại Kim</li></ul><ol><li>Một</li></ol>"
    )


def test_admin_tells_the_editor_which_pasted_images_were_removed(
    approver_client, category
):
    body = '<p>Ảnh:<img src="file:///C:/Users/may/anh.jpg"></p>'
    response = approver_client.post(
        ADD_URL, form_data(category=str(category.pk), body=body), follow=True
    )
    assert "Đã bỏ ảnh “file:///C:/Users/may/anh.jpg”" in response.content.decode()
    assert Article.objects.get().body == "<p>Ảnh:</p>"


def test_editor_cannot_feature_through_an_import_or_a_revert(
    editor_client, approver, make_article
):
    from news.admin import ArticleResource

    article = make_article(status=Article.Status.REVIEW, is_featured=True)
    featured = article.history.order_by("-history_date").first()
    article.is_featured = False
    article._history_user = approver
    article.save()
    url = f"/admin/news/article/{article.pk}/history/{featured.history_id}/"
    editor_client.post(
        url, form_data(featured.instance, loaded_version=article.version)
    )
    article.refresh_from_db()
    assert article.is_featured is False

    import tablib

    dataset = tablib.Dataset(
        headers=["id", "title", "category", "sapo", "body", "status", "is_featured"]
    )
    dataset.append(
        [article.pk, article.title, article.category.slug, "s", "<p>b</p>", "review", 1]
    )
    editor = editor_client.session.get("_auth_user_id")
    from django.contrib.auth import get_user_model

    result = ArticleResource().import_data(
        dataset,
        dry_run=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        user=get_user_model().objects.get(pk=editor),
    )
    assert result.has_validation_errors()
    article.refresh_from_db()
    assert article.is_featured is False


def test_pending_change_to_a_deleted_category_is_left_out(
    editor_client, approver_client, make_article
):
    from news.models import Category

    article = make_article()
    gone = Category.objects.create(name="Sắp xóa")
    Article.objects.filter(pk=article.pk).update(pending_changes={"category": gone.pk})
    gone.delete()
    response = approver_client.get(reverse("article_preview", args=[article.pk]))
    assert response.status_code == 200
    approver_client.post(
        CHANGELIST_URL,
        {"action": "accept_pending", "_selected_action": [article.pk], "index": 0},
    )
    article.refresh_from_db()
    assert article.category_id != gone.pk and article.pending_changes is None


def test_a_draft_cannot_take_another_articles_old_slug(client, make_article):
    renamed = make_article(title="Tên cũ")
    old_url = renamed.get_absolute_url()
    renamed.slug = "ten-moi"
    renamed.save()
    draft = make_article(title="Tên cũ", status=Article.Status.DRAFT)
    assert draft.slug == "ten-cu-2"
    from django.core.exceptions import ValidationError

    draft.slug = "ten-cu"
    with pytest.raises(ValidationError):
        draft.full_clean()
    assert client.get(old_url).status_code == 301


def test_an_editor_cannot_relink_a_live_article(editor_client, approver, make_article):
    """The reports an article cites show at once: on a live one, approvers only."""
    campaign = Campaign.objects.create(name="Bầu cử 2021", summary="Tóm tắt.")
    report = Report.objects.create(
        campaign=campaign,
        title="Kết quả bầu cử",
        period="Năm 2021",
        reported_on=datetime.date(2021, 5, 28),
        summary="Tóm tắt.",
        status=Report.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    article = make_article()
    form = login_verified(Client(), approver).get(change_url(article)).text
    fields = read_form(form, "article_form")
    fields.update({"reports": [str(report.pk)], "_save": "Lưu"})
    editor_client.post(change_url(article), fields)
    assert not article.reports.exists()


def test_the_body_editor_gets_the_public_pages_text_styles(approver_client):
    form = approver_client.get(ADD_URL).content.decode()
    assert 'href="/static/css/editor.css"' in form


def test_the_preview_of_an_unpublished_article_says_so(editor_client, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    page = editor_client.get(reverse("article_preview", args=[draft.pk])).text
    assert "Chưa đăng" in page and "Ngày đăng" not in page


def test_add_links_say_add_and_the_name(approver_client):
    listed = approver_client.get(CHANGELIST_URL).content.decode()
    assert "Thêm bài viết" in listed and "Thêm vào" not in listed
    index = approver_client.get("/admin/").content.decode()
    assert 'class="addlink"' in index and "Thêm vào" not in index


def test_the_article_list_reads_at_a_glance(approver_client, make_article):
    make_article(title="Bài có thay đổi", pending_changes={"title": "Mới"})
    response = approver_client.get(CHANGELIST_URL)
    headers = [
        str(field["text"]).strip() for field in response.context["result_headers"]
    ]
    assert headers[1:] == [
        "tiêu đề",
        "chuyên mục",
        "trạng thái",
        "thời gian đăng",
        "tin nổi bật",
        "lượt xem",
    ]
    assert 'Đã xuất bản<br><span class="pending-note">có thay đổi chờ duyệt' in (
        response.content.decode()
    )
