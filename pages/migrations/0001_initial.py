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
                    name='Page',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='tiêu đề')),
                        ('slug', models.SlugField(max_length=255, unique=True, verbose_name='đường dẫn')),
                        ('body', models.TextField(verbose_name='nội dung')),
                        ('published', models.BooleanField(default=True, help_text='Bỏ chọn để giữ trang ở dạng nháp: bạn đọc không xem được.', verbose_name='đã đăng')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                    ],
                    options={
                        'verbose_name': 'trang thông tin',
                        'verbose_name_plural': 'trang thông tin',
                        'db_table': 'portal_page',
                        'ordering': ['title'],
                    },
                ),
            ]
        )
    ]
