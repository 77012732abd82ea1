import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.views.defaults import server_error

from news.models import Article, Category
from pages.models import Page

pytestmark = pytest.mark.django_db


def test_article_page_shows_the_date_line_in_hanoi_time(client, make_article):
    published = datetime.datetime(
        2022, 1, 7, 17, 58, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")
    )
    article = make_article(
        title="Những hoạt động nổi bật, sáng tạo, hiệu quả của Ban Tuyên giáo",
        published_at=published.astimezone(datetime.UTC),
        author="Ban Tuyên giáo Quận ủy",
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Ngày đăng 07/01/2022 | 17:58" in " ".join(html.split())
    assert "Ban Tuyên giáo Quận ủy" in html
    assert article.sapo in html


def test_article_page_has_one_h1_breadcrumb_canonical_and_open_graph(
    client, make_article
):
    article = make_article(with_cover=True, cover_alt="Hội nghị tổng kết")
    html = client.get(article.get_absolute_url()).content.decode()
    url = f"http://testserver{article.get_absolute_url()}"
    assert html.count("<h1") == 1
    assert '<html lang="vi">' in html
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert f'<meta property="og:title" content="{article.title}">' in html
    assert re.search(
        r'<meta property="og:image" content="http://testserver/media/', html
    )
    assert 'aria-label="Đường dẫn"' in html
    assert article.category.name in html
    cover = re.search(r'<figure class="article__cover"><img ([^>]*)>', html).group(1)
    assert 'alt="Hội nghị tổng kết"' in cover
    assert 'width="600" height="400"' in cover
    assert 'loading="lazy"' in cover


def test_cards_carry_size_and_lazy_loading(client, make_article):
    make_article(with_cover=True, is_featured=True)
    html = client.get("/").content.decode()
    img = re.search(r'<img src="/media/renditions/[^"]*-card\.webp"[^>]*>', html).group(
        0
    )
    assert 'width="480" height="320"' in img
    assert 'loading="lazy"' in img


def test_related_articles_come_from_the_same_category(client, make_article):
    other = Category.objects.create(name="Bầu cử")
    article = make_article(title="Bài chính")
    make_article(title="Cùng chuyên mục")
    make_article(title="Chuyên mục khác", category=other)
    html = client.get(article.get_absolute_url()).content.decode()
    related = html.split("Tin cùng chuyên mục", 1)[1].split("</section>", 1)[0]
    assert "Cùng chuyên mục" in related
    assert "Chuyên mục khác" not in related


def test_view_count_is_counted_by_a_pixel_the_cache_cannot_swallow(
    client, make_article
):
    article = make_article()
    html = client.get(article.get_absolute_url()).content.decode()
    pixel = re.search(r'<img class="beacon" src="([^"]+)"', html).group(1)
    for reader in ("203.0.113.1", "203.0.113.2"):
        response = client.get(pixel, REMOTE_ADDR=reader)
        assert response["Content-Type"] == "image/gif"
        assert response["Cache-Control"] == "no-store"
    article.refresh_from_db()
    assert article.view_count == 2
    client.get(f"/tin-tuc/luot-xem/{make_article(status='draft').pk}.gif")
    assert (
        "2 lượt xem" in client.get(article.get_absolute_url() + "?x=1").content.decode()
    )


def test_changed_slug_answers_301_to_the_new_url(client, make_article):
    article = make_article(title="Tên cũ")
    old_url = article.get_absolute_url()
    article.slug = "ten-moi"
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_changed_category_answers_301_to_the_new_url(client, make_article):
    article = make_article()
    old_url = article.get_absolute_url()
    article.category = Category.objects.create(name="Cải cách hành chính")
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == (f"/tin-tuc/cai-cach-hanh-chinh/{article.slug}/")


def test_renamed_category_slug_answers_301(client, category):
    old_url = category.get_absolute_url()
    category.slug = "tin-tuc-moi"
    category.save()
    response = client.get(old_url)
    assert (response.status_code, response["Location"]) == (
        301,
        "/tin-tuc/tin-tuc-moi/",
    )


def test_old_slug_of_a_hidden_article_stays_404(client, make_article):
    article = make_article(title="Tên cũ")
    old_url = article.get_absolute_url()
    article.slug = "ten-moi"
    article.status = Article.Status.WITHDRAWN
    article.save()
    assert client.get(old_url).status_code == 404


def test_category_pages_are_numbered(client, make_article, settings):
    settings.NEWS_PAGE_SIZE = 2
    for _ in range(5):
        make_article()
    url = make_article().category.get_absolute_url()
    html = client.get(url + "?page=2").content.decode()
    assert '<span aria-current="page">2</span>' in html
    assert 'href="?page=3"' in html
    assert 'rel="prev"' in html


@pytest.mark.parametrize("page", ["0", "99", "abc", "1' OR '1'='1", "-1"])
def test_bad_page_numbers_answer_a_vietnamese_404(client, category, page):
    response = client.get(category.get_absolute_url(), {"page": page})
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_footer_names_the_office_and_who_is_responsible(client, db):
    html = client.get("/").content.decode()
    for text in [
        "Ban Tuyên giáo Quận ủy Hoàng Mai",
        "Cơ quan chủ quản",
        "Chịu trách nhiệm chính",
        "Địa chỉ",
        "Điện thoại",
        "Thư điện tử",
    ]:
        assert text in html


def test_menu_and_footer_link_the_published_standing_pages_only(client, db):
    Page.objects.create(title="Giới thiệu", slug="gioi-thieu", body="<p>Ban.</p>")
    Page.objects.create(
        title="Nháp", slug="trang-nhap", body="<p>Chưa xong.</p>", published=False
    )
    html = client.get("/").content.decode()
    about = reverse("page", args=["gioi-thieu"])
    # One link in the menu, one in the footer.
    assert html.count(f'href="{about}"') == 2
    assert "trang-nhap" not in html
    assert f'<a href="{about}" aria-current="page">' in client.get(about).text


def test_server_error_page_is_in_vietnamese(rf):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Hệ thống đang gặp sự cố" in html
