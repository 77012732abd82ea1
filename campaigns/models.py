import re

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from publishing.images import UploadPath
from publishing.models import (
    Publishable,
    PublishableQuerySet,
    WithCover,
    fill_slug,
    published_has_time,
)
from publishing.sanitiser import clean_body
from publishing.text import fold


def ward_key(text):
    """Fold a ward name for matching: "Phường ĐỊNH CÔNG" -> "dinh cong"."""
    key = " ".join(fold(str(text)).lower().split())
    return re.sub(r"^(phuong|p\.)\s*", "", key)


class Ward(models.Model):
    code = models.CharField("mã đơn vị hành chính", max_length=5, unique=True)
    name = models.CharField("tên phường", max_length=100, unique=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "phường"
        verbose_name_plural = "phường"

    def __str__(self):
        return self.name


class CampaignQuerySet(models.QuerySet):
    def active(self):
        """Return the campaigns readers may see."""
        return self.filter(active=True)


class Campaign(models.Model):
    name = models.CharField("tên chiến dịch, phong trào", max_length=200)
    slug = models.SlugField("đường dẫn", max_length=255, unique=True, blank=True)
    summary = models.TextField("giới thiệu ngắn")
    period = models.CharField(
        "thời gian", max_length=100, help_text="Ví dụ: 15/5/2016 – nay, năm 2021."
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    active = models.BooleanField("đang hiển thị", default=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "chiến dịch, phong trào"
        verbose_name_plural = "chiến dịch, phong trào"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        fill_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("campaigns:detail", kwargs={"slug": self.slug})


class Indicator(models.Model):
    """A figure a campaign reports, counted, or computed as a ratio of two others."""

    class Qualifier(models.TextChoices):
        EXACT = "", "chính xác"
        OVER = "tren", "trên"
        ABOUT = "khoang", "khoảng"

    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name="chiến dịch",
    )
    name = models.CharField("chỉ tiêu", max_length=200)
    unit = models.CharField("đơn vị", max_length=50, blank=True)
    qualifier = models.CharField(
        "mức chính xác",
        max_length=10,
        choices=Qualifier,
        blank=True,
        default="",
        help_text="“trên” cho số liệu tối thiểu (“Trên 5.000 người…”), “khoảng” cho "
        "số ước tính; không ghi vào tên chỉ tiêu.",
    )
    decimals = models.PositiveSmallIntegerField(
        "số chữ số thập phân",
        default=0,
        help_text="0 cho số đếm (người, chốt, hộ…).",
    )
    headline = models.BooleanField("hiện trên thẻ số liệu nổi bật", default=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    numerator = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="tử số (chỉ tiêu tính tỷ lệ)",
    )
    denominator = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="mẫu số (chỉ tiêu tính tỷ lệ)",
        help_text="Chỉ tiêu tỷ lệ (%) được tính từ tử số và mẫu số, không nhập tay.",
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "name"],
                name="indicator_unique_name",
                violation_error_message="Chiến dịch đã có chỉ tiêu cùng tên.",
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True, denominator__isnull=True)
                | Q(numerator__isnull=False, denominator__isnull=False),
                name="indicator_ratio_has_both_parts",
                violation_error_message="Chỉ tiêu tỷ lệ cần cả tử số và mẫu số.",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.unit})" if self.unit else self.name

    @property
    def is_ratio(self):
        return self.numerator_id is not None

    def clean(self):
        for part in (self.numerator, self.denominator):
            if part is not None and (
                part.campaign_id != self.campaign_id or part.is_ratio
            ):
                raise ValidationError(
                    "Tử số và mẫu số phải là chỉ tiêu đếm của cùng chiến dịch."
                )


class ReportQuerySet(PublishableQuerySet):
    def published(self, at=None):
        """Return the reports readers may see: published, due, campaign active."""
        return super().published(at).filter(campaign__active=True)

    def listed(self):
        """Return published reports ready for a list: campaign joined, no body."""
        return self.published().select_related("campaign").defer("body")


class Report(WithCover, Publishable):
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name="chiến dịch",
    )
    title = models.CharField("tiêu đề", max_length=300)
    slug = models.SlugField("đường dẫn", max_length=255, unique=True, blank=True)
    period = models.CharField(
        "kỳ báo cáo", max_length=100, help_text="Ví dụ: Năm 2021, 24/7–21/9/2021."
    )
    reported_on = models.DateField("ngày báo cáo")
    summary = models.TextField("tóm tắt", max_length=1000)
    body = models.TextField("nội dung", blank=True)
    illustrative = models.BooleanField(
        "số liệu theo phường là minh họa",
        default=False,
        help_text="Trang công khai ghi rõ “Số liệu minh họa”.",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = ReportQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["cover_renditions", "version"],
        verbose_name="lịch sử báo cáo",
    )

    REVIEWED_FIELDS = [
        "title",
        "period",
        "reported_on",
        "summary",
        "body",
        "cover",
        "cover_alt",
        "illustrative",
    ]

    class Meta:
        ordering = ["-reported_on", "-pk"]
        permissions = [("publish_report", "Được xuất bản, gỡ và hẹn giờ báo cáo")]
        verbose_name = "báo cáo"
        verbose_name_plural = "báo cáo"
        indexes = [
            models.Index(
                fields=["campaign", "status", "-reported_on"],
                name="report_campaign_status_idx",
            )
        ]
        constraints = [published_has_time("report_published_has_time")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        fill_slug(self, self.title)
        self.body, self.body_notes = clean_body(self.body)
        with transaction.atomic():
            super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "campaigns:report",
            kwargs={"campaign": self.campaign.slug, "slug": self.slug},
        )


class Figure(models.Model):
    """One value of an indicator in a report: for a ward, or district-wide."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="figures", verbose_name="báo cáo"
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="figures",
        verbose_name="chỉ tiêu",
    )
    ward = models.ForeignKey(
        Ward,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="figures",
        verbose_name="phường",
        help_text="Để trống cho số liệu toàn quận.",
    )
    value = models.DecimalField(
        "giá trị",
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0, "Số liệu không được âm.")],
    )

    class Meta:
        ordering = ["indicator__order", "ward__order"]
        verbose_name = "số liệu"
        verbose_name_plural = "số liệu"
        constraints = [
            # A plain unique constraint lets NULL wards repeat: two partial ones.
            models.UniqueConstraint(
                fields=["report", "indicator", "ward"],
                condition=Q(ward__isnull=False),
                name="figure_one_per_ward",
                violation_error_message="Báo cáo đã có số liệu này cho phường này.",
            ),
            models.UniqueConstraint(
                fields=["report", "indicator"],
                condition=Q(ward__isnull=True),
                name="figure_one_district_total",
                violation_error_message="Báo cáo đã có số liệu toàn quận này.",
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="figure_not_negative",
                violation_error_message="Số liệu không được âm.",
            ),
        ]

    def __str__(self):
        return f"{self.indicator.name} – {self.ward or 'toàn quận'}: {self.value}"

    def clean(self):
        if self.indicator_id is None or self.report_id is None:
            return
        if self.indicator.campaign_id != self.report.campaign_id:
            raise ValidationError(
                {"indicator": "Chỉ tiêu không thuộc chiến dịch của báo cáo."}
            )
        if self.indicator.is_ratio:
            raise ValidationError(
                {"indicator": "Chỉ tiêu tỷ lệ được tính tự động, không nhập số liệu."}
            )
        if self.value is not None:
            exponent = self.value.normalize().as_tuple().exponent
            if -exponent > self.indicator.decimals:
                raise ValidationError(
                    {
                        "value": f"“{self.indicator.name}” là số đếm, không có phần "
                        "thập phân."
                        if self.indicator.decimals == 0
                        else f"“{self.indicator.name}” chỉ có "
                        f"{self.indicator.decimals} chữ số thập phân."
                    }
                )


class Document(Publishable):
    """A party or state document (văn bản) behind a campaign, with its PDF."""

    class Kind(models.TextChoices):
        DIRECTIVE = "chi-thi", "Chỉ thị"
        RESOLUTION = "nghi-quyet", "Nghị quyết"
        PLAN = "ke-hoach", "Kế hoạch"
        OFFICIAL_LETTER = "cong-van", "Công văn"
        DECISION = "quyet-dinh", "Quyết định"
        GUIDANCE = "huong-dan", "Hướng dẫn"
        REPORT = "bao-cao", "Báo cáo"
        NOTICE = "thong-bao", "Thông báo"
        DISPATCH = "cong-dien", "Công điện"

    number = models.CharField(
        "số ký hiệu", max_length=100, help_text="Ví dụ: 05-CT/TW, 50-KH/QU."
    )
    kind = models.CharField("loại văn bản", max_length=20, choices=Kind)
    issuer = models.CharField("cơ quan ban hành", max_length=200)
    # Empty only for a document known by its number alone (cited without a date).
    issued_on = models.DateField(
        "ngày ban hành",
        null=True,
        blank=True,
        help_text="Để trống nếu không rõ ngày ban hành.",
    )
    summary = models.TextField("trích yếu")
    file = models.FileField("tệp PDF", upload_to=UploadPath("van-ban"), blank=True)
    slug = models.SlugField("đường dẫn", max_length=255, unique=True, blank=True)
    campaigns = models.ManyToManyField(
        Campaign, blank=True, related_name="documents", verbose_name="chiến dịch"
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = PublishableQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["version"], verbose_name="lịch sử văn bản"
    )

    REVIEWED_FIELDS = ["number", "kind", "issuer", "issued_on", "summary", "file"]

    class Meta:
        ordering = [models.F("issued_on").desc(nulls_last=True), "-pk"]
        permissions = [("publish_document", "Được xuất bản, gỡ văn bản")]
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        constraints = [published_has_time("document_published_has_time")]

    def __str__(self):
        return f"{self.get_kind_display()} số {self.number}"

    def save(self, *args, **kwargs):
        fill_slug(self, f"{self.get_kind_display()} {self.number}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("campaigns:document", kwargs={"slug": self.slug})
