from django import template
from django.urls import reverse

from portal.page_cache import kept

from ..models import Article, Category

register = template.Library()

FEATURED = 5  # "Tin nổi bật"
PER_CATEGORY = 4  # the latest articles of each category on the home page
MOST_READ = 5


def menu_categories():
    """Return the categories in menu order, shared by every page."""
    return kept("categories", lambda: list(Category.objects.only("name", "slug")))


@register.inclusion_tag("news/includes/article_cards.html")
def article_cards(articles, heading="h3", show_sapo=False, show_category=False):
    """Render the cards of articles, one after the other."""
    return {
        "articles": articles,
        "heading": heading,
        "show_sapo": show_sapo,
        "show_category": show_category,
    }


@register.inclusion_tag("news/includes/main_nav.html", takes_context=True)
def main_nav(context):
    """Render the main navigation: one link per category, the current one marked."""
    request = context.get("request")
    path = request.path if request else ""
    links = [(reverse("home"), "Trang chủ")]
    links += [
        (category.get_absolute_url(), category.name) for category in menu_categories()
    ]
    sections = [
        (reverse("campaigns:list"), "Chiến dịch"),
        (reverse("campaigns:documents"), "Văn bản"),
    ]
    current = next((url for url, _ in links if url == path), "")
    current = current or next((url for url, _ in sections if path.startswith(url)), "")
    return {"links": links + sections, "current": current}


@register.inclusion_tag("news/includes/featured.html")
def featured_articles():
    """Render "Tin nổi bật": the latest featured articles, the first one wide."""
    return {
        "articles": list(Article.objects.listed().filter(is_featured=True)[:FEATURED])
    }


@register.inclusion_tag("news/includes/category_blocks.html")
def category_blocks():
    """Render the latest articles of every category that has any, in menu order."""
    blocks = []
    for category in menu_categories():
        latest = Article.objects.listed().filter(category=category)[:PER_CATEGORY]
        blocks.append((category, latest))
    return {"blocks": blocks}


@register.inclusion_tag("news/includes/most_read.html")
def most_read():
    """Render the most-read published articles for the side column."""
    articles = Article.objects.published().select_related("category")
    articles = articles.order_by("-view_count", "-published_at", "-id")
    return {"articles": articles.only("title", "slug", "category__slug")[:MOST_READ]}
