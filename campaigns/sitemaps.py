from django.contrib.sitemaps import Sitemap

from .models import Campaign, Document, Report


class CampaignSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Campaign.objects.active().only("slug")


class ReportSitemap(Sitemap):
    changefreq = "monthly"
    limit = 50000

    def items(self):
        return (
            Report.objects.published()
            .select_related("campaign")
            .only("slug", "updated_at", "campaign__slug")
            .order_by("pk")
        )

    def lastmod(self, item):
        return item.updated_at


class DocumentSitemap(Sitemap):
    changefreq = "yearly"
    limit = 50000

    def items(self):
        return Document.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at
