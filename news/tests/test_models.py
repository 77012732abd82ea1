import pytest
from django.db import IntegrityError

from news.models import Article, ArticleOldSlug

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


def test_cover_gets_card_and_full_renditions_once(make_article):
    article = make_article(with_cover=True)
    card, full = article.cover_card, article.cover_full
    assert (card["width"], card["height"]) == (480, 320)
    assert (full["width"], full["height"]) == (600, 400)
    assert card["url"].endswith("-card.webp")
    article.title = "Đổi tiêu đề"
    article.save()
    article.refresh_from_db()
    assert article.cover_card == card
