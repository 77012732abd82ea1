"""The article lists of public pages, as fixed SELECTs (see portal/rawsql.py).

The home page shows the featured articles and the latest of every category, and
an article page the latest of its category. Each list is one short indexed
query; written once as SQL, it costs a fraction of the ORM's per-query CPU.
The rows become Article objects with their category, holding only the fields a
card shows (anything else would be loaded on access: tests keep that at zero).
"""

import functools

from django.utils import timezone

from portal.links import link
from portal.publishing import Status
from portal.rawsql import Select, fields

from .models import Article, Category

# The fields a card uses, in the model's field order (Model.from_db needs it).
CARD_FIELDS = [
    field.attname
    for field in Article._meta.concrete_fields
    if field.name
    in {
        "id",
        "published_at",
        "cover",
        "cover_alt",
        "cover_renditions",
        "title",
        "slug",
        "sapo",
        "category",
    }
]
# Only names from the model go into the SQL; every value is a parameter.
_COLUMNS = ", ".join(f'a."{name}"' for name in CARD_FIELDS)
_FROM = (
    f'SELECT {_COLUMNS}, c."id", c."name", c."slug" FROM "news_article" a '  # noqa: S608
    'INNER JOIN "news_category" c ON c."id" = a."category_id" '
    'WHERE a."status" = %s AND a."published_at" <= %s'
)
_NEWEST = 'ORDER BY a."published_at" DESC, a."id" DESC LIMIT %s'
_FIELDS = [Article._meta.get_field(name) for name in CARD_FIELDS] + fields(
    Category, "id", "name", "slug"
)

FEATURED = Select(f'{_FROM} AND a."is_featured" = %s {_NEWEST}', _FIELDS)
IN_CATEGORY = f'{_FROM} AND a."category_id" = %s {_NEWEST}'
RELATED = Select(
    f'{_FROM} AND a."category_id" = %s AND a."id" <> %s {_NEWEST}', _FIELDS
)


def _articles(rows):
    articles = []
    width = len(CARD_FIELDS)
    for row in rows:
        article = Article.from_db(None, CARD_FIELDS, row[:width])
        article.category = Category.from_db(None, ["id", "name", "slug"], row[width:])
        articles.append(article)
    return articles


def featured(count):
    """Return the latest featured articles."""
    rows = FEATURED.rows(Status.PUBLISHED, timezone.now(), True, count)
    return _articles(rows)


def related(article, count=4):
    """Return the latest other articles of article's category."""
    now = timezone.now()
    rows = RELATED.rows(Status.PUBLISHED, now, article.category_id, article.pk, count)
    return _articles(rows)


@functools.cache
def _latest(n):
    """Return the UNION ALL of n categories' latest articles, made once per n."""
    parts = [f"SELECT * FROM ({IN_CATEGORY}) b{i}" for i in range(n)]  # noqa: S608
    return Select(" UNION ALL ".join(parts), _FIELDS)


def latest_by_category(categories, count):
    """Return {category id: its latest articles}, in one UNION ALL query."""
    if not categories:
        return {}
    now = timezone.now()
    params = []
    for category in categories:
        params += [Status.PUBLISHED, now, category.pk, count]
    found = {}
    for article in _articles(_latest(len(categories)).rows(*params)):
        found.setdefault(article.category_id, []).append(article)
    for articles in found.values():
        articles.sort(key=lambda a: (a.published_at, a.pk), reverse=True)
    return found


@functools.cache
def _reports_citing():
    from campaigns.models import Campaign, Report

    return Select(
        'SELECT r."title", r."slug", c."slug", c."name" FROM "campaigns_report" r '
        'INNER JOIN "campaigns_report_related_articles" t ON t."report_id" = r."id" '
        'INNER JOIN "campaigns_campaign" c ON c."id" = r."campaign_id" '
        'WHERE t."article_id" = %s AND r."status" = %s AND r."published_at" <= %s '
        'ORDER BY r."reported_on" DESC, r."id" DESC',
        fields(Report, "title", "slug") + fields(Campaign, "slug", "name"),
    )


def reports_citing(article):
    """Return the published campaign reports that cite article: title, url, campaign."""
    rows = _reports_citing().rows(article.pk, Status.PUBLISHED, timezone.now())
    return [
        {
            "title": title,
            "url": link("campaigns:report", campaign=campaign, slug=slug),
            "campaign": name,
        }
        for title, slug, campaign, name in rows
    ]
