"""A staff member's app and backup codes: checking a code, new codes, a reset."""

from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .texts import BACKUP_DEVICE_NAME, MESSAGES

BACKUP_CODES = 10
BACKUP_ALPHABET = frozenset("abcdefghijklmnopqrstuvwxyz234567")


def normalize(code):
    """A typed code without spaces or dashes, in lower case ("123 456", "AB12-cd34")."""
    return "".join((code or "").split()).replace("-", "").lower()


def verify(user, code):
    """Check a normalized code: a backup code if it looks like one (8 letters and
    digits 2-7), else against the app.

    Return (the device that accepted it, None) or (None, a message for the user).
    """
    backup = len(code) == 8 and set(code) <= BACKUP_ALPHABET
    model = StaticDevice if backup else TOTPDevice
    message = MESSAGES["invalid_backup" if backup else "invalid"]
    with transaction.atomic():
        device = (
            model.objects.select_for_update()
            .filter(user=user, confirmed=True)
            .order_by("pk")
            .first()
        )
        if device is not None and device.verify_token(code):
            return device, None
    return None, message


def record_failure(request, username):
    """Count a wrong code as a failed sign-in (django-axes listens to this signal)."""
    user_login_failed.send(
        sender=__name__, credentials={"username": username}, request=request
    )


def new_backup_codes(user):
    """Replace user's backup codes with BACKUP_CODES new ones; return them, formatted.

    Only their owner sees them, once: the admin never shows them again.
    """
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(
            user=user, name=BACKUP_DEVICE_NAME, confirmed=True
        )
        codes = set()
        while len(codes) < BACKUP_CODES:
            codes.add(StaticToken.random_token())
        codes = sorted(codes)
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=code) for code in codes
        )
    return [f"{code[:4]}-{code[4:]}" for code in codes]


def reset(user):
    """Remove user's app and backup codes (a lost phone); return how many devices.

    Every session of theirs loses its verification at once; at their next sign-in
    the password leads them to the enrolment page again.
    """
    removed = 0
    with transaction.atomic():
        for model in (TOTPDevice, StaticDevice):
            _, counts = model.objects.filter(user=user).delete()
            removed += counts.get(model._meta.label, 0)
    return removed
