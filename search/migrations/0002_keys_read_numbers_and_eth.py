"""Make the search keys again: numbers without separators, Ð read as Đ.

"292.145" used to be the two words "292 145", so that "292145" found nothing,
and Ð (U+00D0) was dropped. The keys are made again from each entry's own
stored title and text, which is what search.index.entry_fields made them from,
with today's search.index.words_key; on PostgreSQL the generated tsvector
columns follow. What readers see does not change, only what search finds.
"""

from django.db import migrations

BATCH = 500


def make_keys_again(apps, schema_editor):
    from search.index import words_key

    SearchEntry = apps.get_model("search", "SearchEntry")
    # By primary key in batches: SQLite must not write a table it is reading.
    pks = list(SearchEntry.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        batch = SearchEntry.objects.filter(pk__in=pks[start : start + BATCH])
        changed = []
        for entry in batch.only("title", "text", "title_key", "body_key"):
            keys = words_key(entry.title), words_key(entry.text)
            if keys != (entry.title_key, entry.body_key):
                entry.title_key, entry.body_key = keys
                changed.append(entry)
        SearchEntry.objects.bulk_update(changed, ["title_key", "body_key"])


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    # Backwards, the new keys stay: older code finds a little less with them.
    operations = [migrations.RunPython(make_keys_again, migrations.RunPython.noop)]
