"""Fixed SELECTs are prepared once per PostgreSQL session (portal/rawsql.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news import lists
from news.templatetags.news_tags import categories

pytestmark = pytest.mark.django_db


def article_by_slug(slug):
    return lists.article_page(slug)[0]


postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PREPARE is PostgreSQL's"
)
# Tests that close the connection run outside the test's own transaction.
reconnecting = pytest.mark.django_db(transaction=True)


def statements(function):
    with CaptureQueriesContext(connection) as captured:
        function()
    return [query["sql"].split(" ", 1)[0] for query in captured]


@postgresql
@reconnecting
def test_a_select_is_prepared_once_per_session_then_executed(make_article):
    article = make_article()
    connection.ensure_connection()
    connection.close()  # a fresh session has prepared nothing yet
    assert statements(lambda: article_by_slug(article.slug)) == ["PREPARE", "EXECUTE"]
    assert statements(lambda: article_by_slug(article.slug)) == ["EXECUTE"]
    assert article_by_slug(article.slug).pk == article.pk
    connection.close()  # reconnected (after a database restart, say): again
    assert statements(lambda: article_by_slug(article.slug)) == ["PREPARE", "EXECUTE"]


@postgresql
@reconnecting
def test_what_is_prepared_survives_a_rolled_back_transaction(make_article):
    from django.db import transaction

    article = make_article()
    connection.close()
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        article_by_slug(article.slug)
        1 / 0  # noqa: B018
    assert statements(lambda: article_by_slug(article.slug)) == ["EXECUTE"]


@postgresql
@reconnecting
def test_prepared_statements_can_be_turned_off(settings, make_article):
    settings.DATABASE_PREPARED_STATEMENTS = False
    article = make_article()
    connection.close()
    assert statements(lambda: article_by_slug(article.slug)) == ["SELECT"]
    assert [c.name for c in categories(None)] == [article.category.name]


def test_the_same_rows_whether_prepared_or_not(settings, make_article):
    article = make_article()
    prepared = [c.slug for c in categories(None)], article_by_slug(article.slug).pk
    settings.DATABASE_PREPARED_STATEMENTS = False
    assert ([c.slug for c in categories(None)], article_by_slug(article.slug).pk) == (
        prepared
    )


@postgresql
@reconnecting
def test_a_statement_the_server_lost_is_prepared_again(make_article):
    article = make_article()
    article_by_slug(article.slug)
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")  # as DISCARD ALL or a pooler would
    assert statements(lambda: article_by_slug(article.slug)) == [
        "EXECUTE",
        "PREPARE",
        "EXECUTE",
    ]
    assert article_by_slug(article.slug).pk == article.pk


@postgresql
@reconnecting
def test_a_column_type_changed_by_a_migration_is_prepared_again():
    from portal.rawsql import Select

    with connection.cursor() as cursor:
        cursor.execute('CREATE TEMPORARY TABLE "hm_numbers" ("n" integer)')
        cursor.execute('INSERT INTO "hm_numbers" VALUES (7)')
    select = Select('SELECT "n" FROM "hm_numbers" WHERE "n" > %s', [None])
    assert select.rows(1) == [(7,)]
    with connection.cursor() as cursor:
        cursor.execute('ALTER TABLE "hm_numbers" ALTER "n" TYPE numeric(5, 1)')
    assert [str(n) for (n,) in select.rows(1)] == ["7.0"]
