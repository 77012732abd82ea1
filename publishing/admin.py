"""Admin pieces for everything staff publish: the workflow, versions, covers.

ModelAdmins of publishable models (publishing.models.Publishable) derive from
PublishableAdmin, so that the change form, actions and history reverts all save
through publishing.workflow.save_as(), and their inlines (the item's parts) follow
publishing.workflow.may_change_parts() whatever the admin: shown, not editable, to
whoever may not change them, and every change to them recorded in the item's
history.
"""

import copy
import datetime
import functools

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from . import review
from .dates import ADMIN_FORMFIELDS, show_datetime
from .history import ClerkHistory, forget_if_unchanged, set_changes
from .models import Status
from .pictures import check_descriptions
from .review import name_of
from .uploads import ImageRejected, clean_image
from .workflow import (
    apply_pending,
    can_publish,
    check_publishing,
    keep_workflow_state,
    may_change_parts,
    publish_now,
    save_as,
    send_back,
    sent_out,
)

# The submit buttons of the change form that move an item along the review loop:
# the editor's "Gửi duyệt", the approver's "Xuất bản", "Hẹn giờ", "Gỡ bài" and
# "Chấp nhận thay đổi".
SUBMIT_REVIEW = "_submit_review"
PUBLISH = "_publish"
SCHEDULE = "_schedule"
WITHDRAW = "_withdraw"
ACCEPT = "_accept"


class VersionedForm(forms.ModelForm):
    """A change form that refuses to save over someone else's newer save."""

    loaded_version = forms.IntegerField(
        label="phiên bản đã mở", widget=forms.HiddenInput, required=False
    )

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
            self._keep_times_as_shown(cleaned)
        if SCHEDULE in self.data and "published_at" in self.fields:
            due = cleaned.get("published_at")
            if due is None or due <= timezone.now():
                self.add_error(
                    "published_at",
                    "Để hẹn giờ đăng, hãy ghi thời gian đăng sau lúc này, ví dụ "
                    f"{show_datetime(timezone.now() + datetime.timedelta(days=1))}.",
                )
        if "body" in cleaned and hasattr(self.instance, "Status"):
            self._check_pictures(cleaned)
        return cleaned

    def _check_pictures(self, cleaned):
        """Show on the body field the undescribed pictures this save sends out."""
        model = self._meta.model
        before = model.objects.filter(pk=self.instance.pk).first()
        # The item as save_model() will save it: a field the form does not offer
        # (an editor's status, a restore's) as the instance has it, then the
        # button pressed.
        after = copy.copy(self.instance)
        after.status = cleaned.get("status", after.status)
        after.published_at = cleaned.get("published_at", after.published_at)
        after.body = cleaned["body"]
        user, restoring = getattr(self, "saved_by", (None, False))
        if user is not None:
            as_pressed(after, self.data, user, restoring)
        try:
            check_descriptions(before, after, sent_out)
        except ValidationError as error:
            self.add_error("body", error)

    def clean_status(self):
        status = self.cleaned_data["status"]
        if self.instance.status == Status.REVIEW and status == Status.DRAFT:
            raise ValidationError(
                "Để trả lại cho người viết, hãy bấm “Trả lại người viết…” cuối trang "
                "và ghi lý do: họ sẽ nhận được lý do qua e-mail."
            )
        return status

    def _keep_times_as_shown(self, cleaned):
        # The form shows a stored time to the minute; sent back as shown, it is
        # the stored time, not one cut to the minute behind the user's back.
        for name, value in cleaned.items():
            stored = self.initial.get(name)
            if (
                isinstance(stored, datetime.datetime)
                and isinstance(value, datetime.datetime)
                and value == stored.replace(second=0, microsecond=0)
            ):
                cleaned[name] = stored

    def _stale_message(self):
        history = self._meta.model.history.filter(id=self.instance.pk)
        last = history.order_by("-history_date").select_related("history_user")
        last = last.first()
        who = f" bởi {name_of(last.history_user)}" if last and last.history_user else ""
        when = f" lúc {show_datetime(last.history_date)}" if last else ""
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
        check_descriptions(before, instance, sent_out)
        self.saving_as = user, kwargs.get("request")

    def do_instance_save(self, instance, is_create):
        """Save a row through the workflow, which tells whom the row concerns."""
        user, request = self.saving_as
        save_as(user, instance, path="Nhập dữ liệu từ tệp", request=request)


class ReviewQueueFilter(admin.SimpleListFilter):
    """The approvers' queue: items sent for review, live items with a change."""

    title = "việc chờ duyệt"
    parameter_name = "cho_duyet"
    SUBMITTED = "moi"
    CHANGED = "thay-doi"

    def lookups(self, request, model_admin):
        return [
            (self.SUBMITTED, "Chờ duyệt"),
            (self.CHANGED, "Có thay đổi chờ duyệt"),
        ]

    def queryset(self, request, queryset):
        if self.value() == self.SUBMITTED:
            return queryset.filter(status=Status.REVIEW)
        if self.value() == self.CHANGED:
            return queryset.filter(pending_changes__isnull=False)
        return queryset


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label="Lý do trả lại",
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        max_length=2000,
        help_text="Người gửi sẽ đọc lý do này trong e-mail và trong lịch sử của mục.",
        error_messages={
            "required": "Hãy ghi lý do trả lại: người gửi cần biết phải sửa gì."
        },
    )


class PublishableAdmin(SimpleHistoryAdmin):
    """Change form, actions and history of a Publishable model, by role."""

    actions = ["publish_now", "unpublish", "accept_pending", "send_back"]
    formfield_overrides = ADMIN_FORMFIELDS
    add_form_template = change_form_template = "admin/publishing/change_form.html"
    object_history_list_template = "admin/publishing/object_history_list.html"
    object_history_form_template = "admin/publishing/object_history_form.html"

    @admin.display(description="trạng thái", ordering="status")
    def status_shown(self, obj):
        """Show the status, a time to come as "Hẹn giờ", and a pending change."""
        due = obj.published_at
        if obj.status == Status.PUBLISHED and due and due > timezone.now():
            shown = f"Hẹn giờ {timezone.localtime(due):%d/%m %H:%M}"
        else:
            shown = obj.get_status_display()
        if obj.pending_changes:
            return format_html(
                '{}<br><span class="pending-note">có thay đổi chờ duyệt</span>', shown
            )
        return shown

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ReviewQueueFilter]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not can_publish(request.user, self.model):
            # An editor moves an item along with the "Gửi duyệt" button only.
            readonly += ["status", "published_at", *self.model.APPROVER_FIELDS]
            if obj is not None and obj.status not in _drafts(self.model):
                readonly += ["slug"]
        if getattr(request, "restoring", None) is not None:
            # A restore brings back content only (workflow.keep_workflow_state).
            readonly += ["status", "published_at", *self.model.APPROVER_FIELDS]
        if self.parts_locked(request, obj):
            # Links to other items (an article's reports, a document's campaigns)
            # show to readers as soon as they are saved, like the parts.
            readonly += [field.name for field in self.model._meta.many_to_many]
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        live = getattr(request, "restoring", None)
        if live is not None and obj is not None:
            # The old version on the restore page shows, as it will save, the
            # live item's status, publish time and approvers' decisions, not
            # those of its own day.
            keep_workflow_state(obj, live)
        name = self.model._meta.verbose_name.capitalize()
        # The helps of the app's own form first: modelform_factory puts these in
        # its place, whole.
        options = getattr(kwargs.get("form", self.form), "_meta", None)
        declared = getattr(options, "help_texts", None) or {}
        helps = {
            **declared,
            "published_at": f"{name} đã xuất bản chỉ hiện với bạn đọc từ thời điểm "
            "này.",
        }
        # A help says how to fill a field in ("Để trống để tạo tự động…"): a
        # read-only field shows none (the admin reads its help from here).
        helps.update(dict.fromkeys(self.get_readonly_fields(request, obj), ""))
        kwargs.setdefault("help_texts", helps)
        form = super().get_form(request, obj, change=change, **kwargs)
        # Who saves, and whether it is a restore: the form checks what the save
        # sends out as save_model() will make it (as_pressed).
        return type(form.__name__, (form,), {"saved_by": (request.user, live)})

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        user = request.user
        context["submit_review"] = not can_publish(user, self.model) and (
            obj is None or obj.status == Status.DRAFT
        )
        waiting = obj is not None and (
            obj.status == Status.REVIEW or obj.pending_changes
        )
        approver = can_publish(user, self.model)
        if waiting and approver:
            context["send_back_url"] = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_send_back",
                args=[obj.pk],
            )
        if approver and getattr(request, "restoring", None) is None:
            context["approver_buttons"] = True
            context["can_withdraw"] = obj is not None and obj.status == Status.PUBLISHED
        if approver and obj is not None and obj.pending_changes:
            live = self.model.objects.get(pk=obj.pk)
            context["proposal"] = ClerkHistory(self.model, live).proposal(
                live.pending_changes
            )
            context["proposal_by"] = name_of(live.pending_by) if live.pending_by else ""
            context["proposal_at"] = show_datetime(live.pending_at)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/tra-lai/",
                self.admin_site.admin_view(self.send_back_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_send_back",
            ),
            *super().get_urls(),
        ]

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        return apply_pending(obj) if obj is not None else None

    def parts_locked(self, request, obj):
        """Tell whether the user may only look at obj's inlines."""
        return obj is not None and not may_change_parts(request.user, obj)

    def get_inlines(self, request, obj):
        inlines = super().get_inlines(request, obj)
        if self.parts_locked(request, obj):
            return [_view_only(inline) for inline in inlines]
        return inlines

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        saved = getattr(form.instance, "saved_as", None)
        if saved is not None and saved.unchanged:
            return  # nothing written, no history entry of this save to amend
        said = _links_changed(form)
        said += [words for formset in formsets for words in _changes(formset)]
        if change and said:
            # The history record the save of the item itself just wrote.
            record = form.instance.history.first()
            record.history_change_reason = (
                f"{record.history_change_reason or 'Cập nhật'}; {'; '.join(said)}"
            )
            record.save(update_fields=["history_change_reason"])
        elif change:
            forget_if_unchanged(form.instance)

    def set_history_delta_changes(
        self, request, historical_records, foreign_keys_are_objs=True
    ):
        set_changes(self.model, historical_records)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if request.method == "GET" and self.inlines and self.parts_locked(request, obj):
            self.message_user(
                request,
                "Chỉ người duyệt bài được thay đổi các mục bên dưới (như phương án, "
                f"số liệu) của {obj._meta.verbose_name} này: bạn đọc đã thấy chúng "
                "và thấy ngay mọi thay đổi.",
                messages.INFO,
            )
        if request.method == "GET" and obj is not None and obj.pending_changes:
            author = name_of(obj.pending_by) if obj.pending_by else "biên tập viên"
            self.message_user(
                request,
                f"Có thay đổi chờ duyệt do {author} gửi lúc "
                f"{show_datetime(obj.pending_at)}. Trang này hiển thị bản có các "
                "thay đổi đó; bạn đọc vẫn thấy bản đã duyệt cho đến khi người duyệt "
                "bài lưu lại.",
                messages.WARNING,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Restore an old version's content, never its workflow state.

        Status and publish time stay as they are (workflow.save_as); the restore
        page shows them so, read-only. The pending change belongs to the live
        item, not to any version: an approver's restore keeps it, to be accepted
        or rejected on its own; an editor's restore, which would become a pending
        change itself, is refused while another one waits.
        """
        live = self.model.objects.filter(pk=unquote(object_id)).first()
        if live is not None and live.pending_changes:
            author = name_of(live.pending_by) if live.pending_by else "biên tập viên"
            when = show_datetime(live.pending_at)
            if not can_publish(request.user, self.model):
                if request.method == "POST":
                    self.message_user(
                        request,
                        f"Chưa khôi phục: đang có thay đổi chờ duyệt do {author} gửi "
                        f"lúc {when}. Người duyệt bài cần chấp nhận hoặc từ chối thay "
                        "đổi đó trước.",
                        messages.ERROR,
                    )
                    return HttpResponseRedirect(request.path)
            elif request.method == "GET":
                self.message_user(
                    request,
                    f"Đang có thay đổi chờ duyệt do {author} gửi lúc {when}. Khôi "
                    "phục phiên bản này không xóa thay đổi đó: nó vẫn chờ bạn chấp "
                    "nhận hoặc từ chối (trong danh sách, chọn thao tác tương ứng).",
                    messages.WARNING,
                )
        if request.method == "GET":
            self.message_user(
                request,
                "Khôi phục chỉ đưa lại nội dung của phiên bản này; trạng thái, "
                "thời gian đăng và các ô chỉ người duyệt bài được đổi giữ như hiện "
                "tại: không đăng, không gỡ, không hẹn giờ.",
                messages.INFO,
            )
        record = self.model.history.filter(
            **{self.opts.pk.attname: unquote(object_id), "history_id": version_id}
        ).first()
        request.restoring = live
        request.restored = record.history_date if record is not None else None
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        version = form.cleaned_data.get("loaded_version") if change else None
        restored = getattr(request, "restored", None)
        as_pressed(obj, request.POST, request.user, restored)
        saved = save_as(
            request.user,
            obj,
            accept_pending=restored is None,
            expected_version=version,
            restored=restored,
            request=request,
        )
        form.instance.saved_as = saved
        said = _said(saved, obj)
        for text, level in said:
            self.message_user(request, text, level)
        # What happened is said; Django's "… được chỉnh sửa thành công" after it
        # would say less, or (for a change that waits) something untrue.
        request.workflow_said = bool(said)
        for note in getattr(obj, "body_notes", []):
            self.message_user(request, note, messages.WARNING)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        """Say message, unless it is Django's "saved" after the workflow's own."""
        if level == messages.SUCCESS and getattr(request, "workflow_said", False):
            return
        super().message_user(request, message, level, *args, **kwargs)

    def has_publish_permission(self, request):
        return can_publish(request.user, self.model)

    def apply_to_each(self, request, queryset, change, done, unchanged):
        """Change and save each selected item through the workflow.

        change(obj) returns False for an item it leaves as it is: that item is
        not saved at all (no new version, no history), and the message says how
        many were left alone and why (unchanged). An item the workflow refuses
        (a picture without a description, say) is named with the reason.
        """
        changed = skipped = mailed = 0
        for obj in queryset:
            if change(obj) is False:
                skipped += 1
                continue
            try:
                saved = save_as(request.user, obj, request=request)
            except (PermissionDenied, ValidationError) as error:
                said = (
                    " ".join(error.messages)
                    if isinstance(error, ValidationError)
                    else str(error)
                )
                self.message_user(request, f"Chưa lưu “{obj}”: {said}", messages.ERROR)
                continue
            mailed += bool(saved.mailed)
            changed += 1
        name = self.model._meta.verbose_name
        if changed:
            told = (
                f" Đã báo qua e-mail cho người gửi duyệt của {mailed} {name}."
                if mailed
                else ""
            )
            self.message_user(
                request, f"Đã {done} {changed} {name}.{told}", messages.SUCCESS
            )
        if skipped:
            self.message_user(
                request,
                f"Giữ nguyên {skipped} {name} {unchanged}.",
                messages.INFO if changed else messages.WARNING,
            )

    @admin.action(description="Xuất bản ngay", permissions=["publish"])
    def publish_now(self, request, queryset):
        now = timezone.now()
        self.apply_to_each(
            request,
            queryset,
            lambda obj: publish_now(obj, now),
            "xuất bản",
            "đã xuất bản từ trước (thời gian đăng không đổi)",
        )

    @admin.action(description="Gỡ (ngừng xuất bản)", permissions=["publish"])
    def unpublish(self, request, queryset):
        def withdraw(obj):
            if obj.status != obj.Status.PUBLISHED:
                return False
            obj.status = obj.Status.WITHDRAWN
            return True

        self.apply_to_each(
            request, queryset, withdraw, "gỡ", "chưa xuất bản hoặc đã gỡ từ trước"
        )

    @admin.action(description="Chấp nhận thay đổi chờ duyệt", permissions=["publish"])
    def accept_pending(self, request, queryset):
        def accept(obj):
            if not obj.pending_changes:
                return False
            apply_pending(obj)
            obj.pending_changes = obj.pending_by = obj.pending_at = None
            return True

        self.apply_to_each(
            request,
            queryset,
            accept,
            "chấp nhận thay đổi của",
            "không có thay đổi chờ duyệt",
        )

    @admin.action(description="Trả lại người viết (ghi lý do)", permissions=["publish"])
    def send_back(self, request, queryset):
        """Ask why, then send back what waits: a draft in review, a pending change."""
        items = list(queryset)
        form = SendBackForm(request.POST if "post" in request.POST else None)
        if not form.is_valid():
            return self.send_back_page(
                request, items, form, ids=[obj.pk for obj in items]
            )
        self.send_back_each(request, items, form.cleaned_data["reason"])
        return None

    def send_back_view(self, request, object_id):
        """Ask why, then send one item back: the change form's "Trả lại" button."""
        obj = self.model.objects.filter(pk=unquote(object_id)).first()
        if obj is None or not self.has_change_permission(request, obj):
            raise PermissionDenied
        if not can_publish(request.user, self.model):
            raise PermissionDenied
        form = SendBackForm(request.POST if request.method == "POST" else None)
        if not form.is_valid():
            return self.send_back_page(request, [obj], form)
        self.send_back_each(request, [obj], form.cleaned_data["reason"])
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        )

    def send_back_page(self, request, items, form, ids=None):
        context = {
            **self.admin_site.each_context(request),
            "title": "Trả lại người viết",
            "opts": self.opts,
            "items": items,
            "form": form,
            "ids": ids,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/publishing/send_back.html", context)

    def send_back_each(self, request, items, reason):
        sent = skipped = mailed = 0
        for obj in items:
            try:
                saved = send_back(request.user, obj, reason, request=request)
            except PermissionDenied as error:
                self.message_user(request, f"“{obj}”: {error}", messages.ERROR)
                continue
            if saved is None:
                skipped += 1
            else:
                sent += 1
                mailed += bool(saved.mailed)
        name = self.model._meta.verbose_name
        if sent:
            if mailed == sent:
                told = "người gửi được báo qua e-mail"
            elif mailed:
                told = f"người gửi của {mailed} {name} được báo qua e-mail"
            else:
                told = "không ai được báo qua e-mail (người gửi không có địa chỉ)"
            self.message_user(
                request,
                f"Đã trả lại {sent} {name} kèm lý do; {told}.",
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                f"Giữ nguyên {skipped} {name} không có gì chờ duyệt.",
                messages.INFO if sent else messages.WARNING,
            )


def as_pressed(obj, data, user, restoring):
    """Give obj, in memory, what the change form's button in data asks of user.

    "Gửi duyệt" sends a draft for review; an approver's buttons publish, schedule
    or withdraw. A restore moves no state (workflow.keep_workflow_state), whatever
    a crafted form sends. save_model() saves what this gives; the form's check of
    pictures reads it first.
    """
    if restoring:
        return
    if SUBMIT_REVIEW in data and obj.status == Status.DRAFT:
        obj.status = Status.REVIEW
    if can_publish(user, type(obj)):
        _press(data, obj)


def _press(data, obj):
    """Do to obj what the approver's button in data asks: publish, schedule, withdraw.

    "Xuất bản" publishes now, as the list's "Xuất bản ngay" does; "Hẹn giờ" keeps
    the time typed, which the form has checked is to come.
    """
    if PUBLISH in data:
        publish_now(obj, timezone.now())
    elif SCHEDULE in data:
        obj.status = Status.PUBLISHED
    elif WITHDRAW in data and obj.status == Status.PUBLISHED:
        obj.status = Status.WITHDRAWN


def _said(saved, obj):
    """Return [(text, level)]: what a save from the change form did, truly."""
    name = f"{obj._meta.verbose_name} “{obj}”"
    done = {
        review.SUBMITTED: f"Đã gửi duyệt {name}.",
        review.PROPOSED: "Thay đổi đã được lưu và đang chờ người duyệt bài chấp "
        "nhận; bạn đọc vẫn thấy bản đã duyệt.",
        review.PUBLISHED: f"Đã xuất bản {name}: bạn đọc đã thấy.",
        review.SCHEDULED: f"Đã hẹn giờ đăng {name} lúc "
        f"{show_datetime(obj.published_at)}.",
        review.WITHDRAWN: f"Đã gỡ {name}: bạn đọc không còn thấy.",
        review.UNSCHEDULED: f"Đã hủy hẹn giờ đăng {name}: bạn đọc chưa từng thấy, "
        "và nó sẽ không tự đăng.",
        review.SENT_BACK: f"Đã trả lại {name} cho người viết.",
        review.ACCEPTED: f"Đã chấp nhận thay đổi chờ duyệt của {name}.",
        review.REJECTED: f"Đã từ chối thay đổi chờ duyệt của {name}.",
    }
    told = {
        review.SUBMITTED: " Người duyệt bài được báo qua e-mail; bạn sẽ nhận e-mail "
        "khi nó được xuất bản hoặc trả lại.",
        review.PROPOSED: " Người duyệt bài được báo qua e-mail.",
        review.ACCEPTED: " Người đề xuất được báo qua e-mail.",
        review.REJECTED: " Người đề xuất được báo qua e-mail.",
    }
    said = []
    for event in saved.events:
        mailed = told.get(event, " Người gửi duyệt được báo qua e-mail.")
        text = done[event] + (mailed if event in saved.mailed else "")
        level = messages.WARNING if event == review.PROPOSED else messages.SUCCESS
        said.append((text, level))
    if saved.waiting and not saved.events and not saved.unchanged:
        # A proposal changed again: the approvers heard of it the first time.
        said.append((done[review.PROPOSED], messages.WARNING))
    if saved.unchanged:
        text = "Không có gì thay đổi so với bản đang đăng."
        if saved.waiting:
            text = "Không có gì mới: thay đổi bạn đề xuất vẫn chờ người duyệt bài."
        said.append((text, messages.INFO))
    return said


def _drafts(model):
    return {model.Status.DRAFT, model.Status.REVIEW}


def _refuse(self, request, obj=None):
    return False


@functools.cache
def _view_only(inline):
    """Return inline as a view-only inline: its rows shown, a posted change ignored."""
    return type(
        inline.__name__,
        (inline,),
        {
            "has_add_permission": _refuse,
            "has_change_permission": _refuse,
            "has_delete_permission": _refuse,
        },
    )


def _changes(formset):
    """Say in words what a saved inline formset added, changed and deleted."""
    name = formset.model._meta.verbose_name
    said = [f"thêm {name} “{obj}”" for obj in formset.new_objects]
    forms = {form.instance.pk: form for form in formset.initial_forms}
    for obj, fields in formset.changed_objects:
        form = forms[obj.pk]
        for field in fields:
            label = form.fields[field].label.lower()
            before = _shown(form.fields[field], form.initial.get(field))
            after = _shown(form.fields[field], form.cleaned_data.get(field))
            said.append(f"{name} “{obj}”: {label} “{before}” → “{after}”")
    said += [f"xóa {name} “{obj}”" for obj in formset.deleted_objects]
    return said


def _links_changed(form):
    """Say in words the links to other items (many-to-many) a saved form changed."""
    said = []
    for field in form.instance._meta.many_to_many:
        if field.name in form.changed_data:
            linked = ", ".join(f"“{obj}”" for obj in form.cleaned_data[field.name])
            said.append(f"{field.verbose_name}: {linked or '(không có)'}")
    return said


def _shown(field, value):
    """Return value as the field shows it: a related row by its name, not its id."""
    queryset = getattr(field, "queryset", None)
    if queryset is not None and value is not None and not hasattr(value, "pk"):
        value = queryset.filter(pk=value).first()
    return "" if value is None else value


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
