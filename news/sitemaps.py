from django.contrib.sitemaps import Sitemap

from .models import Article, Category


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 50000

    def items(self):
        return (
            Article.objects.published()
            .select_related("category")
            .only("slug", "updated_at", "category__slug")
            .order_by("pk")
        )

    def lastmod(self, item):
        return item.updated_at


class CategorySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Category.objects.only("slug")
