from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from publishing.sanitiser import clean_body


class PageQuerySet(models.QuerySet):
    def published(self):
        """Return the pages readers may see."""
        return self.filter(published=True)


class Page(models.Model):
    """A standing page such as "Giới thiệu", edited by staff."""

    title = models.CharField("tiêu đề", max_length=200)
    slug = models.SlugField("đường dẫn", max_length=255, unique=True)
    body = models.TextField("nội dung")
    published = models.BooleanField(
        "đã đăng",
        default=True,
        help_text="Bỏ chọn để giữ trang ở dạng nháp: bạn đọc không xem được.",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = "trang thông tin"
        verbose_name_plural = "trang thông tin"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body, self.body_notes = clean_body(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("page", kwargs={"slug": self.slug})


class Place(models.Model):
    """A place of the weather widget ("Thời tiết các vùng")."""

    name = models.CharField("tên địa điểm", max_length=100)
    latitude = models.DecimalField("vĩ độ", max_digits=8, decimal_places=5)
    longitude = models.DecimalField("kinh độ", max_digits=8, decimal_places=5)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "địa điểm thời tiết"
        verbose_name_plural = "địa điểm thời tiết"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90)
                & models.Q(longitude__gte=-180, longitude__lte=180),
                name="place_coordinates_on_earth",
                violation_error_message="Tọa độ không hợp lệ.",
            )
        ]

    def __str__(self):
        return self.name


class WeatherReading(models.Model):
    """The latest good reading of a place; a bad answer never replaces it."""

    place = models.OneToOneField(
        Place, on_delete=models.CASCADE, related_name="reading", verbose_name="địa điểm"
    )
    temperature = models.DecimalField("nhiệt độ (°C)", max_digits=4, decimal_places=1)
    humidity = models.PositiveSmallIntegerField("độ ẩm (%)")
    weather_code = models.PositiveSmallIntegerField("mã thời tiết WMO")
    wind_speed = models.DecimalField("gió (km/h)", max_digits=5, decimal_places=1)
    observed_at = models.DateTimeField("thời điểm đo")
    fetched_at = models.DateTimeField("lấy về lúc", auto_now=True)

    class Meta:
        verbose_name = "số liệu thời tiết"
        verbose_name_plural = "số liệu thời tiết"

    def __str__(self):
        return f"{self.place}: {self.temperature} °C"


class SearchEntryQuerySet(models.QuerySet):
    def published(self):
        """Return the entries of the items readers may see now."""
        # public is the item's own rule less its time (portal/search.readable()),
        # kept when it is saved; the time can only be compared now.
        return self.filter(public=True).filter(
            Q(published_at__isnull=True) | Q(published_at__lte=timezone.now())
        )


class SearchEntry(models.Model):
    """One searchable item (article, report, campaign, document), kept by signals.

    The *_key columns hold the text folded to lower-case ASCII words between
    spaces, so that "Hoàng Mai", "HOÀNG MAI" and "hoang mai" are the same words.
    On PostgreSQL, generated tsvector columns and GIN indexes over them (migration
    0004) answer the search; SQLite matches the padded words directly.
    """

    class Kind(models.TextChoices):
        ARTICLE = "article", "Tin bài"
        REPORT = "report", "Báo cáo"
        CAMPAIGN = "campaign", "Chiến dịch"
        DOCUMENT = "document", "Văn bản"

    kind = models.CharField("loại", max_length=20, choices=Kind)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField("tiêu đề", max_length=400)
    text = models.TextField("nội dung (văn bản thuần)", blank=True)
    title_key = models.TextField(default="")
    body_key = models.TextField(default="")
    url = models.CharField(max_length=600)
    published_at = models.DateTimeField(null=True, db_index=True)
    public = models.BooleanField(default=False)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "mục tìm kiếm"
        verbose_name_plural = "mục tìm kiếm"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="search_entry_one_per_object"
            )
        ]
        indexes = [
            models.Index(
                fields=["-published_at"],
                condition=models.Q(public=True),
                name="search_public_date_idx",
            )
        ]

    def __str__(self):
        return self.title
