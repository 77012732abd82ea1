from django import template
from django.utils import timezone

from portal.publishing import Status
from portal.rawsql import Select, fields

from ..models import Choice, Poll

register = template.Library()

# PollQuerySet.current() as one fixed SELECT: the choices of the latest poll that
# is published, due, active and open (tests check that the two agree).
CURRENT_CHOICES = Select(
    'SELECT p."id", p."question", p."slug", c."id", c."text" '
    'FROM "polls_choice" c INNER JOIN "polls_poll" p ON p."id" = c."poll_id" '
    'WHERE c."poll_id" = ('
    ' SELECT "id" FROM "polls_poll" WHERE "status" = %s AND "published_at" <= %s'
    ' AND "active" = %s AND "opens_at" <= %s'
    ' AND ("closes_at" IS NULL OR "closes_at" > %s)'
    ' ORDER BY "opens_at" DESC, "id" DESC LIMIT 1'
    ') ORDER BY c."order", c."id"',
    fields(Poll, "id", "question", "slug") + fields(Choice, "id", "text"),
)


def current_choices():
    """Return the current poll and its choices, or (None, [])."""
    now = timezone.now()
    rows = CURRENT_CHOICES.rows(Status.PUBLISHED, now, True, now, now)
    if not rows:
        return None, []
    # from_db takes values in the order of the model's fields.
    poll = Poll.from_db(None, ["id", "question", "slug"], rows[0][:3])
    choices = [Choice.from_db(None, ["id", "text"], row[3:]) for row in rows]
    return poll, choices


@register.inclusion_tag("polls/includes/poll_widget.html", takes_context=True)
def current_poll(context):
    """Render the side-column poll: the latest open poll, as a plain HTML form.

    It shows the same to every visitor (pages may come from a shared cache); the
    vote itself tells a visitor who already voted.
    """
    request = context.get("request")
    poll, choices = current_choices()
    return {
        "poll": poll,
        "choices": choices,
        "next": request.get_full_path() if request else "/",
    }
