from django import template
from django.templatetags.static import static
from django.utils import timezone

from portal.links import link
from portal.markup import html, html_join
from portal.publishing import Status
from portal.rawsql import Select, fields, literal

from ..models import Choice, Poll

register = template.Library()

# PollQuerySet.current() as one fixed SELECT: the choices of the latest poll that
# is published, due, active and open (tests check that the two agree).
CURRENT_CHOICES = Select(
    'SELECT p."id", p."question", p."slug", c."id", c."text" '  # noqa: S608 (constants only)
    'FROM "polls_choice" c INNER JOIN "polls_poll" p ON p."id" = c."poll_id" '
    'WHERE c."poll_id" = ('
    f' SELECT "id" FROM "polls_poll" WHERE "status" = {literal(Status.PUBLISHED)}'
    ' AND "published_at" <= %s AND "active" AND "opens_at" <= %s'
    ' AND ("closes_at" IS NULL OR "closes_at" > %s)'
    ' ORDER BY "opens_at" DESC, "id" DESC LIMIT 1'
    ') ORDER BY c."order", c."id"',
    fields(Poll, "id", "question", "slug") + fields(Choice, "id", "text"),
)


def current_choices():
    """Return the current poll and its choices, or (None, [])."""
    now = timezone.now()
    rows = CURRENT_CHOICES.rows(now, now, now)
    if not rows:
        return None, []
    # from_db takes values in the order of the model's fields.
    poll = Poll.from_db(None, ["id", "question", "slug"], rows[0][:3])
    choices = [Choice.from_db(None, ["id", "text"], row[3:]) for row in rows]
    return poll, choices


@register.simple_tag(takes_context=True)
def current_poll(context):
    """Render the side-column poll: the latest open poll, as a plain HTML form.

    It shows the same to every visitor (pages may come from a shared cache); the
    vote itself tells a visitor who already voted, and static/js/poll.js asks.
    """
    script = html('<script src="{}" defer></script>', static("js/poll.js"))
    poll, choices = current_choices()
    if poll is None:
        return script
    request = context.get("request")
    results = poll.get_absolute_url()
    options = html_join(
        "",
        '<label class="poll-choice"><input type="radio" name="choice" value="{}" '
        "required> {}</label>",
        ((choice.pk, choice.text) for choice in choices),
    )
    return html(
        '<section class="side-box poll-widget" aria-labelledby="binh-chon" '
        'data-state-url="{}">\n'
        '  <h2 id="binh-chon" class="side-box__title">Bình chọn</h2>\n'
        '  <p class="poll-voted" hidden>Bạn đã bình chọn cho câu hỏi này. Cảm ơn bạn! '
        '<a href="{}">Xem kết quả</a></p>\n'
        '  <form method="post" action="{}">\n    <fieldset>\n'
        "      <legend>{}</legend>\n      {}\n    </fieldset>\n"
        '    <input type="hidden" name="next" value="{}">\n'
        '    <p class="poll-actions"><button type="submit">Bình chọn</button> '
        '<a href="{}">Xem kết quả</a></p>\n  </form>\n</section>\n{}',
        link("polls:state", poll.slug),
        results,
        link("polls:vote", poll.slug),
        poll.question,
        options,
        request.get_full_path() if request else "/",
        results,
        script,
    )
