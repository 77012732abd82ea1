import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    # The tables were made by the portal app's migrations: only Django's idea of
    # the models moves here (portal.0006 hands them over, with their content types).
    dependencies = [("portal", "0005_page_published")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Place',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=100, verbose_name='tên địa điểm')),
                        ('latitude', models.DecimalField(decimal_places=5, max_digits=8, verbose_name='vĩ độ')),
                        ('longitude', models.DecimalField(decimal_places=5, max_digits=8, verbose_name='kinh độ')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='thứ tự')),
                    ],
                    options={
                        'verbose_name': 'địa điểm thời tiết',
                        'verbose_name_plural': 'địa điểm thời tiết',
                        'db_table': 'portal_place',
                        'ordering': ['order', 'pk'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('latitude__gte', -90), ('latitude__lte', 90), ('longitude__gte', -180), ('longitude__lte', 180)), name='place_coordinates_on_earth', violation_error_message='Tọa độ không hợp lệ.')],
                    },
                ),
                migrations.CreateModel(
                    name='WeatherReading',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('temperature', models.DecimalField(decimal_places=1, max_digits=4, verbose_name='nhiệt độ (°C)')),
                        ('humidity', models.PositiveSmallIntegerField(verbose_name='độ ẩm (%)')),
                        ('weather_code', models.PositiveSmallIntegerField(verbose_name='mã thời tiết WMO')),
                        ('wind_speed', models.DecimalField(decimal_places=1, max_digits=5, verbose_name='gió (km/h)')),
                        ('observed_at', models.DateTimeField(verbose_name='thời điểm đo')),
                        ('fetched_at', models.DateTimeField(auto_now=True, verbose_name='lấy về lúc')),
                        ('place', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='reading', to='weather.place', verbose_name='địa điểm')),
                    ],
                    options={
                        'verbose_name': 'số liệu thời tiết',
                        'verbose_name_plural': 'số liệu thời tiết',
                        'db_table': 'portal_weatherreading',
                    },
                ),
            ]
        )
    ]
