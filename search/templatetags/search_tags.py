from django import template

from publishing import params
from publishing.text import nfc

register = template.Library()


@register.simple_tag(takes_context=True)
def search_words(context):
    """Return the words searched for on this page (q), for the search box."""
    request = context.get("request")
    return nfc(params.get(request, "q"))[:200] if request else ""
