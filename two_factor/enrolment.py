"""Two-factor sign-in for staff: a code from an authenticator app, or a backup code.

With settings.STAFF_TWO_FACTOR on (always in production):

- the admin's login page asks for the user name, the password and a code: the six
  digits of the staff member's authenticator app (TOTP, django-otp) or one of their
  one-time backup codes;
- a staff member without an app yet is led, once their password is right, to the
  enrolment page: a QR code and the key as text, a first code to confirm, then ten
  backup codes shown once. Until then they are not signed in at all;
- a wrong code counts as a failed sign-in for django-axes, like a wrong password,
  and the lockout applies to codes and enrolment as it does to passwords. It is
  keyed on the user name and the address together (django-otp's own throttle,
  kept per device, is off), so someone who knows a password cannot keep its
  owner's right codes refused from elsewhere;
- a session that has not passed the second factor (one opened before the
  requirement, or by another way in) counts as anonymous everywhere
  (TwoFactorMiddleware): no admin page, action, import, export, preview or upload.
"""

import time
from base64 import b32encode
from binascii import unhexlify

import segno
from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView
from django.core import checks
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

BACKUP_CODES = 10
# How long the enrolment page may stay open after the password was accepted.
ENROL_SECONDS = 10 * 60
PENDING = "two_factor_enrolment"
APP_DEVICE_NAME = "Ứng dụng xác thực"
BACKUP_DEVICE_NAME = "Mã dự phòng"

MESSAGES = {
    "token_required": (
        "Vui lòng nhập mã xác thực: 6 chữ số đang hiện trong ứng dụng xác thực trên "
        "điện thoại của bạn, hoặc một mã dự phòng. Hãy nhập lại cả mật khẩu."
    ),
    "invalid": (
        "Mã xác thực không đúng hoặc đã hết hạn. Mỗi mã chỉ dùng được một lần, "
        "trong khoảng 30 giây: hãy nhập lại mật khẩu và mã đang hiện trong ứng dụng "
        "(đồng hồ điện thoại cần đặt giờ tự động), hoặc dùng một mã dự phòng."
    ),
    "invalid_backup": (
        "Mã dự phòng không đúng hoặc đã được dùng: mỗi mã dự phòng chỉ dùng được "
        "một lần. Hãy nhập lại mật khẩu và một mã khác."
    ),
    "enrol_invalid": (
        "Mã xác nhận không đúng hoặc đã hết hạn. Hãy nhập 6 chữ số đang hiện trong "
        "ứng dụng cho tài khoản vừa thêm (đồng hồ điện thoại cần đặt giờ tự động)."
    ),
    "enrol_expired": (
        "Phiên thiết lập xác thực hai lớp đã hết hạn. Vui lòng đăng nhập lại để "
        "bắt đầu lại."
    ),
    "enrol_done_elsewhere": (
        "Tài khoản này vừa được thiết lập xác thực hai lớp ở nơi khác. Hãy đăng nhập "
        "bằng mã trong ứng dụng; nếu không phải bạn thiết lập, hãy báo ngay quản trị "
        "viên."
    ),
}


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


def normalize(code):
    """A typed code without spaces or dashes, in lower case ("123 456", "AB12-cd34")."""
    return "".join((code or "").split()).replace("-", "").lower()


BACKUP_ALPHABET = frozenset("abcdefghijklmnopqrstuvwxyz234567")


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


# Signing in --------------------------------------------------------------------


class TwoFactorLoginForm(AdminAuthenticationForm):
    """The admin's login form with the code from the app (or a backup code)."""

    otp_token = forms.CharField(
        label="Mã xác thực",
        required=False,
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "aria-describedby": "otp_token_help",
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_enrolment = False

    def clean(self):
        # The password first: wrong ones are counted (and locked out) by django-axes.
        cleaned_data = super().clean()
        user = self.get_user()
        if user is None:
            return cleaned_data
        if not has_app(user):
            self.needs_enrolment = True
            return cleaned_data
        code = normalize(cleaned_data.get("otp_token"))
        if not code:
            raise ValidationError(MESSAGES["token_required"], code="token_required")
        device, error = verify(user, code)
        if device is None:
            record_failure(self.request, user.get_username())
            raise ValidationError(error, code="invalid_token")
        # django-otp's user_logged_in handler marks the session verified by it.
        user.otp_device = device
        return cleaned_data


class TwoFactorLoginView(LoginView):
    authentication_form = TwoFactorLoginForm
    template_name = "admin/two_factor/login.html"
    site = None

    def form_valid(self, form):
        if form.needs_enrolment:
            next_url = self.get_redirect_url() or _index(self.site)
            start_enrolment(self.request, form.get_user(), next_url)
            return HttpResponseRedirect(
                reverse("admin:two_factor_enrol", current_app=self.site.name)
            )
        response = super().form_valid(form)
        # A session opened with the password alone is not carried into this one.
        self.request.session.cycle_key()
        return response


def login(site, request, extra_context=None):
    """The admin's login view (AdminSite.login) with the second factor."""
    if request.method == "GET" and site.has_permission(request):
        return HttpResponseRedirect(_index(site))
    context = {
        **site.each_context(request),
        "title": "Đăng nhập",
        "subtitle": None,
        "app_path": request.get_full_path(),
        "username": request.user.get_username(),
    }
    if (
        REDIRECT_FIELD_NAME not in request.GET
        and REDIRECT_FIELD_NAME not in request.POST
    ):
        context[REDIRECT_FIELD_NAME] = _index(site)
    context.update(extra_context or {})
    request.current_app = site.name
    return TwoFactorLoginView.as_view(extra_context=context, site=site)(request)


def _index(site):
    return reverse("admin:index", current_app=site.name)


# Enrolment ---------------------------------------------------------------------


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
        next_url = _index(site)
    return _backup_codes_page(site, request, codes, next_url, enrolled=True)


def _backup_codes_page(site, request, codes, next_url, enrolled):
    context = {
        **site.each_context(request),
        "title": "Mã dự phòng",
        "codes": codes,
        "next_url": next_url,
        "enrolled": enrolled,
    }
    return TemplateResponse(request, "admin/two_factor/backup_codes.html", context)


# The staff member's own page ----------------------------------------------------


def status_view(site):
    """Show a staff member their second factor; let them make new backup codes."""

    def status(request):
        user = request.user
        if request.method == "POST" and "new_backup_codes" in request.POST:
            codes = new_backup_codes(user)
            return _backup_codes_page(site, request, codes, _index(site), False)
        context = {
            **site.each_context(request),
            "title": "Xác thực hai lớp",
            "required": required(),
            "app": TOTPDevice.objects.filter(user=user, confirmed=True).first(),
            "backup_left": StaticToken.objects.filter(
                device__user=user, device__confirmed=True
            ).count(),
            "backup_total": BACKUP_CODES,
        }
        return TemplateResponse(request, "admin/two_factor/status.html", context)

    return status


# Deployment check ---------------------------------------------------------------


@checks.register(checks.Tags.security, deploy=True)
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
    wanted = ["django_otp.middleware.OTPMiddleware", f"{__name__}.TwoFactorMiddleware"]
    if [name for name in settings.MIDDLEWARE if name in wanted] != wanted:
        return [
            checks.Error(
                "STAFF_TWO_FACTOR needs django_otp's OTPMiddleware followed by "
                f"{__name__}.TwoFactorMiddleware in MIDDLEWARE.",
                id="portal.E001",
            )
        ]
    return []
