from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Case, Q, Subquery, When
from django.urls import reverse
from simple_history.models import HistoricalRecords

from publishing.models import (
    Publishable,
    PublishableQuerySet,
    WithCover,
    fill_slug,
    published_has_time,
)
from publishing.sanitiser import clean_body
from publishing.text import fold


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
        fill_slug(self, self.name)
        with transaction.atomic():
            _remember_old_slug(self, CategoryOldSlug, "category")
            super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:category", kwargs={"slug": self.slug})


class ArticleQuerySet(PublishableQuerySet):
    # What lists, cards and feeds show of an article: reading the other columns
    # (the body, the search text, the workflow's) costs time on every list. The
    # campaign's id is read by a campaign's own list (campaign.articles).
    LISTED_FIELDS = [
        "title",
        "slug",
        "sapo",
        "author",
        "published_at",
        "updated_at",
        "cover_alt",
        "cover_renditions",
        "category__name",
        "category__slug",
        "campaign",
    ]

    def listed(self):
        """Return published articles ready for a list: category joined, no body."""
        return self.published().select_related("category").only(*self.LISTED_FIELDS)

    def with_cover(self):
        """Return the articles with a cover to show (its renditions made)."""
        return self.exclude(cover="").exclude(cover_renditions=[])

    def featured(self):
        """Return the published featured articles, the lead first, then the newest.

        The lead (lead=True) is the newest featured article with a cover: the
        home page shows it wide, above all with its picture. Featured articles
        without one follow the lead as the others do; none is the lead if no
        featured article has a cover.
        """
        featured = self.published().filter(is_featured=True)
        newest = featured.with_cover().order_by("-published_at", "-pk")
        lead = Case(
            When(pk=Subquery(newest.values("pk")[:1]), then=True),
            default=False,
            output_field=models.BooleanField(),
        )
        return featured.annotate(lead=lead).order_by("-lead", "-published_at", "-pk")


class Article(WithCover, Publishable):
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
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name="chuyên mục",
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        verbose_name="chiến dịch, phong trào",
    )
    # The table was the report's when the link lived on that side.
    reports = models.ManyToManyField(
        "campaigns.Report",
        blank=True,
        related_name="articles",
        db_table="campaigns_report_related_articles",
        verbose_name="báo cáo liên quan",
    )
    author = models.CharField("tác giả", max_length=200, blank=True)
    is_featured = models.BooleanField("tin nổi bật", default=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    view_count = models.PositiveIntegerField("lượt xem", default=0, editable=False)
    # Folded, lower-case title and sapo: staff search without diacritics.
    search_text = models.TextField(default="", editable=False)

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["view_count", "cover_renditions", "search_text", "version"],
        verbose_name="lịch sử bài viết",
    )

    APPROVER_FIELDS = ["is_featured"]
    # What an editor may change on a published article, subject to approval.
    REVIEWED_FIELDS = [
        "title",
        "sapo",
        "body",
        "cover",
        "cover_alt",
        "category",
        "campaign",
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
            # In the side column's exact order, so that LIMIT 5 reads 5 entries
            # even when many articles share a view count.
            models.Index(
                fields=["-view_count", "-published_at", "-id"],
                condition=Q(status="published"),
                name="article_most_read_idx",
            ),
        ]
        constraints = [published_has_time("article_published_has_time")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        fill_slug(self, self.title, ArticleOldSlug.objects.exclude(article=self.pk))
        self.body, self.body_notes = clean_body(self.body)
        self.search_text = fold(f"{self.title} {self.sapo}").lower()
        with transaction.atomic():
            _remember_old_slug(self, ArticleOldSlug, "article")
            super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "news:article", kwargs={"category": self.category.slug, "slug": self.slug}
        )

    def related(self, count=4):
        """Return the latest other published articles of this one's category."""
        latest = Article.objects.listed().filter(category=self.category_id)
        return latest.exclude(pk=self.pk)[:count]

    def clean(self):
        super().clean()
        taken = ArticleOldSlug.objects.filter(slug=self.slug).exclude(article=self.pk)
        if self.slug and taken.exists():
            raise ValidationError(
                {
                    "slug": "Đường dẫn này từng thuộc một bài khác và đang chuyển "
                    "hướng tới bài đó; hãy chọn đường dẫn khác."
                }
            )


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


def _remember_old_slug(obj, model, field):
    """Keep obj's previous slug, so that links to the old URL still resolve."""
    if not obj.pk:
        return
    previous = type(obj).objects.filter(pk=obj.pk).values_list("slug", flat=True)
    previous = previous.first()
    if previous and previous != obj.slug:
        # Back to an old slug of its own: that one is current again.
        model.objects.filter(slug=obj.slug, **{field: obj}).delete()
        model.objects.update_or_create(slug=previous, defaults={field: obj})
