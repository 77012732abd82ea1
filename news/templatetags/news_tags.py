from django import template
from django.utils import timezone

from portal.links import link
from portal.publishing import Status
from portal.rawsql import Select, fields

from .. import cards, lists
from ..models import Article, Category

register = template.Library()


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


@register.inclusion_tag("news/includes/category_nav.html", takes_context=True)
def category_nav(context):
    """Render the main navigation: one link per category."""
    request = context.get("request")
    return {"categories": categories(request), "request": request}


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


@register.inclusion_tag("news/includes/most_read.html")
def most_read(count=5):
    """Render the most-read published articles for the side column."""
    rows = MOST_READ.rows(Status.PUBLISHED, timezone.now(), count)
    articles = [
        {"title": title, "url": link("news:article", category=category, slug=slug)}
        for title, slug, category in rows
    ]
    return {"articles": articles}
