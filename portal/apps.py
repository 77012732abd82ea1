from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Cổng thông tin"

    def ready(self):
        _keep_search_index()
        _invalidate_pages()


def _invalidate_pages():
    """Drop every cached page when staff change anything that pages show."""
    from django.apps import apps
    from django.db.models.signals import m2m_changed

    from .page_cache import invalidate

    shown = [
        "news.Article", "news.Category", "portal.Page", "portal.Place",
        "portal.WeatherReading", "campaigns.Campaign", "campaigns.Indicator",
        "campaigns.Report", "campaigns.Figure", "campaigns.Document",
        "polls.Poll", "polls.Choice",
    ]  # fmt: skip
    for label in shown:
        model = apps.get_model(label)
        uid = f"pages-{label}"
        post_save.connect(invalidate, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"{uid}-delete")
    for through in (
        apps.get_model("news.Article").reports.through,
        apps.get_model("campaigns.Document").campaigns.through,
    ):
        m2m_changed.connect(invalidate, sender=through, dispatch_uid=f"pages-{through}")


def _keep_search_index():
    """Refresh an item's search entry whenever it is saved or deleted."""
    from campaigns.models import Campaign, Document, Report
    from news.models import Article, Category

    from . import search

    def saved(sender, instance, raw=False, **kwargs):
        if not raw:
            search.index(instance)

    def deleted(sender, instance, **kwargs):
        search.unindex(instance)

    for model in (Article, Report, Campaign, Document):
        post_save.connect(saved, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(
            deleted, sender=model, dispatch_uid=f"unsearch-{model.__name__}"
        )

    def category_saved(sender, instance, raw=False, **kwargs):
        # Article addresses carry the category's slug.
        if not raw:
            for article in instance.articles.select_related("category"):
                search.index(article)

    def campaign_saved(sender, instance, raw=False, **kwargs):
        # A campaign's reports are visible only while it is active.
        if not raw:
            for report in instance.reports.select_related("campaign"):
                search.index(report)

    post_save.connect(category_saved, sender=Category, dispatch_uid="search-category")
    post_save.connect(campaign_saved, sender=Campaign, dispatch_uid="search-campaign")
