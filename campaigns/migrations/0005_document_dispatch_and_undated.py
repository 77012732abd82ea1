"""Documents: the kind "Công điện", and a date of issue that may be unknown."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0004_cover_renditions_for_srcset'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='document',
            options={'ordering': [models.OrderBy(models.F('issued_on'), descending=True, nulls_last=True), '-pk'], 'permissions': [('publish_document', 'Được xuất bản, gỡ văn bản')], 'verbose_name': 'văn bản', 'verbose_name_plural': 'văn bản'},
        ),
        migrations.AlterField(
            model_name='document',
            name='issued_on',
            field=models.DateField(blank=True, help_text='Để trống nếu không rõ ngày ban hành.', null=True, verbose_name='ngày ban hành'),
        ),
        migrations.AlterField(
            model_name='document',
            name='kind',
            field=models.CharField(choices=[('chi-thi', 'Chỉ thị'), ('nghi-quyet', 'Nghị quyết'), ('ke-hoach', 'Kế hoạch'), ('cong-van', 'Công văn'), ('quyet-dinh', 'Quyết định'), ('huong-dan', 'Hướng dẫn'), ('bao-cao', 'Báo cáo'), ('thong-bao', 'Thông báo'), ('cong-dien', 'Công điện')], max_length=20, verbose_name='loại văn bản'),
        ),
        migrations.AlterField(
            model_name='historicaldocument',
            name='issued_on',
            field=models.DateField(blank=True, help_text='Để trống nếu không rõ ngày ban hành.', null=True, verbose_name='ngày ban hành'),
        ),
        migrations.AlterField(
            model_name='historicaldocument',
            name='kind',
            field=models.CharField(choices=[('chi-thi', 'Chỉ thị'), ('nghi-quyet', 'Nghị quyết'), ('ke-hoach', 'Kế hoạch'), ('cong-van', 'Công văn'), ('quyet-dinh', 'Quyết định'), ('huong-dan', 'Hướng dẫn'), ('bao-cao', 'Báo cáo'), ('thong-bao', 'Thông báo'), ('cong-dien', 'Công điện')], max_length=20, verbose_name='loại văn bản'),
        ),
    ]
