from django.db import migrations, models


class Migration(migrations.Migration):
    """Take over the report–article links from campaigns.0003, table and rows."""

    dependencies = [
        ("campaigns", "0003_related_articles_move_to_news"),
        ("news", "0006_history_reason_text"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="article",
                    name="reports",
                    field=models.ManyToManyField(
                        blank=True,
                        db_table="campaigns_report_related_articles",
                        related_name="articles",
                        to="campaigns.report",
                        verbose_name="báo cáo liên quan",
                    ),
                )
            ]
        )
    ]
