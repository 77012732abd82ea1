"""App configs: this app's, and the admin's and django-otp's apps in Vietnamese.

Django picks an app's config from its apps module: the one class there with
default = True. The parent classes are reached through their modules, so that they
are not among this module's classes when Django looks.
"""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django_otp.plugins.otp_static import apps as otp_static_apps
from django_otp.plugins.otp_totp import apps as otp_totp_apps


class TwoFactorConfig(AppConfig):
    default = True
    name = "two_factor"
    verbose_name = "Xác thực hai lớp"

    def ready(self):
        from . import enrolment  # noqa: F401 (registers its deploy check)


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with admin.site the portal's two-factor site."""

    default = False
    default_site = "portal.admin_site.PortalAdminSite"


def _name_models(names):
    """Give django-otp's models Vietnamese names (not a migration: only _meta)."""
    from django.apps import apps

    for label, (singular, plural) in names.items():
        opts = apps.get_model(label)._meta
        opts.verbose_name = singular
        opts.verbose_name_plural = plural


class TOTPConfig(otp_totp_apps.DefaultConfig):
    default = False
    verbose_name = "Xác thực hai lớp: ứng dụng trên điện thoại"

    def ready(self):
        _name_models(
            {"otp_totp.TOTPDevice": ("ứng dụng xác thực", "ứng dụng xác thực")}
        )


class StaticConfig(otp_static_apps.DefaultConfig):
    default = False
    verbose_name = "Xác thực hai lớp: mã dự phòng"

    def ready(self):
        _name_models(
            {
                "otp_static.StaticDevice": ("bộ mã dự phòng", "bộ mã dự phòng"),
                "otp_static.StaticToken": ("mã dự phòng", "mã dự phòng"),
            }
        )
