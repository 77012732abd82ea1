"""The admin site: Django's, asking staff for a second factor when required."""

from django.contrib import admin
from django.urls import path
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_http_methods

from two_factor import enrolment as two_factor

# Django's admin views answer PUT, PROPFIND and the like as if they were a GET;
# its pages only ever get and post, so every admin URL takes these alone.
admin_methods = require_http_methods(["GET", "HEAD", "POST"])


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

    def admin_view(self, view, cacheable=False):
        return admin_methods(super().admin_view(view, cacheable))

    @method_decorator(admin_methods)
    def login(self, request, extra_context=None):
        if not two_factor.required():
            return super().login(request, extra_context)
        return two_factor.login(self, request, extra_context)

    def get_urls(self):
        return [
            path(
                "xac-thuc-hai-lop/thiet-lap/",
                admin_methods(two_factor.enrol_view(self)),
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
