"""A database of the layout before the apps were split migrates without loss."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from PIL import Image

from campaigns.models import Report
from demo.images import draw_cover
from news.models import Article
from pages.models import Page
from search.models import SearchEntry
from weather.models import Place

# Where the schema stood before pages, search and weather had apps of their own
# and before the report–article links moved to the article's side.
BEFORE = [
    ("portal", "0005_page_published"),
    ("news", "0006_history_reason_text"),
    ("campaigns", "0002_history_reason_text"),
    ("pages", None),
    ("search", None),
    ("weather", None),
]
MOVED = {"page": "pages", "place": "weather", "weatherreading": "weather"}
MOVED["searchentry"] = "search"


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1]]).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_yesterdays_database_keeps_its_rows_links_and_permissions():
    old = migrate(BEFORE)
    try:
        # The content types of yesterday's models were the project app's.
        for model, app in MOVED.items():
            ContentType.objects.filter(app_label=app, model=model).update(
                app_label="portal"
            )
        page_type = ContentType.objects.get(app_label="portal", model="page")
        change_page = Permission.objects.get(
            content_type=page_type, codename="change_page"
        )
        approvers = Group.objects.create(name="Người duyệt cũ")
        approvers.permissions.add(change_page)

        page = old.get_model("portal", "Page").objects.create(
            title="Giới thiệu", slug="gioi-thieu", body="<p>Ban.</p>", published=True
        )
        place = old.get_model("portal", "Place").objects.create(
            name="Hà Nội", latitude="21.02850", longitude="105.85420"
        )
        old.get_model("portal", "WeatherReading").objects.create(
            place=place,
            temperature="24.5",
            humidity=78,
            weather_code=2,
            wind_speed="9.4",
            observed_at=timezone.now(),
        )
        old.get_model("portal", "SearchEntry").objects.create(
            kind="article", object_id=1, title="Tin", url="/tin-tuc/a/tin/"
        )
        category = old.get_model("news", "Category").objects.create(
            name="Tin hoạt động", slug="tin-hoat-dong"
        )
        article = old.get_model("news", "Article").objects.create(
            title="Tin bầu cử",
            slug="tin-bau-cu",
            sapo="Sapo.",
            body="<p>Nội dung.</p>",
            category=category,
            status="published",
            published_at=timezone.now(),
        )
        campaign = old.get_model("campaigns", "Campaign").objects.create(
            name="Bầu cử 2021", slug="bau-cu-2021", summary="Tóm tắt.", period="2021"
        )
        report = old.get_model("campaigns", "Report").objects.create(
            campaign=campaign,
            title="Kết quả bầu cử",
            slug="ket-qua-bau-cu",
            period="Năm 2021",
            reported_on=datetime.date(2021, 5, 28),
            summary="Tóm tắt.",
        )
        report.related_articles.add(article)
        LogEntry.objects.create(
            user=get_user_model().objects.create_user("nguoicu"),
            content_type=page_type,
            object_id=str(page.pk),
            object_repr="Giới thiệu",
            action_flag=2,
        )
    finally:
        migrate(latest())

    assert Page.objects.get().title == "Giới thiệu"
    assert Place.objects.get().reading.temperature == 24.5
    assert SearchEntry.objects.get().title == "Tin"
    assert [r.title for r in Article.objects.get().reports.all()] == ["Kết quả bầu cử"]
    # Same content type rows, so permissions, groups and the admin log still hold.
    page_type = ContentType.objects.get_for_model(Page)
    assert page_type.pk == LogEntry.objects.get().content_type_id
    assert LogEntry.objects.get().get_edited_object().title == "Giới thiệu"
    assert Group.objects.get(name="Người duyệt cũ").permissions.get() == (
        Permission.objects.get(content_type=page_type, codename="change_page")
    )
    assert not ContentType.objects.filter(app_label="portal").exists()


@pytest.mark.django_db
def test_existing_text_typed_decomposed_is_composed_without_a_new_version(
    make_article,
):
    import importlib
    import unicodedata

    from django.apps import apps

    from campaigns.models import Ward

    migration = importlib.import_module("portal.migrations.0007_text_in_nfc")
    article = make_article(title="Phường Định Công", sapo="Ðảng bộ")
    ward = Ward.objects.create(code="99999", name="Phường Thử")
    history = article.history.count()
    # As rows typed in NFD were stored before every save composed them.
    decomposed = unicodedata.normalize("NFD", "Phường Định Công")
    Article.objects.filter(pk=article.pk).update(
        title=decomposed, search_text="phuong dinh cong ðang bo"
    )
    Ward.objects.filter(pk=ward.pk).update(
        name=unicodedata.normalize("NFD", "Phường Thử")
    )
    migration.compose(apps, None)
    stored = Article.objects.get(pk=article.pk)
    assert stored.title == "Phường Định Công"
    assert stored.search_text == "phuong dinh cong dang bo"
    assert (stored.version, stored.history.count()) == (article.version, history)
    assert Ward.objects.get(pk=ward.pk).name == "Phường Thử"


@pytest.mark.django_db
def test_existing_text_with_control_characters_is_cleaned_without_a_new_version(
    make_article,
):
    import importlib

    from django.apps import apps

    from campaigns.models import Ward
    from publishing.tests.unclean import EVERY, spoil, spoilt

    migration = importlib.import_module("portal.migrations.0008_text_clean")
    # Every one but NUL, which PostgreSQL never stored.
    unclean = EVERY.replace("\x00", "")
    article = make_article(title="Phường Định Công", body="<p>Một hai.</p>")
    ward = Ward.objects.create(code="99999", name="Phường Thử")
    versions = (article.version, article.history.count())
    # As rows were stored before every save cleaned their text.
    Article.objects.filter(pk=article.pk).update(
        title=spoil("Phường Định Công", unclean), body="<p>Một\r\nhai.</p>"
    )
    article.history.update(title=spoil("Phường Định Công", unclean))
    # A ward's name holds a hundred characters: a few of them.
    Ward.objects.filter(pk=ward.pk).update(name="Phường\x0bThử\x7f\ufdd0\U0010ffff")
    migration.clean_text(apps, None)
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.body) == (
        spoilt("Phường Định Công"),
        "<p>Một\nhai.</p>",
    )
    assert (stored.version, stored.history.count()) == versions
    assert stored.history.get().title == spoilt("Phường Định Công")
    assert Ward.objects.get(pk=ward.pk).name == "Phường\nThử"


@pytest.mark.django_db(transaction=True)
def test_covers_get_renditions_for_srcset_and_the_originals_stay_as_they_were():
    old = migrate(
        [
            ("news", "0007_article_reports"),
            ("campaigns", "0003_related_articles_move_to_news"),
        ]
    )
    try:
        original = draw_cover("bia", 900, 600)
        cover = default_storage.save("covers/2021/05/bia.jpg", ContentFile(original))
        made_before = default_storage.save(
            "renditions/covers/2021/05/bia-card.webp", ContentFile(b"RIFF")
        )
        labels = {
            "card": {"name": made_before, "width": 480, "height": 320},
            "full": {"name": made_before, "width": 900, "height": 600},
        }
        category = old.get_model("news", "Category").objects.create(
            name="Tin", slug="tin"
        )
        Article = old.get_model("news", "Article")
        text = {"sapo": "Sapo.", "body": "<p>Nội dung.</p>", "category": category}
        Article.objects.create(
            title="Có ảnh", slug="co-anh", cover=cover, cover_renditions=labels, **text
        )
        # A cover whose file is gone keeps what was made of it before.
        Article.objects.create(
            title="Mất tệp gốc",
            slug="mat-tep-goc",
            cover="covers/2021/05/khong-con.jpg",
            cover_renditions=labels,
            **text,
        )
        Article.objects.create(title="Không ảnh", slug="khong-anh", **text)
        campaign = old.get_model("campaigns", "Campaign").objects.create(
            name="Bầu cử 2021", slug="bau-cu-2021", summary="Tóm tắt.", period="2021"
        )
        old.get_model("campaigns", "Report").objects.create(
            campaign=campaign,
            title="Kết quả bầu cử",
            slug="ket-qua-bau-cu",
            period="Năm 2021",
            reported_on=datetime.date(2021, 5, 28),
            summary="Tóm tắt.",
            cover=cover,
            cover_renditions=labels,
        )
    finally:
        migrate(latest())

    renditions = {a.slug: a.cover_renditions for a in Article.objects.all()}
    assert [r["width"] for r in renditions["co-anh"]] == [160, 320, 480, 640, 900]
    for rendition in renditions["co-anh"]:
        with default_storage.open(rendition["name"]) as file, Image.open(file) as image:
            assert image.size == (rendition["width"], rendition["height"])
    assert renditions["mat-tep-goc"] == [labels["card"], labels["full"]]
    assert renditions["khong-anh"] == []
    assert [r["width"] for r in Report.objects.get().cover_renditions][-1] == 900
    # The originals and what was made of them before are all still there.
    with default_storage.open(cover) as file:
        assert file.read() == original
    assert default_storage.exists(made_before)
    assert Article.objects.get(slug="co-anh").cover.name == cover

    back = migrate([("news", "0007_article_reports")])
    try:
        stored = back.get_model("news", "Article").objects.get(slug="co-anh")
        assert stored.cover_renditions["card"]["width"] == 480
        assert stored.cover_renditions["full"]["width"] == 900
    finally:
        migrate(latest())
