import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError
from PIL import Image

from news.models import Article, ArticleOldSlug
from portal.tests.images import halves, phone_exif, swapped_profile, webp_chunks

pytestmark = pytest.mark.django_db


def test_slug_is_made_from_the_title_with_vietnamese_rules(make_article):
    article = make_article(title="Đảng bộ quận Hoàng Mai tổng kết năm 2021")
    assert article.slug == "dang-bo-quan-hoang-mai-tong-ket-nam-2021"


def test_same_title_gets_a_distinct_slug(make_article):
    first = make_article(title="Định Công")
    second = make_article(title="Định Công")
    assert (first.slug, second.slug) == ("dinh-cong", "dinh-cong-2")


def test_slugs_may_be_255_characters_long(make_article):
    article = make_article(title="Tuyên truyền " * 22)
    article.refresh_from_db()
    assert 240 <= len(article.slug) <= 255


def test_editing_the_title_keeps_the_slug(make_article):
    article = make_article(title="Tiêu đề ban đầu")
    article.title = "Tiêu đề đã sửa"
    article.save()
    article.refresh_from_db()
    assert article.slug == "tieu-de-ban-dau"
    assert not ArticleOldSlug.objects.exists()


def test_changing_the_slug_remembers_the_old_one(make_article):
    article = make_article(title="Tên cũ")
    article.slug = "ten-moi"
    article.save()
    assert list(ArticleOldSlug.objects.values_list("slug", "article")) == [
        ("ten-cu", article.pk)
    ]


def test_publishing_without_a_time_publishes_now(make_article):
    article = make_article(status=Article.Status.DRAFT)
    article.status = Article.Status.PUBLISHED
    article.save()
    assert article.published_at is not None


def test_database_refuses_a_published_row_without_a_time(make_article):
    article = make_article()
    with pytest.raises(IntegrityError):
        Article.objects.filter(pk=article.pk).update(published_at=None)


def test_body_is_sanitised_when_saved(make_article):
    article = make_article(
        body='<p onclick="steal()" style="color:red">Xin chào'
        "<script>alert(1)</script></p>"
        '<img src="/media/a.jpg" onerror="alert(1)" alt="Ảnh" width="640" height="480">'
        '<a href="javascript:alert(1)">liên kết</a>'
        '<iframe src="https://example.com/"></iframe>'
        "<table><thead><tr><th>Phường</th></tr></thead>"
        "<tbody><tr><td>Định Công</td></tr></tbody></table>"
    )
    article.refresh_from_db()
    assert article.body == (
        "<p>Xin chào</p>"
        '<img src="/media/a.jpg" alt="Ảnh" width="640" height="480">'
        '<a rel="noopener noreferrer">liên kết</a>'
        "<table><thead><tr><th>Phường</th></tr></thead>"
        "<tbody><tr><td>Định Công</td></tr></tbody></table>"
    )


def test_sanitiser_keeps_headings_lists_quotes_figures_and_links(make_article):
    html = (
        "<h2>Mục</h2><h3>Tiểu mục</h3><ul><li>Một</li></ul><ol><li>Hai</li></ol>"
        "<blockquote><p>Trích dẫn</p></blockquote>"
        '<figure class="image"><img src="/media/b.jpg" alt="B">'
        "<figcaption>Chú thích</figcaption></figure>"
        '<p><a href="https://hanoi.gov.vn/" rel="noopener noreferrer">Hà Nội</a></p>'
    )
    assert make_article(body=html).body == html


def test_cover_gets_a_webp_rendition_per_layout_width_once(make_article):
    """A 600 px original gives 160, 320 and 480 px renditions, then its own width."""
    article = make_article(with_cover=True)
    stored = article.cover_renditions
    assert [(r["width"], r["height"]) for r in stored] == [
        (160, 107),
        (320, 213),
        (480, 320),
        (600, 400),
    ]
    for rendition in stored:
        with default_storage.open(rendition["name"]) as file, Image.open(file) as image:
            assert (image.format, image.size) == (
                "WEBP",
                (rendition["width"], rendition["height"]),
            )
    assert article.cover_card["width"] == 320  # a card's src= for old browsers
    assert article.cover_full["width"] == 600  # og:image
    article.title = "Đổi tiêu đề"
    article.save()
    article.refresh_from_db()
    assert article.cover_renditions == stored


def test_cover_renditions_keep_its_pixels_only_in_srgb(make_article):
    """Whatever file a cover holds, its renditions carry nothing but pixels."""
    buffer = io.BytesIO()
    halves((600, 400)).save(
        buffer,
        "JPEG",
        comment=b"<script>alert(1)</script>",
        exif=phone_exif(gps=True),
        icc_profile=swapped_profile(),
    )
    article = make_article()
    article.cover.save("bia.jpg", ContentFile(buffer.getvalue()), save=False)
    article.save()
    assert len(article.cover_renditions) == 4  # 160, 320, 480 and 600 px
    for rendition in article.cover_renditions:
        with default_storage.open(rendition["name"]) as stored:
            data = stored.read()
        assert set(webp_chunks(data)) <= {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}
        for text in (b"<script", b"PhoneMaker", b"Exif", b"acsp", b"ICC_PROFILE"):
            assert text not in data, (rendition["width"], text)
        # The profile swaps red and blue: what it called red is blue in sRGB.
        left = Image.open(io.BytesIO(data)).getpixel((10, 10))
        assert left[2] > 200 and left[0] < 60, (rendition["width"], left)
