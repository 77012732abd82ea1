from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.crypto import salted_hmac

from campaigns.models import Campaign
from publishing import params
from publishing.addresses import client_address, network
from publishing.methods import safe
from publishing.workflow import apply_pending

from .models import Article, ArticleOldSlug, Category, CategoryOldSlug


@safe
@params.reads("page")
def article_list(request):
    """List every published article, newest first."""
    page_obj = params.page(request, Article.objects.listed(), settings.NEWS_PAGE_SIZE)
    return render(request, "news/article_list.html", {"page_obj": page_obj})


@safe
@params.reads("page")
def category_detail(request, slug):
    """List a category's published articles; an old slug redirects."""
    category = Category.objects.filter(slug=slug).first()
    if category is None:
        old = get_object_or_404(
            CategoryOldSlug.objects.select_related("category"), slug=slug
        )
        return redirect(old.category, permanent=True)
    page_obj = params.page(
        request,
        Article.objects.listed().filter(category=category),
        settings.NEWS_PAGE_SIZE,
    )
    return render(
        request,
        "news/category_detail.html",
        {"category": category, "page_obj": page_obj},
    )


@safe
def article_detail(request, category, slug):
    """Show a published article; old slugs and categories redirect to its URL."""
    published = Article.objects.published().select_related("category")
    article = published.defer("search_text").filter(slug=slug).first()
    if article is None:
        old = get_object_or_404(
            ArticleOldSlug.objects.select_related("article__category"),
            slug=slug,
            article__in=Article.objects.published(),
        )
        return redirect(old.article, permanent=True)
    if article.category.slug != category:
        return redirect(article, permanent=True)
    return render(
        request,
        "news/article_detail.html",
        {
            "article": article,
            "category": article.category,
            "cover": article.cover_full,
            "reports": article.reports.listed(),
            "campaign": _campaign_of(article),
        },
    )


@safe
def article_preview(request, pk):
    """Show staff an article as readers will see it, whatever its status."""
    if not (request.user.is_staff and request.user.has_perm("news.view_article")):
        raise Http404("Không tìm thấy trang.")
    article = get_object_or_404(Article.objects.select_related("category"), pk=pk)
    apply_pending(article)
    response = render(
        request,
        "news/article_detail.html",
        {
            "article": article,
            "category": article.category,
            "cover": article.cover_full,
            "reports": article.reports.listed(),
            "campaign": _campaign_of(article),
            "preview": True,
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def _campaign_of(article):
    """Return the campaign article belongs to, if readers may see it."""
    if article.campaign_id is None:
        return None
    return Campaign.objects.active().filter(pk=article.campaign_id).first()


# A transparent 1×1 GIF.
PIXEL = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04"
    b"\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@safe
def article_view(request, pk):
    """Count a reading of an article, once per reader and VIEW_COUNT_SECONDS.

    The page itself may come from the cache; this pixel never does. A reader is
    a network (publishing.addresses.network: the IPv4 address or the IPv6 /64,
    as the poll's limit counts them), whatever its browser says of itself: a
    User-Agent costs nothing to change. The key is kept in the cache only as a
    keyed hash. When the cache cannot answer, the reading is not counted: a
    view count that misses a few is better than one anybody can inflate.
    """
    reader = network(client_address(request))
    visitor = salted_hmac("news.article_view", f"{pk}|{reader}").hexdigest()
    if cache.add(f"article-view:{visitor}", 1, settings.VIEW_COUNT_SECONDS):
        # One UPDATE, counted by the database: safe in parallel.
        Article.objects.published().filter(pk=pk).update(view_count=F("view_count") + 1)
    response = HttpResponse(PIXEL, content_type="image/gif")
    response["Cache-Control"] = "no-store"
    return response
