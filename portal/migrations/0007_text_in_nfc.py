"""Compose (NFC) the text of existing rows that was typed decomposed (NFD).

From now on publishing's pre_save handler composes every text before it is
stored; this does the same for the rows stored before. NFC is the same text to
a reader, so nothing changes behind anyone's back: only rows whose text is not
NFC already are rewritten, with update(), which makes no new version, no
history entry and no search re-indexing (the search keys are folded either
way). Two rows that differed only in the encoding of one name (two wards "Định
Công") would now clash on a unique constraint: the migration then stops with the
database's error, for the duplicate to be merged by hand.

The admin's folded article text (news Article.search_text) also reads the
lookalike Ð (U+00D0) as Đ now, as publishing.text.fold does.
"""

import unicodedata

from django.db import migrations, models

OURS = ["news", "campaigns", "polls", "pages", "search", "weather"]
BATCH = 500


def compose(apps, schema_editor):
    for label in OURS:
        for model in apps.get_app_config(label).get_models():
            names = [
                field.attname
                for field in model._meta.concrete_fields
                if isinstance(field, models.CharField | models.TextField)
            ]
            if names:
                compose_rows(model._base_manager, names)
    Article = apps.get_model("news", "Article")
    for pk, text in Article.objects.filter(search_text__contains="ð").values_list(
        "pk", "search_text"
    ):
        Article.objects.filter(pk=pk).update(search_text=text.replace("ð", "d"))


def compose_rows(manager, names):
    # By primary key in batches: SQLite must not write a table it is reading.
    pks = list(manager.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        rows = manager.filter(pk__in=pks[start : start + BATCH])
        for pk, *values in rows.values_list("pk", *names):
            changes = {
                name: unicodedata.normalize("NFC", value)
                for name, value in zip(names, values, strict=True)
                if isinstance(value, str)
                and not unicodedata.is_normalized("NFC", value)
            }
            if changes:
                manager.filter(pk=pk).update(**changes)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0006_models_move_to_their_apps"),
        ("news", "0007_article_reports"),
        ("campaigns", "0003_related_articles_move_to_news"),
        ("polls", "0003_history_reason_text"),
        ("pages", "0001_initial"),
        ("search", "0001_initial"),
        ("weather", "0001_initial"),
    ]

    # Backwards there is nothing to undo: composed text is the same text.
    operations = [migrations.RunPython(compose, migrations.RunPython.noop)]
