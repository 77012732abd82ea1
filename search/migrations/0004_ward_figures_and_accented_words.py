"""A report's ward figures, and the words with their diacritics, in the index.

figures holds a report's line per ward ("Giáp Bát: 99,47% cử tri đã bỏ phiếu")
and figures_key its folded words; the *_accent_key columns hold the words of the
title, the text and the figures with their diacritics, lower case, for a query
typed with them. On PostgreSQL, document_vector is made again with the figures
weighted C (after the title, A, and the text, B), and accent_vector is the same
of the words with their diacritics, each with a GIN index.

The accent keys are made here from each entry's stored title and text. The
figures come from the reports' figures, read by today's models: `manage.py
rebuild_search_index` adds them (and makes every entry again), run once after
this migration.
"""

from django.db import migrations, models

BATCH = 500

CREATE = [
    "DROP INDEX IF EXISTS search_document_gin",
    "ALTER TABLE portal_searchentry DROP COLUMN document_vector",
    """
    ALTER TABLE portal_searchentry
    ADD COLUMN document_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', title_key), 'A')
            || setweight(to_tsvector('simple', body_key), 'B')
            || setweight(to_tsvector('simple', figures_key), 'C')
        ) STORED,
    ADD COLUMN accent_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', title_accent_key), 'A')
            || setweight(to_tsvector('simple', body_accent_key), 'B')
            || setweight(to_tsvector('simple', figures_accent_key), 'C')
        ) STORED
    """,
    "CREATE INDEX search_document_gin ON portal_searchentry USING gin (document_vector)",
    "CREATE INDEX search_accent_gin ON portal_searchentry USING gin (accent_vector)",
]
DROP = [
    "DROP INDEX IF EXISTS search_accent_gin",
    "DROP INDEX IF EXISTS search_document_gin",
    "ALTER TABLE portal_searchentry DROP COLUMN IF EXISTS accent_vector, "
    "DROP COLUMN IF EXISTS document_vector",
    """
    ALTER TABLE portal_searchentry
    ADD COLUMN document_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', title_key), 'A')
            || setweight(to_tsvector('simple', body_key), 'B')
        ) STORED
    """,
    "CREATE INDEX search_document_gin ON portal_searchentry USING gin (document_vector)",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


def make_accent_keys(apps, schema_editor):
    from search.index import accent_key

    SearchEntry = apps.get_model("search", "SearchEntry")
    parts = {"title": "title_accent_key", "text": "body_accent_key"}
    # By primary key in batches: SQLite must not write a table it is reading.
    pks = list(SearchEntry.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        batch = SearchEntry.objects.filter(pk__in=pks[start : start + BATCH])
        changed = list(batch.only(*parts))
        for entry in changed:
            for field, key in parts.items():
                setattr(entry, key, accent_key(getattr(entry, field)))
        SearchEntry.objects.bulk_update(changed, list(parts.values()))


class Migration(migrations.Migration):
    dependencies = [("search", "0003_search_newest_index")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="figures",
            field=models.TextField(
                blank=True, default="", verbose_name="số liệu theo phường"
            ),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="figures_key",
            field=models.TextField(default=""),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="title_accent_key",
            field=models.TextField(default=""),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="body_accent_key",
            field=models.TextField(default=""),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="figures_accent_key",
            field=models.TextField(default=""),
        ),
        # Backwards, the keys go with their columns.
        migrations.RunPython(make_accent_keys, migrations.RunPython.noop),
        migrations.RunPython(run(CREATE), run(DROP)),
    ]
