"""App configs: this app's, and the admin's, django-otp's and django-axes' apps in
Vietnamese.

Django takes an app's config from its apps module: the only AppConfig subclass
there, or else the one with default = True, imported classes counted. So the others
here say default = False, and their parents are reached through their modules:
AdminConfig, itself default = True, would be a second default.
"""

from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.core import checks
from django_otp.plugins.otp_static import apps as otp_static_apps
from django_otp.plugins.otp_totp import apps as otp_totp_apps

from publishing.dates import show_datetime


class TwoFactorConfig(AppConfig):
    default = True
    name = "two_factor"
    verbose_name = "Xác thực hai lớp"

    def ready(self):
        from .checks import check_two_factor

        checks.register(check_two_factor, checks.Tags.security, deploy=True)


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with admin.site the portal's two-factor site."""

    default = False
    default_site = "two_factor.sites.PortalAdminSite"


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


class AxesConfig(axes_apps.AppConfig):
    """django-axes, the sign-in lockout, its records named in Vietnamese."""

    default = False
    verbose_name = "Khóa đăng nhập sai"

    def ready(self):
        super().ready()
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        # django-axes names its records in English whatever the language.
        AccessAttempt.__str__ = _attempt_str
        AccessLog.__str__ = _log_str
        AccessFailureLog.__str__ = _failure_str


def _attempt_str(attempt):
    return (
        f"Đăng nhập sai của {attempt.username or 'người không rõ'} từ "
        f"{attempt.ip_address}, lần đầu lúc {show_datetime(attempt.attempt_time)}"
    )


def _log_str(log):
    return (
        f"Đăng nhập của {log.username or 'người không rõ'} lúc "
        f"{show_datetime(log.attempt_time)}"
    )


def _failure_str(failure):
    locked = ", bị khóa" if failure.locked_out else ""
    return (
        f"Đăng nhập sai của {failure.username or 'người không rõ'} lúc "
        f"{show_datetime(failure.attempt_time)} từ {failure.ip_address}{locked}"
    )
