"""Who needs the second factor, who has passed it, and the anonymous rest."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.functional import SimpleLazyObject
from django_otp.plugins.otp_totp.models import TOTPDevice


def required():
    """Whether staff need a second factor (settings.STAFF_TWO_FACTOR)."""
    return bool(settings.STAFF_TWO_FACTOR)


def is_verified(user):
    """Whether this request's user passed the second factor (django-otp)."""
    return getattr(user, "otp_device", None) is not None


def satisfied(user):
    """Whether user may act as signed in: verified, or no second factor required."""
    return not required() or is_verified(user)


def has_app(user):
    """Whether user has a confirmed authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


class TwoFactorMiddleware:
    """With the requirement on, a session without the second factor is anonymous.

    Goes after django-otp's OTPMiddleware, which finds the verified device.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if required() and hasattr(request, "user"):
            user = request.user
            request.user = SimpleLazyObject(lambda: _verified_or_anonymous(user))
        return self.get_response(request)


def _verified_or_anonymous(user):
    if not user.is_authenticated or is_verified(user):
        return user
    anonymous = AnonymousUser()
    anonymous.otp_device = None
    anonymous.is_verified = lambda: False
    return anonymous
