from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from portal.links import link
from portal.publishing import Status
from portal.rawsql import Select, fields

from .. import cards, lists
from ..models import Article, Category

register = template.Library()


# The side column and navigation are on every page: they are built here in one
# call each rather than by templates of a hundred nodes (see news/cards.py).
CURRENT = format_html(' aria-current="{}"', "page")
CATEGORIES = Select(
    'SELECT "id", "name", "slug" FROM "news_category" ORDER BY "order", "name"',
    fields(Category, "id", "name", "slug"),
)
MOST_READ = Select(
    'SELECT a."title", a."slug", c."slug" FROM "news_article" a '
    'INNER JOIN "news_category" c ON c."id" = a."category_id" '
    'WHERE a."status" = %s AND a."published_at" <= %s '
    'ORDER BY a."view_count" DESC, a."published_at" DESC, a."id" DESC LIMIT %s',
    fields(Article, "title", "slug") + fields(Category, "slug"),
)


def categories(request):
    """Return the categories in menu order (id, name, slug), read once a request."""
    found = getattr(request, "news_categories", None)
    if found is None:
        names = ["id", "name", "slug"]
        found = [Category.from_db(None, names, row) for row in CATEGORIES.rows()]
        if request is not None:
            request.news_categories = found
    return found


@register.simple_tag
def article_card(
    article, heading="h3", wide=False, show_sapo=False, show_category=False
):
    """Render an article's card (news/cards.py)."""
    return cards.article_card(article, heading, wide, show_sapo, show_category)


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
    items = format_html_join(
        "\n    ",
        '<li><a href="{}"{}>{}</a></li>',
        ((url, CURRENT if current else "", name) for url, name, current in links),
    )
    return format_html(
        '<nav class="main-nav" aria-label="Chuyên mục">\n  <ul class="wrap">\n'
        "    {}\n  </ul>\n</nav>",
        items,
    )


@register.inclusion_tag("news/includes/featured.html")
def featured_articles(count=5):
    """Render the "Tin nổi bật" block."""
    return {"articles": lists.featured(count)}


@register.inclusion_tag("news/includes/category_blocks.html", takes_context=True)
def category_blocks(context, per_category=4):
    """Render the latest articles of every category that has any."""
    listed = categories(context.get("request"))
    latest = lists.latest_by_category(listed, per_category)
    return {"blocks": [(c, latest[c.pk]) for c in listed if c.pk in latest]}


def most_read_articles(count):
    """Return (title, url) of the most-read published articles."""
    rows = MOST_READ.rows(Status.PUBLISHED, timezone.now(), count)
    return [
        (title, link("news:article", category=category, slug=slug))
        for title, slug, category in rows
    ]


@register.simple_tag
def most_read(count=5):
    """Render the most-read published articles for the side column."""
    articles = most_read_articles(count)
    if not articles:
        return ""
    items = format_html_join(
        "", '<li><a href="{}">{}</a></li>', ((url, t) for t, url in articles)
    )
    return format_html(
        '<section class="side-box" aria-labelledby="tin-doc-nhieu">\n'
        '  <h2 id="tin-doc-nhieu" class="side-box__title">Tin đọc nhiều</h2>\n'
        '  <ol class="most-read">\n    {}\n  </ol>\n</section>',
        items,
    )
