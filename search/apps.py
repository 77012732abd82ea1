from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Tìm kiếm"

    def ready(self):
        """Refresh an item's search entry whenever it is saved or deleted."""
        from campaigns.models import Campaign, Document, Figure, Indicator, Report
        from news.models import Article, Category

        from . import index

        def saved(sender, instance, raw=False, **kwargs):
            if not raw:
                index.index(instance)

        def deleted(sender, instance, **kwargs):
            index.unindex(instance)

        for model in (Article, Report, Campaign, Document):
            post_save.connect(
                saved, sender=model, dispatch_uid=f"search-{model.__name__}"
            )
            post_delete.connect(
                deleted, sender=model, dispatch_uid=f"unsearch-{model.__name__}"
            )

        def category_saved(sender, instance, raw=False, **kwargs):
            # Article addresses carry the category's slug.
            if not raw:
                for article in instance.articles.select_related("category"):
                    index.index(article)

        def campaign_saved(sender, instance, raw=False, **kwargs):
            # A campaign's reports are visible only while it is active.
            if not raw:
                for report in instance.reports.select_related("campaign"):
                    index.index(report)

        def figure_changed(sender, instance, raw=False, **kwargs):
            # A report's entry holds its ward figures.
            if not raw:
                report = Report.objects.select_related("campaign")
                for found in report.filter(pk=instance.report_id):
                    index.index(found)

        def indicator_saved(sender, instance, raw=False, **kwargs):
            # The figures' lines name their indicators.
            if not raw:
                reports = Report.objects.select_related("campaign")
                for report in reports.filter(campaign=instance.campaign_id):
                    index.index(report)

        post_save.connect(
            category_saved, sender=Category, dispatch_uid="search-category"
        )
        post_save.connect(figure_changed, sender=Figure, dispatch_uid="search-figure")
        post_delete.connect(
            figure_changed, sender=Figure, dispatch_uid="unsearch-figure"
        )
        post_save.connect(
            indicator_saved, sender=Indicator, dispatch_uid="search-indicator"
        )
        post_save.connect(
            campaign_saved, sender=Campaign, dispatch_uid="search-campaign"
        )
