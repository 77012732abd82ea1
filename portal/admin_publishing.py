"""Admin pieces for everything staff publish: the workflow, versions, covers.

ModelAdmins of publishable models (portal.publishing.Publishable) derive from
PublishableAdmin, so that the change form, actions and history reverts all save
through portal.workflow.save_as().
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from .dates import ADMIN_FORMFIELDS
from .uploads import ImageRejected, clean_image
from .workflow import apply_pending, can_publish, check_publishing, save_as


class VersionedForm(forms.ModelForm):
    """A change form that refuses to save over someone else's newer save."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["loaded_version"] = self._current_version()

    def _current_version(self):
        return (
            self._meta.model.objects.filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            loaded = cleaned.get("loaded_version")
            if loaded is None or loaded != self._current_version():
                raise ValidationError(self._stale_message())
        return cleaned

    def _stale_message(self):
        history = self._meta.model.history.filter(id=self.instance.pk)
        last = history.order_by("-history_date").select_related("history_user")
        last = last.first()
        who = f" bởi {last.history_user}" if last and last.history_user else ""
        when = (
            f" lúc {timezone.localtime(last.history_date):%H:%M %d/%m/%Y}"
            if last
            else ""
        )
        return (
            f"Nội dung này đã được sửa{who}{when}, sau khi bạn mở trang này. Thay "
            "đổi của bạn chưa được lưu: hãy mở lại để xem bản mới nhất rồi sửa tiếp."
        )


class CoverForm(VersionedForm):
    """A versioned form whose cover upload goes through clean_image()."""

    # A plain file field: clean_image() decides what is an image, with its messages.
    cover = forms.FileField(
        label="Ảnh đại diện",
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
        help_text="Ảnh JPEG, PNG, WebP hoặc GIF, tối đa 10 MB và 40 megapixel.",
    )

    def clean_cover(self):
        cover = self.cleaned_data.get("cover")
        if cover and hasattr(cover, "content_type"):  # a new upload
            try:
                return clean_image(cover, cover.name)
            except ImageRejected as error:
                raise ValidationError(str(error)) from error
        return cover


class PublishingResourceMixin:
    """An import-export resource whose rows obey the publishing rules."""

    def before_save_instance(self, instance, row, **kwargs):
        """Refuse a row that publishes, withdraws or schedules without the right."""
        user = kwargs.get("user")
        model = type(instance)
        before = model.objects.filter(pk=instance.pk).first() if instance.pk else None
        try:
            if user is None:
                raise PermissionDenied("Không rõ người nhập dữ liệu.")
            check_publishing(user, before, instance)
        except PermissionDenied as error:
            raise ValidationError(str(error)) from error
        instance._change_reason = "Nhập dữ liệu từ tệp"


class PublishableAdmin(SimpleHistoryAdmin):
    """Change form, actions and history of a Publishable model, by role."""

    actions = ["publish_now", "unpublish", "accept_pending", "reject_pending"]
    formfield_overrides = ADMIN_FORMFIELDS

    @admin.display(description="chờ duyệt", boolean=True)
    def has_pending_changes(self, obj):
        return bool(obj.pending_changes)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not can_publish(request.user, self.model):
            readonly += ["published_at", *self.model.APPROVER_FIELDS]
            if obj is not None and obj.status not in _drafts(self.model):
                readonly += ["status", "slug"]
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        status = form.base_fields.get("status")
        if status is not None and not can_publish(request.user, self.model):
            drafts = _drafts(self.model)
            status.choices = [c for c in status.choices if c[0] in drafts]
        return form

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        return apply_pending(obj) if obj is not None else None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if request.method == "GET" and obj is not None and obj.pending_changes:
            author = obj.pending_by or "biên tập viên"
            when = timezone.localtime(obj.pending_at)
            self.message_user(
                request,
                f"Có thay đổi chờ duyệt do {author} gửi lúc "
                f"{when:%H:%M %d/%m/%Y}. Trang này hiển thị bản có các thay đổi "
                "đó; bạn đọc vẫn thấy bản đã duyệt cho đến khi người duyệt bài "
                "lưu lại.",
                messages.WARNING,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        version = form.cleaned_data.get("loaded_version") if change else None
        if not save_as(
            request.user, obj, accept_pending=True, expected_version=version
        ):
            self.message_user(
                request,
                "Thay đổi đã được lưu và đang chờ người duyệt bài chấp nhận; bạn đọc "
                "vẫn thấy bản đã duyệt.",
                messages.WARNING,
            )
        for note in getattr(obj, "body_notes", []):
            self.message_user(request, note, messages.WARNING)

    def has_publish_permission(self, request):
        return can_publish(request.user, self.model)

    def apply_to_each(self, request, queryset, change, done):
        """Change and save each selected item through the workflow."""
        count = 0
        for obj in queryset:
            change(obj)
            save_as(request.user, obj)
            count += 1
        name = self.model._meta.verbose_name
        self.message_user(request, f"Đã {done} {count} {name}.", messages.SUCCESS)

    @admin.action(description="Xuất bản ngay", permissions=["publish"])
    def publish_now(self, request, queryset):
        def publish(obj):
            obj.status = obj.Status.PUBLISHED
            obj.published_at = timezone.now()

        self.apply_to_each(request, queryset, publish, "xuất bản")

    @admin.action(description="Gỡ (ngừng xuất bản)", permissions=["publish"])
    def unpublish(self, request, queryset):
        def withdraw(obj):
            obj.status = obj.Status.WITHDRAWN

        self.apply_to_each(request, queryset, withdraw, "gỡ")

    @admin.action(description="Chấp nhận thay đổi chờ duyệt", permissions=["publish"])
    def accept_pending(self, request, queryset):
        def accept(obj):
            apply_pending(obj)
            obj.pending_changes = obj.pending_by = obj.pending_at = None

        queryset = queryset.filter(pending_changes__isnull=False)
        self.apply_to_each(request, queryset, accept, "chấp nhận thay đổi của")

    @admin.action(description="Từ chối thay đổi chờ duyệt", permissions=["publish"])
    def reject_pending(self, request, queryset):
        def reject(obj):
            obj.pending_changes = obj.pending_by = obj.pending_at = None

        queryset = queryset.filter(pending_changes__isnull=False)
        self.apply_to_each(request, queryset, reject, "từ chối thay đổi của")


def _drafts(model):
    return {model.Status.DRAFT, model.Status.REVIEW}
