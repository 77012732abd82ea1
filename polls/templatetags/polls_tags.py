from django import template

from ..models import Poll

register = template.Library()


@register.inclusion_tag("polls/includes/poll_widget.html", takes_context=True)
def current_poll(context):
    """Render the side-column poll: the latest open poll, as a plain HTML form.

    It shows the same to every visitor (pages may come from a shared cache); the
    vote itself tells a visitor who already voted.
    """
    request = context.get("request")
    poll = Poll.objects.current().prefetch_related("choices").first()
    return {"poll": poll, "next": request.get_full_path() if request else "/"}
