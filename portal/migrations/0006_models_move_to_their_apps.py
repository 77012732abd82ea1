from django.db import migrations

# Models that moved to an app of their own, with the tables they keep.
MOVED = {
    "page": "pages",
    "place": "weather",
    "weatherreading": "weather",
    "searchentry": "search",
}


def move_content_types(apps, schema_editor):
    """Keep the models' permissions and admin log: their content types move too."""
    _relabel(apps, schema_editor, {model: ("portal", app) for model, app in MOVED.items()})


def move_content_types_back(apps, schema_editor):
    _relabel(apps, schema_editor, {model: (app, "portal") for model, app in MOVED.items()})


def _relabel(apps, schema_editor, moves):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for model, (old, new) in moves.items():
        if not types.filter(app_label=new, model=model).exists():
            types.filter(app_label=old, model=model).update(app_label=new)


class Migration(migrations.Migration):
    """Hand pages, weather and search over to their own apps, tables and rows kept."""

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0005_page_published"),
        ("pages", "0001_initial"),
        ("search", "0001_initial"),
        ("weather", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Page"),
                migrations.RemoveField(model_name="weatherreading", name="place"),
                migrations.DeleteModel(name="SearchEntry"),
                migrations.DeleteModel(name="Place"),
                migrations.DeleteModel(name="WeatherReading"),
            ]
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
