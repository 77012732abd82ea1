import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.views.defaults import server_error

from news.models import Article, Category
from pages.models import Page
from portal.tests.images import img_tags, srcset_candidates, stored_size
from publishing.images import LAYOUTS

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


def test_lead_pictures_are_fetched_first_and_the_others_when_near(client, make_article):
    """The first featured card's picture and a cover on its page: eager, high."""
    for n in range(3):
        make_article(with_cover=True, is_featured=True, title=f"Tin nổi bật {n}")
    make_article(with_cover=True, title="Tin thường")
    home = img_tags(client.get("/").content.decode())
    # Covers: the pictures with sizes= (the header's emblem has a 2x srcset).
    covers = [img for img in home if "sizes" in img]
    assert len(covers) == 3 + 4  # three featured, then a category's four
    lead, *others = covers
    assert (lead["loading"], lead["fetchpriority"]) == ("eager", "high")
    assert lead["sizes"] == LAYOUTS["featured"][0]
    assert all(img["loading"] == "lazy" for img in others)
    assert not any("fetchpriority" in img for img in others)
    assert {img["sizes"] for img in others} == {LAYOUTS["card"][0]}

    article = Article.objects.get(title="Tin nổi bật 2")
    page = img_tags(client.get(article.get_absolute_url()).content.decode())
    cover, *related = [img for img in page if "sizes" in img]
    assert (cover["loading"], cover["fetchpriority"]) == ("eager", "high")
    assert cover["sizes"] == LAYOUTS["cover"][0]
    assert related and all(img["loading"] == "lazy" for img in related)


def test_every_srcset_candidate_is_a_stored_file_of_its_stated_width(
    client, make_article
):
    article = make_article(with_cover=True, is_featured=True)
    pages = ["/", "/tin-tuc/", article.category.get_absolute_url()]
    pages.append(article.get_absolute_url())
    for url in pages:
        for img in img_tags(client.get(url).content.decode()):
            if "sizes" not in img:  # not a cover: the header's emblem
                continue
            candidates = srcset_candidates(img["srcset"])
            assert [width for _, width in candidates] == [160, 320, 480, 600]
            for src, width in candidates:
                assert stored_size(src) == (width, round(width * 2 / 3)), src
            assert img["src"] in {src for src, _ in candidates}
            # The picture's own shape, as wide as its widest rendition.
            assert (img["width"], img["height"]) == ("600", "400")


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
    cache.clear()  # the count shows once the page kept before it expires
    assert "2 lượt xem" in client.get(article.get_absolute_url()).content.decode()


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
