"""Article cards, built in Python.

A card appears up to thirty times on a page. Django's template engine spends
about ten microseconds on every node, and a card has fifteen of them, so the
card is built here in one call instead, escaped by format_html like a template.
"""

from django.utils import timezone
from django.utils.text import Truncator

from portal.markup import html
from portal.templatetags.portal_tags import VN_DATETIME

HEADINGS = {"h2", "h3"}


def article_card(
    article, heading="h3", wide=False, show_sapo=False, show_category=False
):
    """Return the HTML of one article's card."""
    if heading not in HEADINGS:
        raise ValueError(f"a card's heading is h2 or h3, not {heading!r}")
    url = article.get_absolute_url()
    card = article.cover_card
    media = (
        html(
            '<a class="card__media" href="{}" tabindex="-1" aria-hidden="true">'
            '<img src="{}" alt="{}" width="{}" height="{}" loading="lazy" '
            'decoding="async"></a>',
            url,
            card["url"],
            article.cover_alt,
            card["width"],
            card["height"],
        )
        if card
        else ""
    )
    published = timezone.localtime(article.published_at)
    meta = html(
        '<time datetime="{}">{}</time>{}',
        published.isoformat(),
        published.strftime(VN_DATETIME),
        html(" · {}", article.category.name) if show_category else "",
    )
    sapo = (
        html(
            '<p class="card__sapo">{}</p>',
            Truncator(article.sapo).words(40, truncate=" …"),
        )
        if show_sapo
        else ""
    )
    return html(
        '<article class="card{}">\n  {}\n  <div class="card__body">\n'
        '    <{} class="card__title"><a href="{}">{}</a></{}>\n'
        '    <p class="meta">{}</p>\n    {}\n  </div>\n</article>',
        " card--wide" if wide else "",
        media,
        heading,
        url,
        article.title,
        heading,
        meta,
        sapo,
    )
