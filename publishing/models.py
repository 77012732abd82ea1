"""What every publishable item shares: status, publish time, review and covers.

Articles and campaign reports (and whatever else staff publish) are visible to
readers under the same rule, PublishableQuerySet.published(), and go through the
same workflow (portal/workflow.py).
"""

import functools
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .images import (
    LAYOUTS,
    UploadPath,
    make_renditions,
    narrowest,
    with_urls,
)
from .text import clean, unique_slug


class Status(models.TextChoices):
    DRAFT = "draft", "Nháp"
    REVIEW = "review", "Chờ duyệt"
    PUBLISHED = "published", "Đã xuất bản"
    WITHDRAWN = "withdrawn", "Đã gỡ"


class PublishableQuerySet(models.QuerySet):
    def published(self, at=None):
        """Return the items readers may see at a moment (now): published and due."""
        # A model whose items need more (a report: its campaign active) adds it
        # in an override, which every page, feed, sitemap and search then uses.
        moment = timezone.now() if at is None else at
        return self.filter(status=Status.PUBLISHED, published_at__lte=moment)


class Publishable(models.Model):
    """An item staff write, review and publish, possibly at a set time."""

    Status = Status

    status = models.CharField(
        "trạng thái", max_length=20, choices=Status, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        "thời gian đăng",
        null=True,
        blank=True,
        help_text="Bài đã xuất bản chỉ hiện với bạn đọc từ thời điểm này.",
    )
    # Bumped on every save, so that a stale change form is refused.
    version = models.PositiveIntegerField(default=0, editable=False)
    # An editor's changes to a published item, waiting for an approver.
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

    # Where the item is in the workflow, not its content: restoring an old version
    # or saving content never brings these back or moves them (workflow.save_as).
    WORKFLOW_FIELDS = [
        "status",
        "published_at",
        "version",
        "pending_changes",
        "pending_by",
        "pending_at",
    ]
    # What an editor may change on a published item, subject to approval.
    REVIEWED_FIELDS = []
    # Besides status and publish time, what only approvers may change.
    APPROVER_FIELDS = []

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._publish_now_if_untimed()
        stored = type(self).objects.filter(pk=self.pk).values_list("version")
        self.version = (stored.first() or (0,))[0] + 1
        super().save(*args, **kwargs)

    def clean(self):
        self._publish_now_if_untimed()

    def _publish_now_if_untimed(self):
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()


def published_has_time(name):
    """Return the constraint that a published row has a publish time."""
    return models.CheckConstraint(
        condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
        name=name,
        violation_error_message="Bài đã xuất bản phải có thời gian đăng.",
    )


class WithCover(models.Model):
    """A cover image with alt text and renditions made once, when it changes."""

    cover = models.ImageField(
        "ảnh đại diện", upload_to=UploadPath("covers"), blank=True
    )
    cover_alt = models.CharField(
        "mô tả ảnh (alt)",
        max_length=300,
        blank=True,
        help_text="Mô tả ngắn nội dung ảnh cho người khiếm thị.",
    )
    # [{name, width, height}] of the files images.make_renditions wrote, narrowest
    # first: derived from the cover, made again whenever it changes.
    cover_renditions = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        stored = (
            type(self)
            .objects.filter(pk=self.pk)
            .values("cover", "cover_renditions")
            .first()
        ) or {"cover": "", "cover_renditions": []}
        changed = stored["cover"] != (self.cover.name or "")
        if not changed:
            # A revert brings back an old row without its renditions: keep them.
            self.cover_renditions = stored["cover_renditions"]
        super().save(*args, **kwargs)
        if changed:
            # The upload has its final name only once the row is saved.
            self.cover_renditions = make_renditions(self.cover) if self.cover else []
            type(self).objects.filter(pk=self.pk).update(
                cover_renditions=self.cover_renditions
            )

    @property
    def cover_images(self):
        """Return the cover's renditions with their URLs, narrowest first."""
        return with_urls(self.cover_renditions or [])

    @property
    def cover_card(self):
        """Return the rendition a card falls back to (src=), or None."""
        return narrowest(self.cover_images, LAYOUTS["card"][1])

    @property
    def cover_full(self):
        """Return the widest rendition (og:image), or None."""
        images = self.cover_images
        return images[-1] if images else None


def fill_slug(obj, text, old_slugs=None):
    """Give obj a unique slug made from text, once: a set slug never changes.

    old_slugs, if given, holds slugs other objects answered to before: a new slug
    does not take one of them, so their redirects keep working.
    """
    if not obj.slug:
        others = type(obj).objects.exclude(pk=obj.pk)

        def taken(slug):
            return others.filter(slug=slug).exists() or (
                old_slugs is not None and old_slugs.filter(slug=slug).exists()
            )

        obj.slug = unique_slug(text, taken)


def store_clean_text(sender, instance, **kwargs):
    """Clean every text field of one of our models (publishing.text.clean).

    Connected to pre_save for every model, so that no path that saves a row
    (admin, import, command, code) stores decomposed text or control characters:
    a title typed in NFD is stored, served, found and highlighted as the same text
    in NFC, and one pasted with Word's soft line break breaks no feed, spreadsheet
    or e-mail.
    """
    for name in _text_fields(sender):
        value = getattr(instance, name)
        if isinstance(value, str):
            cleaned = clean(value)
            if cleaned != value:
                setattr(instance, name, cleaned)


@functools.cache
def _text_fields(model):
    """Return the attribute names of model's text columns, if it is one of ours."""
    # Ours: an app whose package sits in the project's directory, as this one
    # does; third-party and Django's own apps are left as they are.
    path = getattr(model._meta.app_config, "path", None)
    if not path or Path(path).resolve().parent != Path(settings.BASE_DIR).resolve():
        return ()
    return tuple(
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    )
