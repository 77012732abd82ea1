from django.db import models
from django.urls import reverse

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
        db_table = "portal_page"  # from when pages were part of the project app
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
