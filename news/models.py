from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from portal.html import sanitize_html
from portal.images import UploadPath, make_renditions, rendition
from portal.text import unique_slug


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

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
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
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        _fill_slug(self, self.title)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self.body = sanitize_html(self.body)
        cover_changed = self._cover_changed()
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

    @property
    def cover_card(self):
        return rendition(self.cover_renditions, "card")

    @property
    def cover_full(self):
        return rendition(self.cover_renditions, "full")

    def record_view(self):
        """Count one view with a single UPDATE, safe under concurrent readers."""
        Article.objects.filter(pk=self.pk).update(view_count=F("view_count") + 1)

    def _cover_changed(self):
        if not self.pk:
            return bool(self.cover)
        stored = Article.objects.filter(pk=self.pk).values_list("cover", flat=True)
        return stored.first() != (self.cover.name or "")


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


class CategoryOldSlug(OldSlug):
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="old_slugs"
    )


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
