"""The review loop's e-mail: who hears of a submission or a decision, and how.

publishing.workflow.save_as() decides what a save means (an item sent for review,
a change proposed to a live item; an item published, scheduled, withdrawn or sent
back, a change accepted or rejected) and calls announce() with the people to
tell, whatever path the save took. The mail goes out once the save is committed,
so nobody hears of a save that was rolled back; a mail server that fails is logged,
and the staff member is told on the page that the e-mail was not sent: the save
stands either way.

Each e-mail is a template, templates/publishing/email/<event>.txt, whose first line
is the subject; it names the item as {{ name }}, on one line, people by their full
name (name_of) and times as the admin writes them (dd/mm/yyyy HH:MM).
"""

import logging

from django.contrib import messages
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from .dates import show_datetime

logger = logging.getLogger(__name__)

# To the approvers: an item sent for review, a change proposed to a live item.
SUBMITTED = "submitted"
PROPOSED = "proposed"
# To whoever sent it for review: published (now, or again), scheduled, withdrawn,
# its schedule called off before readers saw it, sent back to draft.
PUBLISHED = "published"
SCHEDULED = "scheduled"
WITHDRAWN = "withdrawn"
UNSCHEDULED = "unscheduled"
SENT_BACK = "sent_back"
# To whoever proposed it: a proposed change accepted or rejected.
ACCEPTED = "accepted"
REJECTED = "rejected"

FOR_APPROVERS = {SUBMITTED, PROPOSED}
ON_PROPOSALS = {ACCEPTED, REJECTED}


def name_of(user):
    """Return how the e-mails name a staff member: full name, else user name.

    In Vietnamese order, family name first: "Nguyễn Thị Lan".
    """
    full = f"{user.last_name} {user.first_name}".strip()
    return full or user.get_username()


def change_url(obj, request=None):
    """Return the address of obj's change page, absolute when request is known."""
    opts = obj._meta
    path = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    return request.build_absolute_uri(path) if request is not None else path


def compose(event, obj, *, actor, reason="", request=None):
    """Return (subject, body) of the e-mail telling of event on obj."""
    text = render_to_string(
        f"publishing/email/{event}.txt",
        {
            # On one line, each run of whitespace one space: the name ends the
            # subject line, and a header holds no line break, whatever a title
            # holds (a newline from an imported cell, a CR in an old row).
            "name": " ".join(str(obj).split()),
            "kind": obj._meta.verbose_name,
            "actor": name_of(actor),
            "reason": reason,
            "url": change_url(obj, request),
            "published_at": show_datetime(obj.published_at),
        },
    )
    subject, _, body = text.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"


def announce(event, obj, *, actor, to, reason="", request=None):
    """Send the e-mail of event on obj to the addresses to, after the commit."""
    if not to:
        if event in FOR_APPROVERS and request is not None:
            transaction.on_commit(lambda: _nobody_to_tell(request))
        return
    subject, body = compose(event, obj, actor=actor, reason=reason, request=request)
    mails = [EmailMessage(subject, body, to=[address]) for address in to]
    transaction.on_commit(lambda: _deliver(mails, event, request))


def _deliver(mails, event, request):
    try:
        get_connection().send_messages(mails)
    except Exception:
        # Any failure of the mail server (refused, timed out, login, TLS) lands
        # here; the item is saved already and must stay so.
        logger.exception("Review e-mail %s to %s not sent", event, mails[0].to)
        if request is not None:
            whom = "người duyệt bài" if event in FOR_APPROVERS else "người gửi duyệt"
            messages.warning(
                request,
                f"Đã lưu, nhưng chưa gửi được e-mail báo cho {whom}: máy chủ thư "
                "không trả lời. Hãy báo trực tiếp cho họ (điện thoại, Zalo).",
                fail_silently=True,
            )


def _nobody_to_tell(request):
    messages.warning(
        request,
        "Chưa người duyệt bài nào có địa chỉ e-mail nên không ai được báo qua e-mail; "
        "họ vẫn thấy việc này trên trang chủ quản trị. Người quản trị thêm địa chỉ "
        "trong mục Người dùng.",
        fail_silently=True,
    )
