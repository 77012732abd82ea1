"""Enrolment: after the password, a first authenticator app, then backup codes."""

import time
from base64 import b32encode
from binascii import unhexlify

import segno
from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from .devices import new_backup_codes, normalize, record_failure
from .policy import has_app
from .texts import APP_DEVICE_NAME, MESSAGES

# How long the enrolment page may stay open after the password was accepted.
ENROL_SECONDS = 10 * 60
PENDING = "two_factor_enrolment"


class EnrolForm(forms.Form):
    otp_token = forms.CharField(
        label="Mã 6 chữ số trong ứng dụng",
        max_length=32,
        error_messages={
            "required": "Vui lòng nhập mã 6 chữ số đang hiện trong ứng dụng."
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
            }
        ),
    )


def start_enrolment(request, user, next_url):
    """Remember, in the session only, who passed the password and their new key.

    The key lives in this session alone until confirmed, so that nobody else's
    session (someone else who knows the password) can ever be shown it.
    """
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "hash": user.get_session_auth_hash(),
        "since": time.time(),
        "next": next_url,
        "key": random_hex(20),
    }


def _pending(request):
    """Return (user, data) of this session's enrolment, (None, data) if stale."""
    data = request.session.get(PENDING)
    if not data:
        return None, None
    user = (
        get_user_model()
        .objects.filter(pk=data["user"], is_active=True, is_staff=True)
        .first()
    )
    if (
        user is None
        or time.time() - data["since"] > ENROL_SECONDS
        or not constant_time_compare(data["hash"], user.get_session_auth_hash())
    ):
        del request.session[PENDING]
        return None, data
    return user, data


def _check_new_key(key, code):
    """Return the TOTP of key if code is its current code (±30 s), else None."""
    code = normalize(code)
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = TOTP(unhexlify(key), step=30, digits=6)
    return totp if totp.verify(int(code), tolerance=1) else None


def _grouped(text, size=4):
    return " ".join(text[i : i + size] for i in range(0, len(text), size))


def enrol_view(site):
    """The enrolment page: QR code, key as text, a first code; then backup codes."""

    @sensitive_post_parameters("otp_token")
    @never_cache
    @csrf_protect
    def enrol(request):
        user, data = _pending(request)
        if user is None:
            if data is not None:
                messages.warning(request, MESSAGES["enrol_expired"])
            return HttpResponseRedirect(reverse("admin:login", current_app=site.name))
        form = EnrolForm(request.POST or None)
        if request.method == "POST":
            credentials = {"username": user.get_username()}
            if AxesProxyHandler.is_locked(request, credentials):
                return _locked_out(request, credentials)
            if form.is_valid():
                totp = _check_new_key(data["key"], form.cleaned_data["otp_token"])
                if totp is not None:
                    return _finish_enrolment(site, request, user, data, totp)
                record_failure(request, user.get_username())
                if getattr(request, "axes_locked_out", False):
                    request.session.pop(PENDING, None)
                form.add_error("otp_token", MESSAGES["enrol_invalid"])
        device = TOTPDevice(user=user, key=data["key"])
        qr = segno.make(device.config_url, error="m")
        context = {
            **site.each_context(request),
            "title": "Thiết lập xác thực hai lớp",
            "form": form,
            "account": user.get_username(),
            "issuer": settings.OTP_TOTP_ISSUER,
            "qr_svg": qr.svg_inline(
                border=4,
                dark="#000",
                light="#fff",
                omitsize=True,
                title="Mã QR thiết lập",
            ).replace("<svg ", '<svg role="img" ', 1),
            "key": _grouped(b32encode(device.bin_key).decode()),
            "minutes": ENROL_SECONDS // 60,
        }
        return TemplateResponse(request, "admin/two_factor/enrol.html", context)

    return enrol


def _locked_out(request, credentials):
    """Let AxesMiddleware answer with its lockout page, and end the enrolment."""
    request.session.pop(PENDING, None)
    request.axes_locked_out = True
    request.axes_credentials = credentials
    return HttpResponse(status=429)


def _finish_enrolment(site, request, user, data, totp):
    with transaction.atomic():
        # One enrolment at a time per account, and never a second app.
        get_user_model().objects.select_for_update().get(pk=user.pk)
        if has_app(user):
            request.session.pop(PENDING, None)
            messages.error(request, MESSAGES["enrol_done_elsewhere"])
            return HttpResponseRedirect(reverse("admin:login", current_app=site.name))
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(
            user=user,
            name=APP_DEVICE_NAME,
            key=data["key"],
            drift=totp.drift,
            # The code just typed cannot be used again to sign in.
            last_t=totp.t(),
            last_used_at=timezone.now(),
            confirmed=True,
        )
        codes = new_backup_codes(user)
    del request.session[PENDING]
    user.otp_device = device
    auth_login(request, user, backend=data["backend"])
    request.session.cycle_key()
    next_url = data["next"]
    if not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("admin:index", current_app=site.name)
    return backup_codes_page(site, request, codes, next_url, enrolled=True)


def backup_codes_page(site, request, codes, next_url, enrolled):
    """Show new backup codes once: after enrolment, or made on the status page."""
    context = {
        **site.each_context(request),
        "title": "Mã dự phòng",
        "codes": codes,
        "next_url": next_url,
        "enrolled": enrolled,
    }
    return TemplateResponse(request, "admin/two_factor/backup_codes.html", context)
