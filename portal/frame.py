"""What every public page shows around its content, read in one statement.

The navigation lists the categories; the side column shows the weather, the
current poll and the most-read articles. They were four short SELECTs on every
page; sent as one (a UNION ALL, prepared on PostgreSQL like the others, see
portal/rawsql.py) they cost one round trip instead of four. Each part keeps its
own ORDER BY as a row number, and its rules of what readers may see are checked
against the ORM's querysets by news/tests/test_fixed_queries.py.
"""

import functools
from dataclasses import dataclass

from django.utils import timezone

from .links import link
from .publishing import Status
from .rawsql import Select, fields, literal

MOST_READ = 5

# The parts of the statement, numbered in its first column.
CATEGORIES, WEATHER, POLL, MOST_READ_PART = 1, 2, 3, 4


@dataclass
class Frame:
    categories: list  # Category objects holding id, name and slug
    weather: list  # (place, temperature, humidity, weather code, wind, observed)
    poll: object  # the current Poll (id, question, slug), or None
    choices: list  # its Choice objects (id, text)
    most_read: list  # (title, url)


@functools.cache
def _select():
    """Return the one SELECT, made once.

    Every part fills the same columns: part, position, two ids, three texts,
    two decimals, two small integers and a time; what a part leaves empty is
    NULL, typed in the first part as PostgreSQL needs.
    """
    from news.models import Category
    from polls.models import Choice
    from portal.models import WeatherReading

    published = literal(Status.PUBLISHED)
    sql = (
        # The categories, in menu order.
        'SELECT 1, row_number() OVER (ORDER BY "order", "name"), "id", '  # noqa: S608 (constants only)
        'CAST(NULL AS bigint), "name", "slug", CAST(NULL AS varchar), '
        "CAST(NULL AS numeric), CAST(NULL AS numeric), CAST(NULL AS integer), "
        'CAST(NULL AS integer), CAST(NULL AS timestamptz) FROM "news_category" '
        # Every place with its latest reading, if any.
        'UNION ALL SELECT 2, row_number() OVER (ORDER BY p."order", p."id"), '
        'NULL, NULL, p."name", NULL, NULL, r."temperature", r."wind_speed", '
        'r."humidity", r."weather_code", r."observed_at" FROM "portal_place" p '
        'LEFT JOIN "portal_weatherreading" r ON r."place_id" = p."id" '
        # The choices of the latest poll that is published, due, active and open.
        'UNION ALL SELECT 3, row_number() OVER (ORDER BY c."order", c."id"), '
        'p."id", c."id", p."question", p."slug", c."text", NULL, NULL, NULL, '
        'NULL, NULL FROM "polls_choice" c '
        'INNER JOIN "polls_poll" p ON p."id" = c."poll_id" '
        'WHERE c."poll_id" = (SELECT "id" FROM "polls_poll" '
        f'WHERE "status" = {published} AND "published_at" <= %s AND "active" '
        'AND "opens_at" <= %s AND ("closes_at" IS NULL OR "closes_at" > %s) '
        'ORDER BY "opens_at" DESC, "id" DESC LIMIT 1) '
        # The most-read published articles.
        "UNION ALL SELECT 4, row_number() OVER (ORDER BY m.views DESC, "
        "m.published DESC, m.id DESC), NULL, NULL, m.title, m.slug, m.category, "
        "NULL, NULL, NULL, NULL, NULL FROM ("
        'SELECT a."id" AS id, a."title" AS title, a."slug" AS slug, '
        'c."slug" AS category, a."view_count" AS views, '
        'a."published_at" AS published FROM "news_article" a '
        'INNER JOIN "news_category" c ON c."id" = a."category_id" '
        f'WHERE a."status" = {published} AND a."published_at" <= %s '
        'ORDER BY a."view_count" DESC, a."published_at" DESC, a."id" DESC '
        f"LIMIT {MOST_READ}) m "
        "ORDER BY 1, 2"
    )
    # The fields whose converters turn each column into Python; the part and
    # the position are plain integers. Names, titles and texts are all text.
    columns = [
        None,
        None,
        *fields(Category, "id"),
        *fields(Choice, "id"),
        *fields(Category, "name", "slug"),
        *fields(Choice, "text"),
        *fields(WeatherReading, "temperature", "wind_speed"),
        *fields(WeatherReading, "humidity", "weather_code", "observed_at"),
    ]
    return Select(sql, columns)


def _read():
    from news.models import Category
    from polls.models import Choice, Poll

    now = timezone.now()
    frame = Frame([], [], None, [], [])
    for row in _select().rows(now, now, now, now):
        part, _, id1, id2, text1, text2, text3, decimal1, decimal2, int1, int2, time = (
            row
        )
        if part == CATEGORIES:
            category = Category.from_db(
                None, ["id", "name", "slug"], (id1, text1, text2)
            )
            frame.categories.append(category)
        elif part == WEATHER:
            frame.weather.append((text1, decimal1, int1, int2, decimal2, time))
        elif part == POLL:
            if frame.poll is None:
                frame.poll = Poll.from_db(
                    None, ["id", "question", "slug"], (id1, text1, text2)
                )
            frame.choices.append(Choice.from_db(None, ["id", "text"], (id2, text3)))
        elif part == MOST_READ_PART:
            url = link("news:article", category=text3, slug=text2)
            frame.most_read.append((text1, url))
    return frame


def frame(request=None):
    """Return what every page shows around its content, read once a request."""
    found = getattr(request, "portal_frame", None)
    if found is None:
        found = _read()
        if request is not None:
            request.portal_frame = found
    return found
