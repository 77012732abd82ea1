"""Readings made up by the demo are marked as samples.

Readings stored before are kept as they are, not samples: outside a developer's
machine they all came from refresh_weather.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('weather', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='weatherreading',
            name='sample',
            field=models.BooleanField(default=False, help_text='Số liệu mẫu của bản trình diễn, không phải số đo thật.', verbose_name='số liệu mẫu'),
        ),
    ]
