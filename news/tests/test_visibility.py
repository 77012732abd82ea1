import datetime
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from news.models import Article

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def mixed(make_article):
    """One article of each kind readers must or must not see."""
    now = timezone.now()
    return {
        "published": make_article(title="Đã đăng"),
        "future": make_article(
            title="Hẹn giờ", published_at=now + datetime.timedelta(hours=2)
        ),
        "draft": make_article(title="Bản nháp", status=Article.Status.DRAFT),
        "review": make_article(title="Chờ duyệt", status=Article.Status.REVIEW),
        "withdrawn": make_article(
            title="Đã gỡ",
            status=Article.Status.WITHDRAWN,
            published_at=now - datetime.timedelta(days=1),
        ),
    }


def test_published_queryset_holds_only_due_published_articles(mixed):
    assert list(Article.objects.published()) == [mixed["published"]]


@pytest.mark.parametrize("kind", ["future", "draft", "review", "withdrawn"])
def test_hidden_articles_answer_404(client, mixed, kind):
    response = client.get(mixed[kind].get_absolute_url())
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_scheduled_article_appears_when_its_time_comes(client, make_article, settings):
    due = timezone.now() + datetime.timedelta(days=1)
    article = make_article(title="Tin hẹn giờ", published_at=due)
    url = article.get_absolute_url()
    with time_machine.travel(due - datetime.timedelta(seconds=1), tick=False):
        assert client.get(url).status_code == 404
        assert "Tin hẹn giờ" not in client.get("/").content.decode()
    with time_machine.travel(due, tick=False):
        assert client.get(url).status_code == 200
    # The home page seen just before may be served from the cache for at most
    # PAGE_CACHE_SECONDS; after that the article is there, with no cron job.
    later = due + datetime.timedelta(seconds=settings.PAGE_CACHE_SECONDS)
    with time_machine.travel(later, tick=False):
        assert "Tin hẹn giờ" in client.get("/").content.decode()


def test_lists_show_only_published_articles(client, mixed):
    category_url = mixed["published"].category.get_absolute_url()
    for url in ["/", reverse("news:list"), category_url]:
        html = client.get(url).content.decode()
        assert "Đã đăng" in html, url
        for title in ["Hẹn giờ", "Bản nháp", "Chờ duyệt", "Đã gỡ"]:
            assert title not in html, (url, title)


def feed_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    return [item.findtext("title") for item in channel.findall("item")]


def test_feeds_list_exactly_the_published_articles(client, mixed, make_article):
    later = make_article(title="Mới hơn", published_at=timezone.now())
    category = mixed["published"].category
    assert feed_titles(client, reverse("news:feed")) == ["Mới hơn", "Đã đăng"]
    assert feed_titles(client, reverse("news:category_feed", args=[category.slug])) == [
        later.title,
        "Đã đăng",
    ]


def test_sitemap_lists_exactly_the_published_articles(client, mixed):
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)
    locs = {loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)}
    articles = {loc for loc in locs if loc.count("/") > 5}
    assert articles == {f"http://testserver{mixed['published'].get_absolute_url()}"}
    assert "http://testserver/" in locs
    assert f"http://testserver{mixed['published'].category.get_absolute_url()}" in locs


def test_sitemap_becomes_an_index_past_the_limit(client, mixed, monkeypatch):
    from news.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 1)
    response = client.get("/sitemap.xml")
    assert b"<urlset" in response.content
    Article.objects.filter(pk=mixed["future"].pk).update(
        published_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    cache.clear()  # a scheduled article reaches cached pages when they expire
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)
    assert root.tag.endswith("sitemapindex")
    section = [el.text for el in root.findall("s:sitemap/s:loc", SITEMAP_NS)]
    assert "http://testserver/sitemap-articles.xml?p=2" in section
    assert client.get("/sitemap-articles.xml?p=2").status_code == 200


def test_robots_txt_points_at_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body
