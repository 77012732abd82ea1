import datetime

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone

from news.models import Article, Category
from portal.demo_images import draw_cover


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Keep every uploaded or generated file in a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with an empty cache; the local-memory one outlives tests."""
    cache.clear()


@pytest.fixture
def category(db):
    return Category.objects.create(name="Tin tức – Sự kiện", order=1)


@pytest.fixture
def make_article(db, category):
    """Return a factory of articles, published an hour ago unless told otherwise."""
    counter = iter(range(1, 100000))

    def make(**fields):
        n = next(counter)
        fields.setdefault("title", f"Bài viết số {n}")
        fields.setdefault("sapo", f"Tóm tắt bài {n}.")
        fields.setdefault("body", f"<p>Nội dung bài {n}.</p>")
        fields.setdefault("category", category)
        fields.setdefault("status", Article.Status.PUBLISHED)
        if fields["status"] == Article.Status.PUBLISHED:
            fields.setdefault(
                "published_at", timezone.now() - datetime.timedelta(hours=n)
            )
        cover = fields.pop("with_cover", False)
        article = Article(**fields)
        if cover:
            article.cover.save(
                "anh-bia.jpg", ContentFile(draw_cover(n, 600, 400)), save=False
            )
        article.save()
        return article

    return make
