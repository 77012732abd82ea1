"""Who may publish: the one check behind every write path of publishable content.

Editors ("Biên tập viên") write drafts and send them for review; approvers ("Duyệt
bài") publish, withdraw and schedule. The change form, admin actions, imports and
reverting history all save through save_as(), so a crafted POST, an imported row or
a revert cannot do what the user's role does not allow. An editor's change to a
published or withdrawn item is kept aside as pending changes until an approver
accepts it; readers keep seeing the approved version meanwhile.

A publishable model has status and published_at fields, a Status with DRAFT and
REVIEW, a "publish_<model>" permission, REVIEWED_FIELDS, and the pending_changes,
pending_by and pending_at fields.
"""

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone

from .sanitiser import clean_body

EDITOR_GROUP = "Biên tập viên"
APPROVER_GROUP = "Duyệt bài"


def publish_permission(model):
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def can_publish(user, model):
    """Tell whether user may publish, withdraw and schedule items of model."""
    return user.is_active and user.has_perm(publish_permission(model))


def _editor_statuses(model):
    return {model.Status.DRAFT, model.Status.REVIEW}


def check_publishing(user, before, after):
    """Raise PermissionDenied if saving after over before needs a right user lacks."""
    model = type(after)
    if can_publish(user, model):
        return
    drafts = _editor_statuses(model)
    if after.status not in drafts:
        raise PermissionDenied(
            "Chỉ người duyệt bài mới được xuất bản, gỡ hoặc hẹn giờ đăng."
        )
    if before is not None and before.status not in drafts:
        raise PermissionDenied(
            "Bài đã xuất bản hoặc đã gỡ chỉ người duyệt bài được thay đổi trực tiếp."
        )
    if after.published_at != (before.published_at if before else None):
        raise PermissionDenied("Chỉ người duyệt bài mới được hẹn giờ đăng.")
    for name in model.APPROVER_FIELDS:
        field = model._meta.get_field(name)
        old = field.value_from_object(before) if before else field.get_default()
        if field.value_from_object(after) != old:
            raise PermissionDenied(
                f"Chỉ người duyệt bài mới được thay đổi “{field.verbose_name}”."
            )


def may_change_parts(user, parent):
    """Tell whether user may change the parts of parent (a poll's choices, a
    report's figures): an editor only while parent is a draft or awaits review.

    Parts show to readers as soon as they are saved; nothing of them waits for
    approval, so on a published or withdrawn item they are for approvers only.
    """
    return parent.status in _editor_statuses(type(parent)) or can_publish(
        user, type(parent)
    )


def check_changing_live(user, parent):
    """Raise PermissionDenied if user may not change what readers of parent see.

    For parts saved on their own, such as figures imported from a spreadsheet.
    """
    if not may_change_parts(user, parent):
        raise PermissionDenied(
            f"{parent._meta.verbose_name.capitalize()} “{parent}” đã xuất bản hoặc "
            "đã gỡ: chỉ người duyệt bài được sửa số liệu của nó."
        )


def reviewed_values(obj):
    """Return obj's REVIEWED_FIELDS as JSON-ready values, committing new files."""
    values = {}
    for name in obj.REVIEWED_FIELDS:
        field = obj._meta.get_field(name)
        if isinstance(field, models.FileField):
            values[name] = field.pre_save(obj, add=False).name or ""
        else:
            values[name] = field.value_from_object(obj)
    return values


def apply_pending(obj):
    """Put obj's pending changes on it in memory (nothing is saved) and return it.

    A change pointing at a row deleted since (a category, say) is left out.
    """
    for name, value in (obj.pending_changes or {}).items():
        field = obj._meta.get_field(name)
        related = field.related_model if field.is_relation else None
        gone = related and not related._default_manager.filter(pk=value).exists()
        if value is not None and gone:
            continue
        setattr(obj, field.attname, value)
    return obj


@transaction.atomic
def save_as(user, obj, *, accept_pending=False, expected_version=None):
    """Save obj as user may: directly, or as pending changes awaiting approval.

    Return True when obj was saved for readers, False when its changes now wait for
    an approver. accept_pending says that obj already carries its pending changes
    (the change form shows them), so saving it accepts them. expected_version, the
    version the user's form was opened on, is checked again under the row lock.
    """
    model = type(obj)
    before = (
        model.objects.select_for_update().filter(pk=obj.pk).first() if obj.pk else None
    )
    if before is not None and expected_version not in (None, before.version):
        raise PermissionDenied(
            "Nội dung vừa được người khác lưu trong lúc bạn lưu; hãy mở lại để xem."
        )
    reviewing = (
        before is not None
        and before.status not in _editor_statuses(model)
        and not can_publish(user, model)
    )
    if reviewing:
        if (obj.status, obj.published_at) != (before.status, before.published_at):
            raise PermissionDenied(
                "Chỉ người duyệt bài mới được xuất bản, gỡ hoặc hẹn giờ đăng."
            )
        live = reviewed_values(before)
        proposed = {k: v for k, v in reviewed_values(obj).items() if v != live[k]}
        if "body" in proposed:
            proposed["body"], obj.body_notes = clean_body(proposed["body"])
        before.pending_changes = proposed or None
        before.pending_by = user if proposed else None
        before.pending_at = timezone.now() if proposed else None
        before._history_user = user
        before._change_reason = "Đề xuất thay đổi, chờ duyệt"
        before.save()
        obj.version = before.version
        return False
    check_publishing(user, before, obj)
    if accept_pending and can_publish(user, model):
        obj.pending_changes = obj.pending_by = obj.pending_at = None
    obj._history_user = user
    obj._change_reason = _reason(before, obj)
    obj.save()
    return True


def _reason(before, after):
    """Say in a few words what a save does, for the history list."""
    if before is None:
        return "Tạo mới"
    if before.status != after.status:
        return f"{before.get_status_display()} → {after.get_status_display()}"
    if before.pending_changes and not after.pending_changes:
        accepted = reviewed_values(after) != reviewed_values(before)
        return (
            "Chấp nhận thay đổi chờ duyệt" if accepted else "Từ chối thay đổi chờ duyệt"
        )
    return "Cập nhật"
