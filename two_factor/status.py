"""The staff member's own page: their second factor, and new backup codes."""

from django.template.response import TemplateResponse
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .devices import BACKUP_CODES, new_backup_codes
from .enrolment import backup_codes_page
from .policy import required


def status_view(site):
    """Show a staff member their second factor; let them make new backup codes."""

    def status(request):
        user = request.user
        if request.method == "POST" and "new_backup_codes" in request.POST:
            codes = new_backup_codes(user)
            index = reverse("admin:index", current_app=site.name)
            return backup_codes_page(site, request, codes, index, enrolled=False)
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
