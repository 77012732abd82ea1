from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete, post_save


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Cổng thông tin"

    def ready(self):
        _invalidate_pages()


def _invalidate_pages():
    """Drop every cached page when staff change anything that pages show."""
    from django.apps import apps
    from django.db.models.signals import m2m_changed

    shown = [
        "news.Article", "news.Category", "pages.Page", "weather.Place",
        "weather.WeatherReading", "campaigns.Campaign", "campaigns.Indicator",
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


def invalidate(**kwargs):
    """Start a new page-cache generation once the change is committed.

    Not before: a reader who came between the two would read the old rows and
    keep that page under the new generation, for everyone, until it expired.
    """
    from .page_cache import invalidate as new_generation

    transaction.on_commit(new_generation)
