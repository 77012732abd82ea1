"""The admin's login page with the second factor: password, then the code."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse

from .devices import normalize, record_failure, verify
from .enrolment import start_enrolment
from .policy import has_app
from .texts import MESSAGES


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
