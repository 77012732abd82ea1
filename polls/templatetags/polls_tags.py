from django import template

from ..models import Poll

register = template.Library()


@register.inclusion_tag("polls/includes/current_poll.html")
def current_poll():
    """Render the side-column poll: the latest open poll, as a plain HTML form.

    It shows the same to every visitor (pages may come from a shared cache); the
    vote itself tells a visitor who already voted, and static/js/poll.js asks.
    After the vote the visitor comes back to the page the form was on.
    """
    poll = Poll.objects.current().first()
    return {"poll": poll, "choices": poll.choices.all() if poll else []}
