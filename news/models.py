from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from portal.html import clean_body
from portal.images import UploadPath, make_renditions, rendition
from portal.text import fold, unique_slug


class Category(models.Model):
    name = models.CharField("tên chuyên mục", max_length=200)
    slug = models.SlugField(
        "đường dẫn",
        max_length=255,
        unique=True,
        blank=True,
        help_text="Để trống để tạo tự động từ tên chuyên mục.",
    )
    description = models.TextField("giới thiệu", blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        _fill_slug(self, self.name)
        with transaction.atomic():
            _remember_old_slug(self, CategoryOldSlug, "category")
            super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:category", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Return the articles readers may see: published and already due."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__lte=timezone.now()
        )

    def listed(self):
        """Return published articles ready for a list: category joined, no body."""
        return self.published().select_related("category").defer("body")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Nháp"
        REVIEW = "review", "Chờ duyệt"
        PUBLISHED = "published", "Đã xuất bản"
        WITHDRAWN = "withdrawn", "Đã gỡ"

    title = models.CharField("tiêu đề", max_length=300)
    slug = models.SlugField(
        "đường dẫn",
        max_length=255,
        unique=True,
        blank=True,
        help_text="Để trống để tạo tự động từ tiêu đề. Đổi đường dẫn của bài đã "
        "đăng thì địa chỉ cũ tự chuyển sang địa chỉ mới.",
    )
    sapo = models.TextField("sapo (tóm tắt)", max_length=1000)
    body = models.TextField("nội dung")
    cover = models.ImageField(
        "ảnh đại diện", upload_to=UploadPath("covers"), blank=True
    )
    cover_alt = models.CharField(
        "mô tả ảnh (alt)",
        max_length=300,
        blank=True,
        help_text="Mô tả ngắn nội dung ảnh cho người khiếm thị.",
    )
    cover_renditions = models.JSONField(default=dict, blank=True, editable=False)
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name="chuyên mục",
    )
    author = models.CharField("tác giả", max_length=200, blank=True)
    status = models.CharField(
        "trạng thái", max_length=20, choices=Status, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        "thời gian đăng",
        null=True,
        blank=True,
        help_text="Bài đã xuất bản chỉ hiện với bạn đọc từ thời điểm này.",
    )
    is_featured = models.BooleanField("tin nổi bật", default=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    view_count = models.PositiveIntegerField("lượt xem", default=0, editable=False)
    # Folded, lower-case title and sapo: staff search without diacritics.
    search_text = models.TextField(default="", editable=False)
    # Bumped on every save, so that a stale change form is refused.
    version = models.PositiveIntegerField(default=0, editable=False)
    # An editor's changes to a published article, waiting for an approver.
    pending_changes = models.JSONField(
        "thay đổi chờ duyệt", null=True, blank=True, editable=False
    )
    pending_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name="người đề xuất thay đổi",
    )
    pending_at = models.DateTimeField(
        "đề xuất lúc", null=True, blank=True, editable=False
    )

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["view_count", "cover_renditions", "search_text", "version"],
        verbose_name="lịch sử bài viết",
    )

    # What an editor may change on a published article, subject to approval.
    REVIEWED_FIELDS = [
        "title",
        "sapo",
        "body",
        "cover",
        "cover_alt",
        "category",
        "author",
    ]

    class Meta:
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_article", "Được xuất bản, gỡ và hẹn giờ bài viết")]
        verbose_name = "bài viết"
        verbose_name_plural = "bài viết"
        indexes = [
            models.Index(
                fields=["status", "-published_at", "-id"],
                name="article_status_pub_idx",
            ),
            models.Index(
                fields=["category", "status", "-published_at", "-id"],
                name="article_cat_status_pub_idx",
            ),
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(is_featured=True),
                name="article_featured_pub_idx",
            ),
            models.Index(
                fields=["-view_count"],
                condition=Q(status="published"),
                name="article_most_read_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
                violation_error_message="Bài đã xuất bản phải có thời gian đăng.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        _fill_slug(self, self.title)
        self._publish_now_if_untimed()
        self.body, self.body_notes = clean_body(self.body)
        self.search_text = fold(f"{self.title} {self.sapo}").lower()
        stored = (
            Article.objects.filter(pk=self.pk)
            .values("cover", "cover_renditions", "version")
            .first()
        ) or {"cover": "", "cover_renditions": {}, "version": 0}
        cover_changed = stored["cover"] != (self.cover.name or "")
        if not cover_changed:
            # A revert brings back an old row without its renditions: keep them.
            self.cover_renditions = stored["cover_renditions"]
        self.version = stored["version"] + 1
        with transaction.atomic():
            _remember_old_slug(self, ArticleOldSlug, "article")
            super().save(*args, **kwargs)
        if cover_changed:
            # The upload has its final name only once the row is saved.
            self.cover_renditions = make_renditions(self.cover) if self.cover else {}
            Article.objects.filter(pk=self.pk).update(
                cover_renditions=self.cover_renditions
            )

    def get_absolute_url(self):
        return reverse(
            "news:article",
            kwargs={"category": self.category.slug, "slug": self.slug},
        )

    def clean(self):
        self._publish_now_if_untimed()

    @property
    def cover_card(self):
        return rendition(self.cover_renditions, "card")

    @property
    def cover_full(self):
        return rendition(self.cover_renditions, "full")

    def _publish_now_if_untimed(self):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    def record_view(self):
        """Count one view with a single UPDATE, safe under concurrent readers."""
        Article.objects.filter(pk=self.pk).update(view_count=F("view_count") + 1)


class OldSlug(models.Model):
    """A slug an object answered to before staff changed it; it now redirects."""

    slug = models.SlugField(max_length=255, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.slug


class ArticleOldSlug(OldSlug):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="old_slugs"
    )

    class Meta:
        verbose_name = verbose_name_plural = "đường dẫn cũ của bài viết"


class CategoryOldSlug(OldSlug):
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="old_slugs"
    )

    class Meta:
        verbose_name = verbose_name_plural = "đường dẫn cũ của chuyên mục"


def _fill_slug(obj, text):
    """Give obj a unique slug made from text, once: a set slug never changes."""
    if not obj.slug:
        others = type(obj).objects.exclude(pk=obj.pk)
        obj.slug = unique_slug(text, lambda slug: others.filter(slug=slug).exists())


def _remember_old_slug(obj, model, field):
    """Keep obj's previous slug, so that links to the old URL still resolve."""
    if not obj.pk:
        return
    previous = type(obj).objects.filter(pk=obj.pk).values_list("slug", flat=True)
    previous = previous.first()
    if previous and previous != obj.slug:
        model.objects.filter(slug=obj.slug).delete()
        model.objects.update_or_create(slug=previous, defaults={field: obj})
