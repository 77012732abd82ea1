"""The admin site: Django's, asking staff for a second factor when required."""

from django.contrib import admin
from django.urls import path

from . import two_factor


class PortalAdminSite(admin.AdminSite):
    """admin.site (see PortalAdminConfig): every admin page needs a verified session.

    With settings.STAFF_TWO_FACTOR on, a staff member's session counts only once a
    code from their authenticator app or a backup code has been accepted; until
    then every admin page, action, import and export answers with the login page.
    """

    def has_permission(self, request):
        return super().has_permission(request) and two_factor.satisfied(request.user)

    def each_context(self, request):
        context = super().each_context(request)
        context["staff_two_factor"] = two_factor.required()
        return context

    def login(self, request, extra_context=None):
        if not two_factor.required():
            return super().login(request, extra_context)
        return two_factor.login(self, request, extra_context)

    def get_urls(self):
        return [
            path(
                "xac-thuc-hai-lop/thiet-lap/",
                two_factor.enrol_view(self),
                name="two_factor_enrol",
            ),
            path(
                "xac-thuc-hai-lop/",
                self.admin_view(two_factor.status_view(self)),
                name="two_factor",
            ),
            *super().get_urls(),
        ]


class SuperuserRecordsAdmin(admin.ModelAdmin):
    """Records only superusers see, and may delete; nobody adds or edits them here."""

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
