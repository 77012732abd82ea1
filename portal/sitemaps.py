from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from campaigns.sitemaps import CampaignSitemap, DocumentSitemap, ReportSitemap
from news.sitemaps import ArticleSitemap, CategorySitemap

from .models import Page


class MainPagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "news:list", "campaigns:list", "campaigns:documents"]

    def location(self, item):
        return reverse(item)


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "main": MainPagesSitemap,
    "pages": PageSitemap,
    "categories": CategorySitemap,
    "articles": ArticleSitemap,
    "campaigns": CampaignSitemap,
    "reports": ReportSitemap,
    "documents": DocumentSitemap,
}
