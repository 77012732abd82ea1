"""On PostgreSQL, an index in the order search shows each group: newest first.

search.index orders by published_at DESC NULLS LAST, id DESC (campaigns, with no
date, after the rest). search_public_date_idx (published_at DESC, which is NULLS
FIRST on PostgreSQL) never served that order, so the first page of a phrase found
in thousands of entries meant fetching and sorting all of them. With this index
PostgreSQL walks the entries newest first and stops at the page. SQLite rejects
NULLS LAST in an index (its DESC already puts NULL last) and used neither index,
so it gets none: the old one is dropped on both.
"""

from django.db import migrations, models


def newest_index():
    return models.Index(
        models.F("published_at").desc(nulls_last=True),
        models.F("id").desc(),
        condition=models.Q(public=True),
        name="search_public_newest_idx",
    )


def on_postgresql(method):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            model = apps.get_model("search", "SearchEntry")
            getattr(schema_editor, method)(model, newest_index())

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0002_keys_read_numbers_and_eth")]

    operations = [
        migrations.RemoveIndex(model_name="searchentry", name="search_public_date_idx"),
        migrations.RunPython(on_postgresql("add_index"), on_postgresql("remove_index")),
    ]
