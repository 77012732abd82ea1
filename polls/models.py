from django.db import models
from django.db.models import Exists, OuterRef, Q, Sum
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from publishing.models import (
    Publishable,
    PublishableQuerySet,
    fill_slug,
    published_has_time,
)


class PollQuerySet(PublishableQuerySet):
    def current(self):
        """Return the polls shown to citizens now: published, active and open."""
        now = timezone.now()
        return (
            self.published()
            .filter(active=True, opens_at__lte=now)
            .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        )

    def with_open(self):
        """Annotate is_open: whether current() holds the poll, in the same query."""
        current = Poll.objects.current().filter(pk=OuterRef("pk"))
        return self.annotate(is_open=Exists(current))


class Poll(Publishable):
    class Results(models.TextChoices):
        ALWAYS = "always", "Luôn hiển thị"
        AFTER_VOTE = "after_vote", "Sau khi bình chọn"
        AFTER_CLOSE = "after_close", "Sau khi kết thúc"

    question = models.CharField("câu hỏi", max_length=300)
    slug = models.SlugField("đường dẫn", max_length=255, unique=True, blank=True)
    description = models.TextField("giới thiệu", blank=True)
    opens_at = models.DateTimeField("mở từ", default=timezone.now)
    closes_at = models.DateTimeField("đóng lúc", null=True, blank=True)
    active = models.BooleanField("đang hoạt động", default=True)
    results = models.CharField(
        "hiển thị kết quả",
        max_length=20,
        choices=Results,
        default=Results.AFTER_VOTE,
    )
    # Set once the address hashes of a closed poll are erased.
    hashes_erased_at = models.DateTimeField(
        "đã xóa mã băm địa chỉ lúc", null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    objects = PollQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["version"], verbose_name="lịch sử bình chọn"
    )

    APPROVER_FIELDS = ["active", "opens_at", "closes_at", "results"]
    REVIEWED_FIELDS = ["question", "description"]

    class Meta:
        ordering = ["-opens_at", "-pk"]
        permissions = [("publish_poll", "Được xuất bản, mở và đóng bình chọn")]
        verbose_name = "cuộc bình chọn"
        verbose_name_plural = "cuộc bình chọn"
        constraints = [
            published_has_time("poll_published_has_time"),
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="poll_closes_after_opening",
                violation_error_message="Thời điểm đóng phải sau thời điểm mở.",
            ),
        ]

    def __str__(self):
        return self.question

    def save(self, *args, **kwargs):
        fill_slug(self, self.question)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("polls:detail", kwargs={"slug": self.slug})

    @property
    def is_closed(self):
        return self.closes_at is not None and self.closes_at <= timezone.now()

    def shows_results(self, *, voted):
        """Tell whether a reader sees the results; voted: whether they voted."""
        return (
            self.results == self.Results.ALWAYS
            or (self.results == self.Results.AFTER_VOTE and (voted or self.is_closed))
            or (self.results == self.Results.AFTER_CLOSE and self.is_closed)
        )

    def total_votes(self):
        return self.choices.aggregate(total=Sum("votes_count"))["total"] or 0


class Choice(models.Model):
    poll = models.ForeignKey(
        Poll, on_delete=models.CASCADE, related_name="choices", verbose_name="bình chọn"
    )
    text = models.CharField("phương án", max_length=200)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    # Kept in step with the votes in the same transaction: results never count rows.
    votes_count = models.PositiveIntegerField("số phiếu", default=0, editable=False)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "phương án"
        verbose_name_plural = "phương án"

    def __str__(self):
        return self.text


class Vote(models.Model):
    poll = models.ForeignKey(
        Poll, on_delete=models.CASCADE, related_name="votes", verbose_name="bình chọn"
    )
    # A choice that has votes is never deleted: its votes would go with it.
    choice = models.ForeignKey(
        Choice, on_delete=models.PROTECT, related_name="votes", verbose_name="phương án"
    )
    created_at = models.DateTimeField("thời điểm", default=timezone.now, db_index=True)
    voter_key = models.CharField("mã người bình chọn", max_length=64)
    address_hash = models.CharField("mã băm địa chỉ mạng", max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "phiếu bình chọn"
        verbose_name_plural = "phiếu bình chọn"
        # The per-address limit counts a network's votes of the last hour.
        indexes = [
            models.Index(
                fields=["poll", "address_hash", "created_at"],
                name="vote_address_recent_idx",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "voter_key"],
                name="vote_once_per_voter",
                violation_error_message="Người này đã bình chọn.",
            )
        ]

    def __str__(self):
        return f"{self.poll_id}: {self.choice_id}"
