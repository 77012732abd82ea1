from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from campaigns.sitemaps import CampaignSitemap, DocumentSitemap, ReportSitemap
from news.sitemaps import ArticleSitemap, CategorySitemap
from pages.sitemaps import PageSitemap
from polls.sitemaps import PollSitemap


class MainPagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return [
            "home",
            "news:list",
            "campaigns:list",
            "campaigns:documents",
            "site_map",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "main": MainPagesSitemap,
    "pages": PageSitemap,
    "categories": CategorySitemap,
    "articles": ArticleSitemap,
    "campaigns": CampaignSitemap,
    "reports": ReportSitemap,
    "documents": DocumentSitemap,
    "polls": PollSitemap,
}
