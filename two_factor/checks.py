"""The deploy check: staff never sign in with a password alone in production."""

from django.conf import settings
from django.core import checks

from .policy import TwoFactorMiddleware, required


def check_two_factor(app_configs=None, **kwargs):
    """`check --deploy` warns when staff could sign in with a password alone."""
    if not required():
        return [
            checks.Warning(
                "Staff sign in to the admin with a password alone "
                "(STAFF_TWO_FACTOR is off).",
                hint="Unset DJANGO_STAFF_TWO_FACTOR or set it to true; "
                "portal.settings_production always turns it on.",
                id="portal.W001",
            )
        ]
    middleware = f"{TwoFactorMiddleware.__module__}.{TwoFactorMiddleware.__name__}"
    wanted = ["django_otp.middleware.OTPMiddleware", middleware]
    if [name for name in settings.MIDDLEWARE if name in wanted] != wanted:
        return [
            checks.Error(
                "STAFF_TWO_FACTOR needs django_otp's OTPMiddleware followed by "
                f"{middleware} in MIDDLEWARE.",
                id="portal.E001",
            )
        ]
    return []
