"""Signing staff in, in tests, with the second factor the admin requires.

- login_verified(client, user): like client.force_login(user), with the session
  verified by the user's authenticator app, as after a real sign-in.
- give_app(user): the user's authenticator app (a confirmed TOTP device).
- totp_code(user): the six digits their app shows now, to type in a login form.
"""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def give_app(user):
    """Return user's authenticator app, setting one up if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="Ứng dụng xác thực", confirmed=True
        )
    return device


def totp_code(user):
    """Return the code user's app shows now (setting the app up if needed).

    A code is accepted once only; so that tests may sign the same person in twice
    within 30 seconds, this forgets which code was used last (tests only).
    """
    device = give_app(user)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{code:0{device.digits}d}"


def login_verified(client, user):
    """Sign user in on a test client, second factor included; return the client."""
    device = give_app(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
