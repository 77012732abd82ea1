"""App configs for the admin site and django-otp's device apps, in Vietnamese.

Kept out of portal/apps.py: Django picks an app's config from its apps module, and
these subclasses there would confuse that choice.
"""

from django.contrib.admin.apps import AdminConfig
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticDefaultConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPDefaultConfig


class PortalAdminConfig(AdminConfig):
    """Django's admin, with admin.site the portal's two-factor site."""

    default_site = "portal.admin_site.PortalAdminSite"


def _name_models(names):
    """Give django-otp's models Vietnamese names (not a migration: only _meta)."""
    from django.apps import apps

    for label, (singular, plural) in names.items():
        opts = apps.get_model(label)._meta
        opts.verbose_name = singular
        opts.verbose_name_plural = plural


class TOTPConfig(TOTPDefaultConfig):
    verbose_name = "Xác thực hai lớp: ứng dụng trên điện thoại"

    def ready(self):
        _name_models(
            {"otp_totp.TOTPDevice": ("ứng dụng xác thực", "ứng dụng xác thực")}
        )


class StaticConfig(StaticDefaultConfig):
    verbose_name = "Xác thực hai lớp: mã dự phòng"

    def ready(self):
        _name_models(
            {
                "otp_static.StaticDevice": ("bộ mã dự phòng", "bộ mã dự phòng"),
                "otp_static.StaticToken": ("mã dự phòng", "mã dự phòng"),
            }
        )
