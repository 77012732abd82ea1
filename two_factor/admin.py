"""Two-factor sign-in in the admin: superusers see and reset colleagues' devices.

django-otp's own device admins show secret keys and English labels; they are
replaced by these, in Vietnamese, which only look and delete: a device is only ever
created by its owner on the enrolment page. So are django-axes' admins of the
sign-in lockout: deleting a lockout lifts it.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.db.models import Count, Exists, OuterRef
from django.utils.text import format_lazy
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from publishing.admin import SuperuserRecordsAdmin
from publishing.dates import show_datetime

from .devices import reset

User = get_user_model()

for model in (TOTPDevice, StaticDevice, AccessAttempt, AccessLog, AccessFailureLog):
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
        return show_datetime(device.created_at)

    @admin.display(description="dùng lần cuối", ordering="last_used_at")
    def last_used(self, device):
        return show_datetime(device.last_used_at) or "chưa dùng"

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


class SignInRecordAdmin(SuperuserRecordsAdmin):
    """django-axes' records of sign-ins: superusers look, and delete to unlock."""

    list_display = ["attempt_time", "username", "ip_address", "browser"]
    list_filter = ["attempt_time"]
    search_fields = ["username", "ip_address", "user_agent"]
    date_hierarchy = "attempt_time"
    fields = ["username", "attempt_time", "ip_address", "browser", "page"]
    readonly_fields = fields

    @admin.display(description="trình duyệt")
    def browser(self, record):
        return _known(record.user_agent)

    @admin.display(description="trang")
    def page(self, record):
        return _known(record.path_info)


def _known(value):
    # django-axes writes "<unknown>" for what a request did not say.
    return "không rõ" if not value or value == "<unknown>" else value


@admin.register(AccessAttempt)
class AccessAttemptAdmin(SignInRecordAdmin):
    list_display = [*SignInRecordAdmin.list_display, "failures_since_start", "state"]
    fields = [*SignInRecordAdmin.fields, "failures_since_start", "state"]
    readonly_fields = fields

    @admin.display(description="tình trạng")
    def state(self, attempt):
        left = settings.AXES_FAILURE_LIMIT - attempt.failures_since_start
        return f"còn {left} lần thử" if left > 0 else "đang bị khóa"


@admin.register(AccessLog)
class AccessLogAdmin(SignInRecordAdmin):
    list_display = [*SignInRecordAdmin.list_display, "logout_time"]
    fields = [*SignInRecordAdmin.fields, "logout_time"]
    readonly_fields = fields


@admin.register(AccessFailureLog)
class AccessFailureLogAdmin(SignInRecordAdmin):
    list_display = [*SignInRecordAdmin.list_display, "locked_out"]
    list_filter = ["attempt_time", "locked_out"]
    fields = [*SignInRecordAdmin.fields, "locked_out"]
    readonly_fields = fields


UserAdmin = type(admin.site._registry[User])
admin.site.unregister(User)


class PasswordForm(AdminPasswordChangeForm):
    # Django adds its warning to the help text in English whatever the language.
    usable_password_help_text = format_lazy(
        "{}{}",
        SetUnusablePasswordMixin.usable_password_help_text,
        '<ul id="id_unusable_warning" class="messagelist"><li class="warning">'
        "Nếu tắt, mật khẩu hiện tại của người dùng này sẽ bị xóa.</li></ul>",
    )


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Django's user admin, with who has set up the second factor and a reset."""

    change_password_form = PasswordForm
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
