"""Covers get renditions at the widths the layout shows them (srcset).

The covers themselves are only read; the renditions made before stay on disk.
Going back gives the old {"card", "full"} form of what there is.
"""

from django.db import migrations, models

from publishing.images import as_labels, renew_renditions


def renew(apps, schema_editor):
    Article = apps.get_model("news", "Article")
    Article.objects.filter(cover="").update(cover_renditions=[])
    rows = Article.objects.exclude(cover="").only("cover", "cover_renditions")
    for row in rows.iterator(chunk_size=100):
        renditions = renew_renditions(row.cover, row.cover_renditions)
        Article.objects.filter(pk=row.pk).update(cover_renditions=renditions)


def back(apps, schema_editor):
    Article = apps.get_model("news", "Article")
    for row in Article.objects.only("cover_renditions").iterator(chunk_size=100):
        labels = as_labels(row.cover_renditions)
        Article.objects.filter(pk=row.pk).update(cover_renditions=labels)


class Migration(migrations.Migration):

    dependencies = [("news", "0007_article_reports")]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="cover_renditions",
            field=models.JSONField(blank=True, default=list, editable=False),
        ),
        migrations.RunPython(renew, back, elidable=True),
    ]
