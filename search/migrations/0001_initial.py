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
                    name='SearchEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('article', 'Tin bài'), ('report', 'Báo cáo'), ('campaign', 'Chiến dịch'), ('document', 'Văn bản')], max_length=20, verbose_name='loại')),
                        ('object_id', models.PositiveBigIntegerField()),
                        ('title', models.CharField(max_length=400, verbose_name='tiêu đề')),
                        ('text', models.TextField(blank=True, verbose_name='nội dung (văn bản thuần)')),
                        ('title_key', models.TextField(default='')),
                        ('body_key', models.TextField(default='')),
                        ('url', models.CharField(max_length=600)),
                        ('published_at', models.DateTimeField(db_index=True, null=True)),
                        ('public', models.BooleanField(default=False)),
                    ],
                    options={
                        'verbose_name': 'mục tìm kiếm',
                        'verbose_name_plural': 'mục tìm kiếm',
                        'db_table': 'portal_searchentry',
                        'indexes': [models.Index(condition=models.Q(('public', True)), fields=['-published_at'], name='search_public_date_idx')],
                        'constraints': [models.UniqueConstraint(fields=('kind', 'object_id'), name='search_entry_one_per_object')],
                    },
                ),
            ]
        )
    ]
