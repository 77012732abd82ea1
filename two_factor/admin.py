"""Two-factor sign-in in the admin: superusers see and reset colleagues' devices.

django-otp's own device admins show secret keys and English labels; they are
replaced by these, in Vietnamese, which only look and delete: a device is only ever
created by its owner on the enrolment page.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from publishing.admin import SuperuserRecordsAdmin

from .devices import reset

User = get_user_model()

for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


class DeviceAdmin(SuperuserRecordsAdmin):
    """Superusers only: see who set up what, and delete to reset."""

    list_display = ["staff", "device_name", "created", "last_used", "failures"]
    list_display_links = ["staff", "device_name"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    search_help_text = "Tìm theo tên đăng nhập hoặc họ tên của cán bộ."
    fields = ["staff", "device_name", "created", "last_used", "failures"]
    readonly_fields = fields
    ordering = ["user__username"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    @admin.display(description="cán bộ", ordering="user__username")
    def staff(self, device):
        full_name = device.user.get_full_name()
        username = device.user.get_username()
        return f"{full_name} ({username})" if full_name else username

    @admin.display(description="tên")
    def device_name(self, device):
        return device.name

    @admin.display(description="thiết lập lúc", ordering="created_at")
    def created(self, device):
        return device.created_at

    @admin.display(description="dùng lần cuối", ordering="last_used_at")
    def last_used(self, device):
        return device.last_used_at

    @admin.display(description="số lần nhập sai liên tiếp")
    def failures(self, device):
        return device.throttling_failure_count


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(DeviceAdmin):
    pass


@admin.register(StaticDevice)
class StaticDeviceAdmin(DeviceAdmin):
    list_display = [*DeviceAdmin.list_display, "left"]
    fields = [*DeviceAdmin.fields, "left"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(codes_left=Count("token_set"))

    @admin.display(description="số mã còn lại", ordering="codes_left")
    def left(self, device):
        return device.codes_left

    def get_deleted_objects(self, objs, request):
        # The confirmation page lists the sets and counts the codes, one line each.
        to_delete, *rest = super().get_deleted_objects(objs, request)
        return [item for item in to_delete if not isinstance(item, list)], *rest


UserAdmin = type(admin.site._registry[User])
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Django's user admin, with who has set up the second factor and a reset."""

    list_display = [*UserAdmin.list_display, "has_two_factor"]
    actions = [*(UserAdmin.actions or []), "reset_two_factor"]

    def get_queryset(self, request):
        apps = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(two_factor=Exists(apps))

    @admin.display(description="xác thực hai lớp", boolean=True, ordering="two_factor")
    def has_two_factor(self, user):
        return user.two_factor

    def has_reset_two_factor_permission(self, request):
        return request.user.is_superuser

    @admin.action(
        description="Đặt lại xác thực hai lớp (cán bộ mất hoặc đổi điện thoại)",
        permissions=["reset_two_factor"],
    )
    def reset_two_factor(self, request, queryset):
        names = []
        for user in queryset:
            if reset(user):
                self.log_change(request, user, "Đặt lại xác thực hai lớp.")
                names.append(user.get_username())
        if names:
            self.message_user(
                request,
                f"Đã đặt lại xác thực hai lớp của: {', '.join(names)}. Ở lần đăng "
                "nhập tới, sau khi nhập đúng mật khẩu, cán bộ sẽ được hướng dẫn cài "
                "lại ứng dụng xác thực và nhận mã dự phòng mới.",
            )
        else:
            self.message_user(
                request,
                "Các tài khoản đã chọn chưa thiết lập xác thực hai lớp: không có gì "
                "để đặt lại.",
                "warning",
            )
