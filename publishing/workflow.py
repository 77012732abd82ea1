"""Who may publish: the one check behind every write path of publishable content.

Editors ("Biên tập viên") write drafts and send them for review; approvers ("Duyệt
bài") publish, withdraw and schedule. The change form, admin actions, imports and
reverting history all save through save_as(), so a crafted POST, an imported row or
a revert cannot do what the user's role does not allow. An editor's change to a
published or withdrawn item is kept aside as pending changes until an approver
accepts it; readers keep seeing the approved version meanwhile.

Each submission (an item sent for review, a change proposed to a live item) is
mailed to the approvers, and each decision on it (published, scheduled, withdrawn,
sent back with a reason; a change accepted or rejected) to whoever sent it,
whichever path took it: publishing.review.

Workflow state (Publishable.WORKFLOW_FIELDS: status, publish time, the pending
change) is not content: restoring an old version brings back its content only.

A publishable model has status and published_at fields, a Status with DRAFT and
REVIEW, a "publish_<model>" permission, REVIEWED_FIELDS, the pending_changes,
pending_by and pending_at fields, and its history (django-simple-history).
"""

import dataclasses

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from . import review
from .dates import show_datetime
from .pictures import check_descriptions
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


@dataclasses.dataclass
class Saved:
    """What a save did: whether its changes wait, what it meant, who hears of it."""

    # The changes wait for an approver; readers see the approved version.
    waiting: bool = False
    # What the save meant for the review loop (publishing.review's events).
    events: list = dataclasses.field(default_factory=list)
    # The events someone is e-mailed about.
    mailed: set = dataclasses.field(default_factory=set)
    # Nothing was written: the save changed nothing.
    unchanged: bool = False


def sent_out(obj):
    """Return where obj is out of its author's hands (in review, published), or None."""
    return (
        obj.status if obj.status in {obj.Status.REVIEW, obj.Status.PUBLISHED} else None
    )


def publish_now(obj, now):
    """Publish obj now, in memory; False if it was published already.

    A publish time already past is kept: publishing again must not move an item
    to the top of the lists. A time to come is brought forward to now.
    """
    if obj.status == obj.Status.PUBLISHED and obj.published_at <= now:
        return False
    obj.status = obj.Status.PUBLISHED
    if obj.published_at is None or obj.published_at > now:
        obj.published_at = now
    return True


def keep_workflow_state(obj, live):
    """Give obj live's workflow state and approvers' decisions: only content moves.

    That is WORKFLOW_FIELDS and APPROVER_FIELDS: an old version brings back
    neither a status nor a featured flag or a poll's closing time of its day.
    """
    for name in [*obj.WORKFLOW_FIELDS, *obj.APPROVER_FIELDS]:
        attname = obj._meta.get_field(name).attname
        setattr(obj, attname, getattr(live, attname))


@transaction.atomic
def save_as(
    user,
    obj,
    *,
    accept_pending=False,
    expected_version=None,
    reason="",
    restored=None,
    path="",
    request=None,
):
    """Save obj as user may: directly, or as pending changes awaiting approval.

    Return a Saved. accept_pending says that obj already carries its pending
    changes (the change form shows them), so saving it accepts them.
    expected_version, the version the user's form was opened on, is checked again
    under the row lock. reason, why an approver sends obj back, goes in the history
    and the e-mail. restored, the moment of an old version obj was made from, says
    that obj restores that version: its content only, the workflow state stays as
    it is on the live item. path names, in the history, a way in other than the
    forms ("Nhập dữ liệu từ tệp"). request, when there is one, gives the e-mail's
    links their host and hears whether the e-mail could be sent.
    """
    model = type(obj)
    before = (
        model.objects.select_for_update().filter(pk=obj.pk).first() if obj.pk else None
    )
    if before is not None and expected_version not in (None, before.version):
        raise PermissionDenied(
            "Nội dung vừa được người khác lưu trong lúc bạn lưu; hãy mở lại để xem."
        )
    if restored is not None and before is not None:
        keep_workflow_state(obj, before)
        accept_pending = False
    restoring = f"Khôi phục phiên bản {show_datetime(restored)}" if restored else ""
    check_descriptions(before, obj, sent_out)
    reviewing = (
        before is not None
        and before.status not in _editor_statuses(model)
        and not can_publish(user, model)
    )
    if reviewing:
        return _propose(user, before, obj, restoring, request)
    check_publishing(user, before, obj)
    if accept_pending and can_publish(user, model):
        obj.pending_changes = obj.pending_by = obj.pending_at = None
    now = timezone.now()
    events = _events(before, obj, now)
    # Who to tell, known before this save adds a line to the history.
    to = {event: _addresses(event, before, user) for event in events}
    obj._history_user = user
    said = restoring or _reason(before, obj, events, reason)
    obj._change_reason = f"{path}: {said[0].lower()}{said[1:]}" if path else said
    obj.save()
    saved = Saved(events=events)
    for event in events:
        if to[event]:
            saved.mailed.add(event)
        review.announce(
            event, obj, actor=user, to=to[event], reason=reason, request=request
        )
    return saved


def _propose(user, before, obj, restoring, request):
    """Keep an editor's change to the live item before aside, for an approver."""
    if (obj.status, obj.published_at) != (before.status, before.published_at):
        raise PermissionDenied(
            "Chỉ người duyệt bài mới được xuất bản, gỡ hoặc hẹn giờ đăng."
        )
    live = reviewed_values(before)
    proposed = {k: v for k, v in reviewed_values(obj).items() if v != live[k]}
    if "body" in proposed:
        proposed["body"], obj.body_notes = clean_body(proposed["body"])
        if proposed["body"] == live["body"]:  # only what the sanitiser drops
            del proposed["body"]
    waiting = before.pending_changes
    obj.version = before.version
    if not proposed and not waiting:
        return Saved(unchanged=True)
    if proposed == waiting:
        return Saved(waiting=True, unchanged=True)
    before.pending_changes = proposed or None
    before.pending_by = user if proposed else None
    before.pending_at = timezone.now() if proposed else None
    before._history_user = user
    if not proposed:
        before._change_reason = "Bỏ thay đổi đề xuất: giống bản đang đăng"
    elif restoring:
        before._change_reason = f"Đề xuất {restoring[0].lower()}{restoring[1:]}"
    else:
        before._change_reason = "Đề xuất thay đổi, chờ duyệt"
    before.save()
    obj.version = before.version
    saved = Saved(waiting=bool(proposed))
    if proposed and not waiting:
        to = approver_addresses(but=user)
        saved.events.append(review.PROPOSED)
        if to:
            saved.mailed.add(review.PROPOSED)
        review.announce(review.PROPOSED, before, actor=user, to=to, request=request)
    return saved


def send_back(user, obj, reason, *, request=None):
    """Send obj back to whoever sent it, saying why; None if nothing of it waits.

    An item awaiting review goes back to draft; a live item's proposed change is
    rejected. Only approvers send back, and always with a reason, which goes in the
    item's history and in the e-mail to its sender.
    """
    model = type(obj)
    if not can_publish(user, model):
        raise PermissionDenied("Chỉ người duyệt bài mới được trả lại.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Hãy ghi lý do trả lại: người gửi sẽ đọc lý do này.")
    if obj.status == model.Status.REVIEW:
        obj.status = model.Status.DRAFT
    elif obj.pending_changes:
        obj.pending_changes = obj.pending_by = obj.pending_at = None
    else:
        return None
    return save_as(
        user, obj, expected_version=obj.version, reason=reason, request=request
    )


def approver_addresses(but=None):
    """Return the e-mail addresses of the approvers, but (a user) left out."""
    approvers = get_user_model().objects.filter(
        groups__name=APPROVER_GROUP, is_active=True
    )
    if but is not None:
        approvers = approvers.exclude(pk=but.pk)
    return sorted(set(approvers.exclude(email="").values_list("email", flat=True)))


def _events(before, after, now):
    """Return what saving after over before means for the review loop: [event]."""
    Status = after.Status
    was = before.status if before is not None else None
    events = []
    if after.status == Status.REVIEW and was != Status.REVIEW:
        events.append(review.SUBMITTED)
    elif was == Status.REVIEW and after.status == Status.DRAFT:
        events.append(review.SENT_BACK)
    elif after.status == Status.PUBLISHED and (after.published_at or now) > now:
        same = was == Status.PUBLISHED and before.published_at == after.published_at
        if not same:
            events.append(review.SCHEDULED)
    elif after.status == Status.PUBLISHED:
        if not (was == Status.PUBLISHED and before.published_at <= now):
            events.append(review.PUBLISHED)
    elif was == Status.PUBLISHED:
        shown = before.published_at is not None and before.published_at <= now
        events.append(review.WITHDRAWN if shown else review.UNSCHEDULED)
    if before is not None and before.pending_changes and not after.pending_changes:
        accepted = reviewed_values(after) != reviewed_values(before)
        events.append(review.ACCEPTED if accepted else review.REJECTED)
    return events


def _addresses(event, before, user):
    """Return the addresses to tell of event, user (who caused it) left out."""
    if event in review.FOR_APPROVERS:
        return approver_addresses(but=user)
    told = before.pending_by if event in review.ON_PROPOSALS else _sender(before)
    if told is None or told == user or not told.email or not told.is_active:
        return []
    return [told.email]


def _sender(before):
    """Return who last sent before for review, if anyone did."""
    if before is None:
        return None
    # The user of the first save of the latest run of saves in review.
    sender_id = None
    records = before.history.order_by("-history_date", "-history_id")
    for status, user_id in records.values_list("status", "history_user_id")[:200]:
        if status == before.Status.REVIEW:
            sender_id = user_id
        elif sender_id is not None:
            break
    return get_user_model().objects.filter(pk=sender_id).first() if sender_id else None


def _reason(before, after, events, reason=""):
    """Say in a few words what a save does, for the history list."""
    said = {
        review.SUBMITTED: "Gửi duyệt",
        review.PUBLISHED: "Xuất bản",
        review.SCHEDULED: f"Hẹn giờ đăng {show_datetime(after.published_at)}",
        review.WITHDRAWN: "Gỡ",
        review.UNSCHEDULED: "Hủy hẹn giờ đăng",
        review.ACCEPTED: "Chấp nhận thay đổi chờ duyệt",
        review.REJECTED: "Từ chối thay đổi chờ duyệt",
    }
    parts = [said[event] for event in events if event in said]
    if before is None:
        parts.insert(0, "Tạo mới")
    elif review.SENT_BACK in events or (not parts and before.status != after.status):
        parts.insert(0, f"{before.get_status_display()} → {after.get_status_display()}")
    elif not parts:
        parts.append("Cập nhật")
    text = ", ".join([parts[0], *(part[0].lower() + part[1:] for part in parts[1:])])
    if reason:
        text += f". Lý do trả lại: {reason}"
    return text
