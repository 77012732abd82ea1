"""Indicators say "over" or "about" in a field of their own, not in their name.

Names written as "Người theo dõi hai fanpage (trên)" become "Người theo dõi hai
fanpage" with the qualifier "trên"; going back puts the words back in the name.
A name is left as it is when the shorter one is already taken in its campaign.
"""

import re
import unicodedata

from django.db import migrations, models

SUFFIX = re.compile(r"\s*\((trên|hơn|khoảng)\)\s*$", re.IGNORECASE)
QUALIFIERS = {"trên": "tren", "hơn": "tren", "khoảng": "khoang"}
WORDS = {"tren": "trên", "khoang": "khoảng"}


def names_to_qualifiers(apps, schema_editor):
    Indicator = apps.get_model("campaigns", "Indicator")
    for indicator in Indicator.objects.filter(qualifier=""):
        name = unicodedata.normalize("NFC", indicator.name)
        found = SUFFIX.search(name)
        if not found:
            continue
        shorter = name[: found.start()]
        taken = Indicator.objects.filter(campaign_id=indicator.campaign_id)
        if not shorter or taken.filter(name=shorter).exists():
            continue
        indicator.name = shorter
        indicator.qualifier = QUALIFIERS[found.group(1).lower()]
        indicator.save(update_fields=["name", "qualifier"])


def qualifiers_to_names(apps, schema_editor):
    Indicator = apps.get_model("campaigns", "Indicator")
    for indicator in Indicator.objects.exclude(qualifier=""):
        longer = f"{indicator.name} ({WORDS[indicator.qualifier]})"
        taken = Indicator.objects.filter(campaign_id=indicator.campaign_id)
        if len(longer) > 200 or taken.filter(name=longer).exists():
            continue
        indicator.name = longer
        indicator.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0005_document_dispatch_and_undated"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="qualifier",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "chính xác"),
                    ("tren", "trên"),
                    ("khoang", "khoảng"),
                ],
                default="",
                help_text="“trên” cho số liệu tối thiểu (“Trên 5.000 người…”), "
                "“khoảng” cho số ước tính; không ghi vào tên chỉ tiêu.",
                max_length=10,
                verbose_name="mức chính xác",
            ),
        ),
        migrations.RunPython(names_to_qualifiers, qualifiers_to_names),
    ]
