"""Import and export of per-ward figures, one row per ward and indicator."""

from django.core.exceptions import PermissionDenied, ValidationError
from import_export import fields, widgets

from publishing.exports import PortalResource, is_blank, text_key
from publishing.text import format_vn_number, parse_vn_number
from publishing.workflow import check_changing_live

from .figures import wards_over_total
from .models import Figure, Indicator, Report, Ward, ward_key

COLUMNS = {
    "report": "Báo cáo",
    "indicator": "Chỉ tiêu",
    "ward": "Phường",
    "value": "Giá trị",
}
DISTRICT = "Toàn quận"
# Names the report when two have the same title; hidden in the template.
SLUG_COLUMN = "Đường dẫn báo cáo"


class ReportWidget(widgets.ForeignKeyWidget):
    """A report by its title, as the template and exports name it, or its slug.

    The template and exports also write the slug in a column of its own
    (SLUG_COLUMN), which names the report when two have the same title.
    """

    def __init__(self):
        super().__init__(Report, field="slug")
        self._found = {}

    def clean(self, value, row=None, **kwargs):
        return row_report({**(row or {}), COLUMNS["report"]: value}, self._found)

    def render(self, value, obj=None, **kwargs):
        return value.title if value else ""


def row_report(row, found):
    """Return the report row names; found keeps those of earlier rows."""
    key = (
        str(row.get(SLUG_COLUMN) or "").strip(),
        str(row.get(COLUMNS["report"]) or "").strip(),
    )
    if key not in found:
        found[key] = find_report(*key)
    return found[key]


def find_report(slug, name):
    """Return the report of a row: slug if given, else name, a title or a slug."""
    if slug:
        report = Report.objects.filter(slug=slug).first()
        if report is None:
            raise ValueError(f"Không có báo cáo có đường dẫn “{slug}”.")
        return report
    if not name:
        raise ValueError("Chưa ghi báo cáo.")
    found = list(Report.objects.filter(slug=name)) or [
        report
        for report in Report.objects.only("pk", "title", "slug", "campaign")
        if text_key(report.title) == text_key(name)
    ]
    if len(found) > 1:
        raise ValueError(
            f"Có {len(found)} báo cáo tên “{name}”: hãy ghi đường dẫn của báo cáo "
            f"muốn nhập vào cột “{SLUG_COLUMN}”."
        )
    if not found:
        raise ValueError(f"Không có báo cáo “{name}”.")
    return found[0]


class WardWidget(widgets.ForeignKeyWidget):
    """A ward by its name, with or without diacritics, or its official code."""

    def __init__(self):
        super().__init__(Ward)
        self._wards = None

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text or text_key(text) == text_key(DISTRICT):
            return None
        if self._wards is None:
            self._wards = {}
            for ward in Ward.objects.all():
                self._wards[ward_key(ward.name)] = ward
                self._wards[ward.code] = ward
        ward = self._wards.get(text.zfill(5) if text.isdigit() else ward_key(text))
        if ward is None:
            raise ValueError(f"Không có phường “{text}” trong quận Hoàng Mai.")
        return ward

    def render(self, value, obj=None, **kwargs):
        return value.name if value else DISTRICT


class IndicatorWidget(widgets.ForeignKeyWidget):
    """An indicator of the row's report's campaign, by its name in any spelling."""

    def __init__(self):
        super().__init__(Indicator)
        self._reports = {}
        self._indicators = {}

    def clean(self, value, row=None, **kwargs):
        name = str(value or "").strip()
        if not name:
            raise ValueError("Thiếu tên chỉ tiêu.")
        try:
            report = row_report(row or {}, self._reports)
        except ValueError as error:
            raise ValueError(
                f"Chưa tìm được chỉ tiêu “{name}” vì chưa rõ báo cáo."
            ) from error
        campaign = report.campaign_id
        if campaign not in self._indicators:
            self._indicators[campaign] = list(
                Indicator.objects.filter(campaign=campaign)
            )
        for indicator in self._indicators[campaign]:
            if ward_key(indicator.name) == ward_key(name):
                return indicator
        raise ValueError(f"Chiến dịch của báo cáo không có chỉ tiêu “{name}”.")

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class VietnameseNumberWidget(widgets.Widget):
    """A figure: 1.250 or 99,47 in text, a number cell in a spreadsheet."""

    def clean(self, value, row=None, **kwargs):
        return parse_vn_number(value)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if kwargs.get("force_native_type"):
            return int(value) if value == value.to_integral_value() else value
        return format_vn_number(value)


class FigureResource(PortalResource):
    report = fields.Field("report", COLUMNS["report"], ReportWidget())
    report_slug = fields.Field("report__slug", SLUG_COLUMN, readonly=True)
    indicator = fields.Field("indicator", COLUMNS["indicator"], IndicatorWidget())
    ward = fields.Field("ward", COLUMNS["ward"], WardWidget())
    value = fields.Field("value", COLUMNS["value"], VietnameseNumberWidget())

    class Meta:
        model = Figure
        fields = ["report", "indicator", "ward", "value", "report_slug"]
        export_order = fields
        # Importing the same file again updates these rows instead of adding more.
        import_id_fields = ["report", "indicator", "ward"]
        clean_model_instances = True

    def before_import(self, dataset, **kwargs):
        """Refuse a file without the template's columns, naming those missing."""
        super().before_import(dataset, **kwargs)
        missing = set(COLUMNS.values()) - set(dataset.headers)
        if missing:
            raise ValidationError(
                "Tệp thiếu cột: " + ", ".join(sorted(missing)) + ". Hãy dùng tệp mẫu."
            )

    def has_nothing(self, row):
        """A row of the template left without a figure has nothing to import."""
        return super().has_nothing(row) or is_blank([row.get(COLUMNS["value"])])

    def after_import(self, dataset, result, **kwargs):
        """Warn of ward figures that add up to more than their district total."""
        super().after_import(dataset, result, **kwargs)
        ids = [row.object_id for row in result.rows if row.object_id]
        for report, indicator, wards, total in wards_over_total(ids):
            result.warnings.append(
                f"Báo cáo “{report.title}”, chỉ tiêu “{indicator.name}”: các phường "
                f"cộng lại {format_vn_number(wards)}, hơn số toàn quận "
                f"{format_vn_number(total)}. Hãy kiểm tra lại số liệu."
            )

    def before_save_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        try:
            if user is None:
                raise PermissionDenied("Không rõ người nhập dữ liệu.")
            check_changing_live(user, instance.report)
        except PermissionDenied as error:
            raise ValidationError(str(error)) from error
