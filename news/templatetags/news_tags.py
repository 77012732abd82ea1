from django import template
from django.utils.safestring import SafeString

from portal.frame import frame
from portal.links import link
from portal.markup import html, html_join

from .. import cards

register = template.Library()


# The side column and navigation are on every page: they are built here in one
# call each rather than by templates of a hundred nodes (see news/cards.py).
CURRENT = html(' aria-current="{}"', "page")


def categories(request):
    """Return the categories in menu order (id, name, slug), read once a request."""
    return frame(request).categories


@register.simple_tag
def article_cards(articles, heading="h3", show_sapo=False, show_category=False):
    """Render every article's card (news/cards.py), one after the other."""
    return SafeString(
        "".join(
            cards.article_card(article, heading, False, show_sapo, show_category)
            for article in articles
        )
    )


@register.simple_tag(takes_context=True)
def category_nav(context):
    """Render the main navigation: one link per category, the current one marked."""
    request = context.get("request")
    path = request.path if request else ""
    links = [(link("home"), "Trang chủ", path == "/")]
    for category in categories(request):
        url = category.get_absolute_url()
        links.append((url, category.name, path == url))
    links += [
        (link("campaigns:list"), "Chiến dịch", path.startswith("/chien-dich")),
        (link("campaigns:documents"), "Văn bản", path.startswith("/van-ban")),
        (link("page", "gioi-thieu"), "Giới thiệu", False),
    ]
    items = html_join(
        "\n    ",
        '<li><a href="{}"{}>{}</a></li>',
        ((url, CURRENT if current else "", name) for url, name, current in links),
    )
    return html(
        '<nav class="main-nav" aria-label="Chuyên mục">\n  <ul class="wrap">\n'
        "    {}\n  </ul>\n</nav>",
        items,
    )


@register.simple_tag
def featured_articles(articles):
    """Render the "Tin nổi bật" block: the first card wide, with its sapo."""
    if not articles:
        return ""
    first = cards.article_card(
        articles[0], wide=True, show_sapo=True, show_category=True
    )
    rest = [cards.article_card(a, show_category=True) for a in articles[1:]]
    return html(
        '<section class="featured" aria-labelledby="tin-noi-bat">\n'
        '  <h2 id="tin-noi-bat" class="section-title">Tin nổi bật</h2>\n'
        '  <div class="featured__grid">\n    {}\n  </div>\n</section>',
        SafeString("".join([first, *rest])),
    )


@register.simple_tag(takes_context=True)
def category_blocks(context, latest):
    """Render the latest articles of every category that has any, in menu order.

    latest is {category id: articles}, as lists.home_lists() returns it.
    """
    listed = categories(context.get("request"))
    return html_join(
        "\n",
        '<section class="category-block" aria-labelledby="cm-{0}">\n'
        '  <h2 id="cm-{0}" class="section-title"><a href="{1}">{2}</a></h2>\n'
        '  <div class="card-grid">\n    {3}\n  </div>\n'
        '  <p class="more"><a href="{1}">Xem thêm tin {2} ›</a></p>\n</section>',
        (
            (
                category.slug,
                category.get_absolute_url(),
                category.name,
                SafeString("".join(cards.article_card(a) for a in latest[category.pk])),
            )
            for category in listed
            if category.pk in latest
        ),
    )


def most_read_articles(request=None):
    """Return (title, url) of the most-read published articles."""
    return frame(request).most_read


@register.simple_tag(takes_context=True)
def most_read(context):
    """Render the most-read published articles for the side column."""
    articles = most_read_articles(context.get("request"))
    if not articles:
        return ""
    items = html_join(
        "", '<li><a href="{}">{}</a></li>', ((url, t) for t, url in articles)
    )
    return html(
        '<section class="side-box" aria-labelledby="tin-doc-nhieu">\n'
        '  <h2 id="tin-doc-nhieu" class="side-box__title">Tin đọc nhiều</h2>\n'
        '  <ol class="most-read">\n    {}\n  </ol>\n</section>',
        items,
    )
