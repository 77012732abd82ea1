from django.db import models
from django.db.models import Q
from django.utils import timezone


class SearchEntryQuerySet(models.QuerySet):
    def published(self):
        """Return the entries of the items readers may see now."""
        # public is the item's own rule less its time (search.index.readable()),
        # kept when it is saved; the time can only be compared now.
        return self.filter(public=True).filter(
            Q(published_at__isnull=True) | Q(published_at__lte=timezone.now())
        )


class SearchEntry(models.Model):
    """One searchable item (article, report, campaign, document), kept by signals.

    A report's figures are one line per ward ("Giáp Bát: 99,47% cử tri đã bỏ
    phiếu"), so that a ward's name finds them. The title_key, body_key and
    figures_key columns hold the title, the text and the figures folded to
    lower-case ASCII words between spaces, so that "Hoàng Mai", "HOÀNG MAI" and
    "hoang mai" are the same words; the *_accent_key columns hold the same words
    with their diacritics, lower case, for a query typed with them. On PostgreSQL,
    generated tsvector columns and GIN indexes over them (portal's migration 0004,
    search's 0004) answer the search, and an index in the order of the results
    (search's migration 0003) lets a page stop early; SQLite matches the padded
    words directly.
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
    figures = models.TextField("số liệu theo phường", blank=True, default="")
    figures_key = models.TextField(default="")
    title_accent_key = models.TextField(default="")
    body_accent_key = models.TextField(default="")
    figures_accent_key = models.TextField(default="")
    url = models.CharField(max_length=600)
    published_at = models.DateTimeField(null=True, db_index=True)
    public = models.BooleanField(default=False)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        db_table = "portal_searchentry"  # from when search was part of the project app
        verbose_name = "mục tìm kiếm"
        verbose_name_plural = "mục tìm kiếm"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="search_entry_one_per_object"
            )
        ]

    def __str__(self):
        return self.title
