from django import template

from ..models import Poll

register = template.Library()


@register.inclusion_tag("polls/includes/current_poll.html")
def current_poll(page_poll=None):
    """Render the side-column poll: the latest open poll, as a plain HTML form.

    It shows the same to every visitor (pages may come from a shared cache); the
    vote itself tells a visitor who already voted, and static/js/poll.js asks.
    After the vote the visitor comes back to the page the form was on. The
    poll's own page passes its poll as page_poll: the column does not repeat it.
    It links to the results only where the reader will see them.
    """
    poll = Poll.objects.current().first()
    if poll is None or poll.pk == page_poll:
        return {"poll": None}
    return {
        "poll": poll,
        "choices": poll.choices.all(),
        "results_before_vote": poll.shows_results(voted=False),
        "results_after_vote": poll.shows_results(voted=True),
    }
