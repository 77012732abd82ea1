from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from import_export.admin import ImportExportModelAdmin
from openpyxl import Workbook

from publishing.admin import CoverForm, PublishableAdmin, VersionedForm
from publishing.editor import BodyEditor
from publishing.exports import AllOrNothingImport, decimal_format, xlsx_response
from publishing.text import format_vn_number
from publishing.uploads import ImageRejected, clean_pdf
from publishing.workflow import check_changing_live, may_change_parts

from .figures import plain_number
from .models import Campaign, Document, Figure, Indicator, Report, Ward
from .resources import COLUMNS, DISTRICT, SLUG_COLUMN, FigureResource


@admin.register(Ward)
class WardAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    search_fields = ["name", "code"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    fk_name = "campaign"
    extra = 0
    fields = [
        "name",
        "unit",
        "qualifier",
        "decimals",
        "headline",
        "order",
        "numerator",
        "denominator",
    ]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "period", "order", "active"]
    list_editable = ["order", "active"]
    search_fields = ["name"]
    inlines = [IndicatorInline]


class FigureInline(admin.TabularInline):
    model = Figure
    extra = 0
    fields = ["indicator", "ward", "value"]
    autocomplete_fields = ["ward"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        report_id = request.resolver_match.kwargs.get("object_id")
        if db_field.name == "indicator" and report_id:
            field.queryset = Indicator.objects.filter(
                campaign__reports=report_id, numerator__isnull=True
            )
        return field


class ReportAdminForm(CoverForm):
    class Meta:
        model = Report
        fields = [
            "campaign",
            "title",
            "slug",
            "period",
            "reported_on",
            "summary",
            "body",
            "illustrative",
            "cover",
            "cover_alt",
            "status",
            "published_at",
        ]
        widgets = {"body": BodyEditor()}


@admin.register(Report)
class ReportAdmin(PublishableAdmin):
    form = ReportAdminForm
    inlines = [FigureInline]
    list_display = [
        "title",
        "campaign",
        "reported_on",
        "status_shown",
        "published_at",
    ]
    list_filter = ["status", "campaign"]
    list_select_related = ["campaign"]
    search_fields = ["title"]
    date_hierarchy = "reported_on"
    readonly_fields = ["figure_template"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "campaign",
                    "title",
                    "slug",
                    "period",
                    "reported_on",
                    "summary",
                    "body",
                    "illustrative",
                ]
            },
        ),
        ("Ảnh đại diện", {"fields": ["cover", "cover_alt"]}),
        ("Xuất bản", {"fields": ["status", "published_at", "loaded_version"]}),
        ("Nhập số liệu từ bảng tính", {"fields": ["figure_template"]}),
    ]

    @admin.display(description="tệp mẫu")
    def figure_template(self, obj):
        if obj is None or obj.pk is None:
            return "Lưu báo cáo trước, rồi tải tệp mẫu để nhập số liệu theo phường."
        return format_html(
            '<a href="{}">Tải tệp mẫu (XLSX) cho báo cáo này</a> – điền cột “{}” rồi '
            'dùng <a href="{}">Nhập dữ liệu</a> trong mục Số liệu.',
            reverse("admin:campaigns_report_figure_template", args=[obj.pk]),
            COLUMNS["value"],
            reverse("admin:campaigns_figure_import"),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/tep-mau.xlsx",
                self.admin_site.admin_view(self.figure_template_view),
                name="campaigns_report_figure_template",
            ),
            *super().get_urls(),
        ]

    def figure_template_view(self, request, pk):
        """Download an XLSX with one row per ward and indicator, values blank.

        Rows named by the report's title; its slug, which tells two reports of
        the same title apart, in a hidden last column. Imported as it is: a row
        left without a value changes nothing.
        """
        report = get_object_or_404(Report.objects.select_related("campaign"), pk=pk)
        if not self.has_view_permission(request, report):
            return HttpResponse(status=403)
        book = Workbook()
        sheet = book.active
        sheet.title = "Số liệu"
        sheet.append(
            [COLUMNS[k] for k in ("report", "indicator", "ward", "value")]
            + [SLUG_COLUMN]
        )
        values = {(f.indicator_id, f.ward_id): f.value for f in report.figures.all()}
        indicators = report.campaign.indicators.filter(numerator__isnull=True)
        wards = [None, *Ward.objects.all()]
        for indicator in indicators:
            for ward in wards:
                value = values.get((indicator.pk, ward.pk if ward else None))
                sheet.append(
                    [
                        report.title,
                        indicator.name,
                        ward.name if ward else DISTRICT,
                        None if value is None else plain_number(value),
                        report.slug,
                    ]
                )
                sheet.cell(sheet.max_row, 4).number_format = decimal_format(
                    indicator.decimals
                )
        for column, width in zip("ABCDE", (40, 40, 20, 14, 30), strict=True):
            sheet.column_dimensions[column].width = width
        sheet.column_dimensions["E"].hidden = True
        sheet.freeze_panes = "A2"
        return xlsx_response(book, f"so-lieu-{report.slug[:80]}.xlsx")

    def view_on_site(self, obj):
        return reverse("report_preview", args=[obj.pk])


@admin.register(Figure)
class FigureAdmin(AllOrNothingImport, ImportExportModelAdmin):
    resource_classes = [FigureResource]
    list_display = ["report", "indicator", "ward_or_district", "shown_value"]
    list_filter = ["report__campaign", "report", "indicator"]
    list_select_related = ["report", "indicator", "ward"]
    autocomplete_fields = ["report", "ward"]

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_change_parts(request.user, obj.report))

    has_delete_permission = has_change_permission

    @admin.display(description="phường", ordering="ward__order")
    def ward_or_district(self, figure):
        return figure.ward.name if figure.ward else DISTRICT

    @admin.display(description="giá trị", ordering="value")
    def shown_value(self, figure):
        # A count is "16", not the "16,00" of its two stored decimal places.
        return format_vn_number(figure.value)

    def save_model(self, request, obj, form, change):
        check_changing_live(request.user, obj.report)
        super().save_model(request, obj, form, change)


class DocumentAdminForm(VersionedForm):
    file = forms.FileField(
        label="Tệp PDF",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        help_text="Tệp PDF, tối đa 20 MB.",
    )

    class Meta:
        model = Document
        fields = [
            "number",
            "kind",
            "issuer",
            "issued_on",
            "summary",
            "file",
            "slug",
            "campaigns",
            "status",
            "published_at",
        ]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):  # a new upload
            try:
                return clean_pdf(upload, upload.name)
            except ImageRejected as error:
                raise ValidationError(str(error)) from error
        return upload


@admin.register(Document)
class DocumentAdmin(PublishableAdmin):
    form = DocumentAdminForm
    list_display = ["number", "kind", "issuer", "issued_on", "status_shown"]
    list_filter = ["kind", "issuer", "status", "campaigns"]
    search_fields = ["number", "summary", "issuer"]
    date_hierarchy = "issued_on"
    filter_horizontal = ["campaigns"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "number",
                    "kind",
                    "issuer",
                    "issued_on",
                    "summary",
                    "file",
                    "slug",
                    "campaigns",
                ]
            },
        ),
        ("Xuất bản", {"fields": ["status", "published_at", "loaded_version"]}),
    ]
