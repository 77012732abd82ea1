"""Clean the text of existing rows: line breaks as newlines, no control characters.

From now on publishing's pre_save handler cleans every text before it is stored
(publishing.text.clean: NFC, a CR LF, a lone CR and Word's soft line break as one
newline, the other control characters and the Unicode non-characters removed);
this does the same for the rows stored before, the history included, so that no
old title breaks a feed, a spreadsheet or an e-mail. As 0007 did, only rows that
need it are rewritten, with update(): no new version, no history entry and no
search re-indexing (the search entries are cleaned alike). Text whose line ends
are CR LF, as a browser sends a text area's, is rewritten too, with newlines.

It imports the rule from publishing.text rather than copying it, one rule in one
place: should the rule change, a database migrated later gets the rule a save
applies then.

Two rows whose unique names differed only by a control character (two wards
"Định Công" and "Định Công\x0b") would now clash: as in 0007, the migration then
stops with the database's error, for the duplicate to be merged by hand.
"""

from django.db import migrations, models

from publishing.text import clean

OURS = ["news", "campaigns", "polls", "pages", "search", "weather"]
BATCH = 500


def clean_text(apps, schema_editor):
    for label in OURS:
        for model in apps.get_app_config(label).get_models():
            names = [
                field.attname
                for field in model._meta.concrete_fields
                if isinstance(field, models.CharField | models.TextField)
            ]
            if names:
                clean_rows(model._base_manager, names)


def clean_rows(manager, names):
    # By primary key in batches: SQLite must not write a table it is reading.
    pks = list(manager.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        rows = manager.filter(pk__in=pks[start : start + BATCH])
        for pk, *values in rows.values_list("pk", *names):
            changes = {}
            for name, value in zip(names, values, strict=True):
                if isinstance(value, str) and (cleaned := clean(value)) != value:
                    changes[name] = cleaned
            if changes:
                manager.filter(pk=pk).update(**changes)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0007_text_in_nfc"),
        ("news", "0008_cover_renditions_for_srcset"),
        ("campaigns", "0006_indicator_qualifier"),
        ("polls", "0003_history_reason_text"),
        ("pages", "0001_initial"),
        ("search", "0003_search_newest_index"),
        ("weather", "0002_reading_sample"),
    ]

    # Backwards there is nothing to put back: the characters removed meant nothing.
    operations = [migrations.RunPython(clean_text, migrations.RunPython.noop)]
