"""Every URL pattern of the portal outside the admin, with a URL of the demo content.

Tests that must reach every view (hostile query strings, HTTP methods) walk the
URLconf itself, so a view added later is checked without anyone listing it; a
pattern with arguments needs an example in demo_kwargs(), and the tests say so.
"""

import io

from django.conf import settings
from django.core.management import call_command
from django.urls import URLResolver, get_resolver, reverse

from campaigns.models import Campaign, Document, Report
from news.models import Article
from pages.models import Page
from polls.models import Poll
from portal.sitemaps import SITEMAPS


def patterns(resolver=None, prefix="", namespace=""):
    """Yield (name, route, converters) of every URL pattern outside the admin.

    name is the pattern's namespaced name, or None when it has none.
    """
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route == settings.ADMIN_PATH:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from patterns(entry, route, inner)
        else:
            name = f"{namespace}{entry.name}" if entry.name else None
            yield name, route, dict(entry.pattern.converters)


def demo_kwargs():
    """Return {pattern name: URL arguments} taken from the demo content."""
    article = Article.objects.published().order_by("-published_at").first()
    report = Report.objects.published().select_related("campaign").first()
    campaign = Campaign.objects.active().first()
    poll = Poll.objects.published().first()
    return {
        "news:article": {"category": article.category.slug, "slug": article.slug},
        "news:article_view": {"pk": article.pk},
        "news:category": {"slug": article.category.slug},
        "news:category_feed": {"slug": article.category.slug},
        "campaigns:detail": {"slug": campaign.slug},
        "campaigns:report": {"campaign": report.campaign.slug, "slug": report.slug},
        "campaigns:report_data": {
            "campaign": report.campaign.slug,
            "slug": report.slug,
            "fmt": "csv",
        },
        "campaigns:document": {"slug": Document.objects.published().first().slug},
        "polls:detail": {"slug": poll.slug},
        "polls:vote": {"slug": poll.slug},
        "polls:state": {"slug": poll.slug},
        "page": {"slug": Page.objects.first().slug},
        "sitemap_section": {"section": next(iter(SITEMAPS))},
        "article_preview": {"pk": article.pk},
        "report_preview": {"pk": report.pk},
        "media": {"path": article.cover.name},
    }


def demo_urls():
    """Return {pattern name or route: URL} for every pattern outside the admin.

    Call it with the demo content loaded (seed_demo).
    """
    examples = demo_kwargs()
    urls = {}
    for name, route, converters in patterns():
        if name is None:
            assert not converters, f"{route}: name this pattern to reverse it"
            urls[route] = f"/{route}"
            continue
        assert name in examples or not converters, (
            f"{route}: add an example of its arguments to demo_kwargs() in "
            "portal/tests/urlconf.py"
        )
        urls[name] = reverse(name, kwargs=examples.get(name))
    return urls


def demo_pages():
    """Load the demo and return {kind: URL} of every kind of page readers open."""
    call_command("seed_demo", stdout=io.StringIO())
    article = Article.objects.published().order_by("-published_at").first()
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "category": article.category.get_absolute_url(),
        "news": "/tin-tuc/",
        "campaign": Campaign.objects.active().first().get_absolute_url(),
        "report": Report.objects.published().first().get_absolute_url(),
        "documents": "/van-ban/",
        "search": "/tim-kiem/?q=hoang+mai",
        "about": "/trang/gioi-thieu/",
        "poll": Poll.objects.published().first().get_absolute_url(),
        "sitemap": "/sitemap.xml",
        "feed": "/tin-tuc/rss/",
        "robots.txt": "/robots.txt",
    }
