from django import template

from ..models import Article, Category

register = template.Library()

FEATURED = 5  # "Tin nổi bật"
PER_CATEGORY = 4  # the latest articles of each category on the home page
MOST_READ = 5


@register.inclusion_tag("news/includes/article_cards.html")
def article_cards(articles, heading="h3", show_sapo=False, show_category=False):
    """Render the cards of articles, one after the other."""
    return {
        "articles": articles,
        "heading": heading,
        "show_sapo": show_sapo,
        "show_category": show_category,
    }


@register.inclusion_tag("news/includes/featured.html")
def featured_articles():
    """Render "Tin nổi bật": the lead wide, with its cover, then the others."""
    articles = list(Article.objects.listed().featured()[:FEATURED])
    lead = articles.pop(0) if articles and articles[0].lead else None
    return {"lead": lead, "articles": articles}


@register.inclusion_tag("news/includes/category_blocks.html")
def category_blocks():
    """Render the latest articles of every category that has any, in menu order."""
    blocks = []
    for category in Category.objects.only("name", "slug"):
        latest = Article.objects.listed().filter(category=category)[:PER_CATEGORY]
        blocks.append((category, latest))
    return {"blocks": blocks}


@register.inclusion_tag("news/includes/most_read.html")
def most_read():
    """Render the most-read published articles for the side column."""
    articles = Article.objects.published().select_related("category")
    articles = articles.order_by("-view_count", "-published_at", "-id")
    return {"articles": articles.only("title", "slug", "category__slug")[:MOST_READ]}
