"""Import and export of per-ward figures, one row per ward and indicator."""

from django.core.exceptions import PermissionDenied, ValidationError
from import_export import fields, widgets

from publishing.exports import PortalResource, text_key
from publishing.text import format_vn_number, parse_vn_number
from publishing.workflow import check_changing_live

from .models import Figure, Indicator, Report, Ward, ward_key

COLUMNS = {
    "report": "Báo cáo",
    "indicator": "Chỉ tiêu",
    "ward": "Phường",
    "value": "Giá trị",
}
DISTRICT = "Toàn quận"


class ReportWidget(widgets.ForeignKeyWidget):
    def __init__(self):
        super().__init__(Report, field="slug")

    def clean(self, value, row=None, **kwargs):
        if not value:
            raise ValueError("Thiếu đường dẫn của báo cáo.")
        try:
            return super().clean(str(value).strip(), row, **kwargs)
        except Report.DoesNotExist as error:
            raise ValueError(f"Không có báo cáo có đường dẫn “{value}”.") from error


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

    def clean(self, value, row=None, **kwargs):
        name = str(value or "").strip()
        if not name:
            raise ValueError("Thiếu tên chỉ tiêu.")
        slug = str((row or {}).get(COLUMNS["report"]) or "").strip()
        campaign = Report.objects.filter(slug=slug).values_list("campaign", flat=True)
        for indicator in Indicator.objects.filter(campaign__in=campaign):
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
    indicator = fields.Field("indicator", COLUMNS["indicator"], IndicatorWidget())
    ward = fields.Field("ward", COLUMNS["ward"], WardWidget())
    value = fields.Field("value", COLUMNS["value"], VietnameseNumberWidget())

    class Meta:
        model = Figure
        fields = ["report", "indicator", "ward", "value"]
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

    def before_save_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        try:
            if user is None:
                raise PermissionDenied("Không rõ người nhập dữ liệu.")
            check_changing_live(user, instance.report)
        except PermissionDenied as error:
            raise ValidationError(str(error)) from error
