from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse

from .models import Article, Category

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    title = "Ban Tuyên giáo Quận ủy Hoàng Mai – Tin mới"
    description = "Tin mới nhất từ Cổng thông tin Ban Tuyên giáo Quận ủy Hoàng Mai."
    language = "vi"

    def link(self):
        return reverse("news:list")

    def items(self):
        return Article.objects.listed()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.sapo

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [item.category.name]


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj):
        return f"Ban Tuyên giáo Quận ủy Hoàng Mai – {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return f"Tin mới nhất trong chuyên mục {obj.name}."

    def items(self, obj):
        return Article.objects.listed().filter(category=obj)[:FEED_SIZE]
