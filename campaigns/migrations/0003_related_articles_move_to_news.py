from django.db import migrations


class Migration(migrations.Migration):
    """The link between reports and articles now lives on the article (news).

    Only Django's idea of the models changes: the table and its rows stay, and
    news.0007 takes them over.
    """

    dependencies = [("campaigns", "0002_history_reason_text")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="report", name="related_articles")
            ]
        )
    ]
