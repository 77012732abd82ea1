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
from portal.rawsql import Select, fields, literal

from .models import Article, Category

# The fields a card uses, in the model's field order (Model.from_db needs it).
# Not the cover file itself: a card shows its rendition, and setting an image
# field on a new instance costs more than all the other fields together.
CARD_FIELDS = [
    field.attname
    for field in Article._meta.concrete_fields
    if field.name
    in {
        "id",
        "published_at",
        "cover_alt",
        "cover_renditions",
        "title",
        "slug",
        "sapo",
        "category",
    }
]
# Only names and constants from the code go into the SQL; the time and the ids
# are parameters. The status, the featured flag and the LIMIT are written in, as
# the partial indexes need on PostgreSQL (see portal/rawsql.py).
_COLUMNS = ", ".join(f'a."{name}"' for name in CARD_FIELDS)
_FROM = (
    f'SELECT {_COLUMNS}, c."id", c."name", c."slug" FROM "news_article" a '  # noqa: S608
    'INNER JOIN "news_category" c ON c."id" = a."category_id" '
    f'WHERE a."status" = {literal(Status.PUBLISHED)} AND a."published_at" <= %s'
)
_FIELDS = [Article._meta.get_field(name) for name in CARD_FIELDS] + fields(
    Category, "id", "name", "slug"
)


def _newest(count):
    return f'ORDER BY a."published_at" DESC, a."id" DESC LIMIT {int(count)}'


@functools.cache
def _featured(count):
    return Select(f'{_FROM} AND a."is_featured" {_newest(count)}', _FIELDS)


@functools.cache
def _related(count):
    where = 'AND a."category_id" = %s AND a."id" <> %s'
    return Select(f"{_FROM} {where} {_newest(count)}", _FIELDS)


@functools.cache
def _by_slug():
    """Return the SELECT of a published article by slug, with category and campaign.

    All of the article's fields but its search text (used by search alone).
    """
    from campaigns.models import Campaign

    tables = [
        (
            Article,
            "a",
            [f for f in Article._meta.concrete_fields if f.name != "search_text"],
        ),
        (Category, "c", Category._meta.concrete_fields),
        (Campaign, "k", Campaign._meta.concrete_fields),
    ]
    columns = ", ".join(
        f'{alias}."{field.column}"' for _, alias, found in tables for field in found
    )
    select = Select(
        f"SELECT {columns} "  # noqa: S608 (names from the models only)
        'FROM "news_article" a '
        'INNER JOIN "news_category" c ON c."id" = a."category_id" '
        'LEFT JOIN "campaigns_campaign" k ON k."id" = a."campaign_id" '
        f'WHERE a."status" = {literal(Status.PUBLISHED)} AND a."published_at" <= %s '
        'AND a."slug" = %s',
        [field for _, _, found in tables for field in found],
    )
    return select, [(model, [f.attname for f in found]) for model, _, found in tables]


def published(slug):
    """Return the published article with this slug, its category and campaign joined.

    Article.objects.published() as one fixed SELECT (tests check they agree);
    None if there is none.
    """
    select, tables = _by_slug()
    rows = select.rows(timezone.now(), slug)
    if not rows:
        return None
    row = rows[0]
    made = []
    start = 0
    for model, names in tables:
        values = row[start : start + len(names)]
        made.append(None if values[0] is None else model.from_db(None, names, values))
        start += len(names)
    article, article.category, article.campaign = made
    return article


def _articles(rows):
    articles = []
    categories = {}  # one object per category, shared by its articles
    width = len(CARD_FIELDS)
    for row in rows:
        article = Article.from_db(None, CARD_FIELDS, row[:width])
        category = categories.get(row[width])
        if category is None:
            category = Category.from_db(None, ["id", "name", "slug"], row[width:])
            categories[category.pk] = category
        article.category = category
        articles.append(article)
    return articles


def featured(count):
    """Return the latest featured articles."""
    rows = _featured(count).rows(timezone.now())
    return _articles(rows)


def related(article, count=4):
    """Return the latest other articles of article's category."""
    now = timezone.now()
    rows = _related(count).rows(now, article.category_id, article.pk)
    return _articles(rows)


@functools.cache
def _latest(n, count):
    """Return the UNION ALL of n categories' latest articles, made once per n."""
    one = f'{_FROM} AND a."category_id" = %s {_newest(count)}'
    parts = [f"SELECT * FROM ({one}) b{i}" for i in range(n)]  # noqa: S608
    return Select(" UNION ALL ".join(parts), _FIELDS)


def latest_by_category(categories, count):
    """Return {category id: its latest articles}, in one UNION ALL query."""
    if not categories:
        return {}
    now = timezone.now()
    params = []
    for category in categories:
        params += [now, category.pk]
    found = {}
    for article in _articles(_latest(len(categories), count).rows(*params)):
        found.setdefault(article.category_id, []).append(article)
    for articles in found.values():
        articles.sort(key=lambda a: (a.published_at, a.pk), reverse=True)
    return found


@functools.cache
def _reports_citing():
    from campaigns.models import Campaign, Report

    return Select(
        'SELECT r."title", r."slug", c."slug", c."name" FROM "campaigns_report" r '  # noqa: S608 (constants only)
        'INNER JOIN "campaigns_report_related_articles" t ON t."report_id" = r."id" '
        'INNER JOIN "campaigns_campaign" c ON c."id" = r."campaign_id" '
        f'WHERE t."article_id" = %s AND r."status" = {literal(Status.PUBLISHED)} '
        'AND r."published_at" <= %s '
        'ORDER BY r."reported_on" DESC, r."id" DESC',
        fields(Report, "title", "slug") + fields(Campaign, "slug", "name"),
    )


def reports_citing(article):
    """Return the published campaign reports that cite article: title, url, campaign."""
    rows = _reports_citing().rows(article.pk, timezone.now())
    return [
        {
            "title": title,
            "url": link("campaigns:report", campaign=campaign, slug=slug),
            "campaign": name,
        }
        for title, slug, campaign, name in rows
    ]
