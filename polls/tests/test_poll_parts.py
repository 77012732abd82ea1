"""A live poll's choices: for approvers only, never deleted with their votes,
and every change to them in the poll's history."""

import pytest
from django.contrib import admin
from django.db.models import ProtectedError
from django.test import Client, RequestFactory

from polls.models import Choice, Poll, Vote
from portal.tests.live import read_form
from portal.tests.staff_login import login_verified
from publishing.admin import PublishableAdmin

pytestmark = pytest.mark.django_db

every_publishable_admin = pytest.mark.parametrize(
    "model_admin",
    [a for a in admin.site._registry.values() if isinstance(a, PublishableAdmin)],
    ids=lambda a: type(a).__name__,
)


@pytest.fixture
def voted_poll(open_poll):
    """The demo poll with 3 votes on its first choice and 2 on its last."""
    choices = list(open_poll.choices.all())
    for n, choice in enumerate([choices[0]] * 3 + [choices[4]] * 2):
        Vote.objects.create(
            poll=open_poll, choice=choice, voter_key=f"nguoi-{n}", address_hash="h"
        )
        Choice.objects.filter(pk=choice.pk).update(votes_count=choice.votes.count())
    return open_poll


def change_url(poll):
    return f"/admin/polls/poll/{poll.pk}/change/"


def approver_form(approver, poll):
    """The change form as an approver's browser would send it back unchanged."""
    client = login_verified(Client(), approver)
    return read_form(client.get(change_url(poll)).content.decode(), "poll_form")


def state(poll):
    choices = [(c.text, c.votes_count) for c in poll.choices.order_by("order")]
    return choices, Vote.objects.filter(poll=poll).count()


def test_an_editor_cannot_rewrite_a_live_polls_choices(
    editor_client, approver, voted_poll
):
    """The crafted POST of the issue: relabel, delete a voted choice, add one."""
    before = state(voted_poll)
    fields = approver_form(approver, voted_poll)
    fields.update(
        {
            "choices-0-text": "Rất không hài lòng",
            "choices-4-DELETE": "on",
            "choices-TOTAL_FORMS": "6",
            "choices-5-text": "Phương án mới",
            "choices-5-order": "6",
            "choices-5-poll": str(voted_poll.pk),
            "_save": "Lưu",
        }
    )
    response = editor_client.post(change_url(voted_poll), fields)
    assert response.status_code in {200, 302}
    assert state(voted_poll) == before
    history = voted_poll.history.values_list("history_change_reason", flat=True)
    assert not any("phương án" in (reason or "") for reason in history)


def test_an_editor_sees_the_choices_without_fields_and_is_told_why(
    editor_client, voted_poll
):
    page = editor_client.get(change_url(voted_poll)).content.decode()
    assert 'name="choices-0-text"' not in page
    assert "Rất hài lòng" in page
    assert "Chỉ người duyệt bài được thay đổi các mục bên dưới" in page


def test_a_draft_poll_with_votes_keeps_its_labels_from_editors(
    editor_client, approver, voted_poll
):
    Poll.objects.filter(pk=voted_poll.pk).update(status=Poll.Status.DRAFT)
    before = state(voted_poll)
    fields = approver_form(approver, voted_poll)
    fields.update({"choices-0-text": "Nhãn khác", "_save": "Lưu"})
    editor_client.post(change_url(voted_poll), fields)
    assert state(voted_poll) == before


def test_an_approver_relabels_and_the_history_says_so(approver_client, voted_poll):
    fields = read_form(
        approver_client.get(change_url(voted_poll)).content.decode(), "poll_form"
    )
    fields.update({"choices-1-text": "Khá hài lòng", "_save": "Lưu"})
    response = approver_client.post(change_url(voted_poll), fields)
    assert response.status_code == 302
    assert voted_poll.choices.filter(text="Khá hài lòng").exists()
    reason = voted_poll.history.first().history_change_reason
    assert "phương án “Khá hài lòng”: phương án “Hài lòng” → “Khá hài lòng”" in reason
    history = approver_client.get(f"/admin/polls/poll/{voted_poll.pk}/history/")
    assert "“Hài lòng” → “Khá hài lòng”" in history.content.decode()


def test_nobody_deletes_a_choice_that_has_votes(approver_client, voted_poll):
    before = state(voted_poll)
    fields = read_form(
        approver_client.get(change_url(voted_poll)).content.decode(), "poll_form"
    )
    fields.update({"choices-0-DELETE": "on", "_save": "Lưu"})
    response = approver_client.post(change_url(voted_poll), fields)
    assert response.status_code == 200
    assert "Phương án “Rất hài lòng” đã có 3 phiếu nên không xóa được" in (
        response.content.decode()
    )
    assert state(voted_poll) == before
    with pytest.raises(ProtectedError):
        voted_poll.choices.get(text="Rất hài lòng").delete()


def test_an_approver_deletes_a_choice_without_votes_on_the_record(
    approver_client, voted_poll
):
    fields = read_form(
        approver_client.get(change_url(voted_poll)).content.decode(), "poll_form"
    )
    fields.update({"choices-2-DELETE": "on", "_save": "Lưu"})
    assert approver_client.post(change_url(voted_poll), fields).status_code == 302
    assert not voted_poll.choices.filter(text="Bình thường").exists()
    assert "xóa phương án “Bình thường”" in (
        voted_poll.history.first().history_change_reason
    )


@every_publishable_admin
def test_every_publishable_admin_locks_its_parts_for_editors(model_admin, editor):
    """Whatever inlines an admin has, or gets later, follow the one rule."""
    request = RequestFactory().get("/")
    request.user = editor
    live = model_admin.model(status="published")
    draft = model_admin.model(status="draft")
    for inline in model_admin.get_inline_instances(request, live):
        assert not inline.has_add_permission(request, live)
        assert not inline.has_change_permission(request, live)
        assert not inline.has_delete_permission(request, live)
    for inline in model_admin.get_inline_instances(request, draft):
        assert inline.has_change_permission(request, draft)


@every_publishable_admin
def test_every_publishable_admin_locks_its_links_for_editors(model_admin, editor):
    """Links to other items show at once: on a live item, for approvers only."""
    request = RequestFactory().get("/")
    request.user = editor
    links = {field.name for field in model_admin.model._meta.many_to_many}
    live = model_admin.model(pk=1, status="published")
    draft = model_admin.model(pk=1, status="draft")
    assert links <= set(model_admin.get_readonly_fields(request, live))
    assert not links & set(model_admin.get_readonly_fields(request, draft))
