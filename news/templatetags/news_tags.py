from django import template

from ..models import Article, Category

register = template.Library()


@register.inclusion_tag("news/includes/category_nav.html", takes_context=True)
def category_nav(context):
    """Render the main navigation: one link per category."""
    return {
        "categories": Category.objects.only("name", "slug"),
        "request": context.get("request"),
    }


@register.inclusion_tag("news/includes/featured.html")
def featured_articles(count=5):
    """Render the "Tin nổi bật" block."""
    articles = Article.objects.listed().filter(is_featured=True)[:count]
    return {"articles": articles}


@register.inclusion_tag("news/includes/category_blocks.html")
def category_blocks(per_category=4):
    """Render the latest articles of every category.

    One short indexed query per category: a single window query over all
    articles would have to rank every published row.
    """
    blocks = []
    for category in Category.objects.all():
        latest = Article.objects.listed().filter(category=category)[:per_category]
        if latest := list(latest):
            blocks.append((category, latest))
    return {"blocks": blocks}


@register.inclusion_tag("news/includes/most_read.html")
def most_read(count=5):
    """Render the most-read published articles for the side column."""
    articles = Article.objects.listed().order_by("-view_count", "-published_at")[:count]
    return {"articles": articles}
