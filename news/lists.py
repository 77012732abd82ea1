"""What the home and article pages read, as fixed SELECTs (see portal/rawsql.py).

The home page shows the featured articles and the latest of every category; an
article page shows the article, the latest others of its category and the
campaign reports citing it. Each page reads its own content in one statement of
short indexed parts; written once as SQL, it costs a fraction of the ORM's CPU.
Tests hold every part to the querysets that define what readers may see.
Card rows become Article objects with their category, holding only the fields a
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
def _related(count):
    where = 'AND a."category_id" = %s AND a."id" <> %s'
    return Select(f"{_FROM} {where} {_newest(count)}", _FIELDS)


def _page_tables():
    """Return (model, alias, fields) of what an article page shows of an article.

    All of the article's fields but its search text (used by search alone),
    its category's and its campaign's.
    """
    from campaigns.models import Campaign

    return [
        (
            Article,
            "a",
            [f for f in Article._meta.concrete_fields if f.name != "search_text"],
        ),
        (Category, "c", list(Category._meta.concrete_fields)),
        (Campaign, "k", list(Campaign._meta.concrete_fields)),
    ]


_BY_SLUG = (
    'FROM "news_article" a '
    'INNER JOIN "news_category" c ON c."id" = a."category_id" '
    'LEFT JOIN "campaigns_campaign" k ON k."id" = a."campaign_id" '
    f'WHERE a."status" = {literal(Status.PUBLISHED)} AND a."published_at" <= %s '
    'AND a."slug" = %s'
)


def _made(tables, row):
    """Return one object per table from row's values (None for an empty join)."""
    made = []
    start = 0
    for model, _, found in tables:
        values = row[start : start + len(found)]
        names = [f.attname for f in found]
        made.append(None if values[0] is None else model.from_db(None, names, values))
        start += len(found)
    return made


RELATED = 4


@functools.cache
def _article_page():
    """Return the one SELECT of an article page's own content, made once.

    Three parts of a UNION ALL in the same columns, each numbered in its own
    order: the article by its slug, published and due; the latest other
    articles of its category (as related() reads them); the published reports
    citing it. One statement instead of three.
    """
    from campaigns.models import Report

    published_sql = literal(Status.PUBLISHED)
    tables = _page_tables()
    article_fields, category_fields, campaign_fields = (t[2] for t in tables)
    # Part 1: the article, every column.
    columns = ", ".join(
        f'{alias}."{field.column}"' for _, alias, found in tables for field in found
    )
    article = f"SELECT 1, 0, {columns} {_BY_SLUG}"  # noqa: S608 (model names only)
    # Part 2: cards of the newest others in its category; what a card does not
    # show is left NULL.
    card = set(CARD_FIELDS)
    inner = ", ".join(
        [f'a."{f.column}" AS "{f.column}"' for f in article_fields if f.attname in card]
        + [f'c."{f.column}" AS "category__{f.column}"' for f in category_fields]
    )
    outer = ", ".join(
        [f'b."{f.column}"' if f.attname in card else "NULL" for f in article_fields]
        + [f'b."category__{f.column}"' for f in category_fields]
        + ["NULL" for _ in campaign_fields]
    )
    # The article itself, inside the other two parts.
    this = (
        'FROM "news_article" WHERE "status" = '  # noqa: S608 (model names only)
        f"{published_sql} "
        'AND "published_at" <= %s AND "slug" = %s'
    )
    this_category = f'SELECT "category_id" {this}'
    this_id = f'SELECT "id" {this}'
    related_sql = (
        "SELECT 2, row_number() OVER "  # noqa: S608 (model names only)
        f'(ORDER BY b."published_at" DESC, b."id" DESC), {outer} FROM ('
        f'SELECT {inner} FROM "news_article" a '
        'INNER JOIN "news_category" c ON c."id" = a."category_id" '
        f'WHERE a."status" = {published_sql} AND a."published_at" <= %s '
        f'AND a."category_id" = ({this_category}) '
        f'AND a."slug" <> %s {_newest(RELATED)}) b'
    )
    # Part 3: the reports citing it, in the title, slug and campaign columns.
    shown = {"title": 'r."title"', "slug": 'r."slug"'}
    in_campaign = {"slug": 'k."slug"', "name": 'k."name"'}
    report_columns = ", ".join(
        [shown.get(f.name, "NULL") for f in article_fields]
        + ["NULL" for _ in category_fields]
        + [in_campaign.get(f.name, "NULL") for f in campaign_fields]
    )
    reports_sql = (
        "SELECT 3, row_number() OVER "  # noqa: S608 (model names only)
        f'(ORDER BY r."reported_on" DESC, r."id" DESC), {report_columns} '
        f'FROM "{Report._meta.db_table}" r '
        'INNER JOIN "campaigns_report_related_articles" t ON t."report_id" = r."id" '
        'INNER JOIN "campaigns_campaign" k ON k."id" = r."campaign_id" '
        f'WHERE t."article_id" = ({this_id}) '
        f'AND r."status" = {published_sql} AND r."published_at" <= %s'
    )
    return Select(
        f"{article} UNION ALL {related_sql} UNION ALL {reports_sql} ORDER BY 1, 2",
        [None, None, *article_fields, *category_fields, *campaign_fields],
    )


def article_page(slug):
    """Return (article, related, reports) of a published article's page, or None.

    The article comes with its category and campaign joined; related are cards;
    reports are dicts of title, url and campaign (name).
    """
    now = timezone.now()
    params = [now, slug, now, now, slug, slug, now, slug, now]
    tables = _page_tables()
    article = None
    related = []
    reports = []
    names = [f.attname for f in tables[0][2]]
    at = {name: names.index(name) for name in CARD_FIELDS}
    title, slug_at = names.index("title"), names.index("slug")
    width = len(names)
    campaign_at = width + len(tables[1][2])
    campaign_names = [f.name for f in tables[2][2]]
    categories = {}
    for row in _article_page().rows(*params):
        part, values = row[0], row[2:]
        if part == 1:
            article, article.category, article.campaign = _made(tables, values)
            categories[article.category.pk] = article.category
        elif part == 2:
            card = Article.from_db(
                None, CARD_FIELDS, [values[at[n]] for n in CARD_FIELDS]
            )
            card.category = categories[card.category_id]
            related.append(card)
        else:
            campaign = values[campaign_at:]
            campaign_slug = campaign[campaign_names.index("slug")]
            reports.append(
                {
                    "title": values[title],
                    "url": link(
                        "campaigns:report", campaign=campaign_slug, slug=values[slug_at]
                    ),
                    "campaign": campaign[campaign_names.index("name")],
                }
            )
    if article is None:
        return None
    return article, related, reports


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


def related(article, count=4):
    """Return the latest other articles of article's category."""
    now = timezone.now()
    rows = _related(count).rows(now, article.category_id, article.pk)
    return _articles(rows)


@functools.cache
def _latest(n, count, featured=0):
    """Return the UNION ALL of n categories' latest articles, made once per n.

    With featured, the latest featured articles come first, in the same
    statement; the first column tells which part a row is from (0: featured).
    """
    one = f'{_FROM} AND a."category_id" = %s {_newest(count)}'
    parts = [f"SELECT 1, b{i}.* FROM ({one}) b{i}" for i in range(n)]  # noqa: S608
    if featured:
        top = f'{_FROM} AND a."is_featured" {_newest(featured)}'
        parts.insert(0, f"SELECT 0, f.* FROM ({top}) f")  # noqa: S608
    return Select(" UNION ALL ".join(parts), [None, *_FIELDS])


def home_lists(categories, featured_count, count):
    """Return the home page's lists in one statement.

    The featured_count latest featured articles, and {category id: its count
    latest articles} for the categories given.
    """
    if not categories and not featured_count:
        return [], {}
    now = timezone.now()
    params = [now] if featured_count else []
    for category in categories:
        params += [now, category.pk]
    rows = _latest(len(categories), count, featured_count).rows(*params)
    featured = _articles([row[1:] for row in rows if row[0] == 0])
    found = {}
    for article in _articles([row[1:] for row in rows if row[0] == 1]):
        found.setdefault(article.category_id, []).append(article)
    for articles in found.values():
        articles.sort(key=lambda a: (a.published_at, a.pk), reverse=True)
    return featured, found
