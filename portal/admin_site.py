"""A base for the admins of records that only superusers see."""

from django.contrib import admin


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
