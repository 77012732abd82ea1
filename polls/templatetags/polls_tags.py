from django import template
from django.templatetags.static import static

from portal.frame import frame
from portal.links import link
from portal.markup import html, html_join

register = template.Library()


def current_choices(request=None):
    """Return the current poll and its choices, or (None, []): portal/frame.py."""
    found = frame(request)
    return found.poll, found.choices


@register.simple_tag(takes_context=True)
def current_poll(context):
    """Render the side-column poll: the latest open poll, as a plain HTML form.

    It shows the same to every visitor (pages may come from a shared cache); the
    vote itself tells a visitor who already voted, and static/js/poll.js asks.
    """
    script = html('<script src="{}" defer></script>', static("js/poll.js"))
    request = context.get("request")
    poll, choices = current_choices(request)
    if poll is None:
        return script
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
