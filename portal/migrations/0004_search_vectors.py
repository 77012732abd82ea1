"""PostgreSQL full-text search over the folded words of SearchEntry.

Generated tsvector columns (title weighted A, body B) with GIN indexes; the
'simple' configuration, since the words are already folded Vietnamese. SQLite
gets nothing here: it matches the padded words with LIKE.
"""

from django.db import migrations

CREATE = [
    """
    ALTER TABLE portal_searchentry
    ADD COLUMN title_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('simple', title_key)) STORED,
    ADD COLUMN document_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', title_key), 'A')
            || setweight(to_tsvector('simple', body_key), 'B')
        ) STORED
    """,
    "CREATE INDEX search_document_gin ON portal_searchentry USING gin (document_vector)",
    "CREATE INDEX search_title_gin ON portal_searchentry USING gin (title_vector)",
]
DROP = [
    "DROP INDEX IF EXISTS search_title_gin",
    "DROP INDEX IF EXISTS search_document_gin",
    "ALTER TABLE portal_searchentry DROP COLUMN IF EXISTS document_vector, "
    "DROP COLUMN IF EXISTS title_vector",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_search_entry")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
