from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_save
from simple_history.signals import pre_create_historical_record


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = "Xuất bản"

    def ready(self):
        from . import admin_language
        from .roles import ensure_roles

        admin_language.install()
        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="ensure_roles")
        pre_create_historical_record.connect(
            _default_change_reason, dispatch_uid="default_change_reason"
        )

        from .models import store_clean_text

        pre_save.connect(store_clean_text, dispatch_uid="store_clean_text")


def _default_change_reason(sender, history_instance, **kwargs):
    """Show a dash, not "None", in the history of a change made outside the admin."""
    if not history_instance.history_change_reason:
        history_instance.history_change_reason = "—"
