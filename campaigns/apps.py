from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "Chiến dịch, phong trào"

    def ready(self):
        from .wards import ensure_wards

        post_migrate.connect(ensure_wards, sender=self, dispatch_uid="ensure_wards")
