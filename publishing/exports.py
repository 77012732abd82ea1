"""Imports and exports as a clerk reads them: Vietnamese columns and values,
dates day first, numbers as numbers in a spreadsheet, safe in Excel, and no
change unasked.

Every column is named as the change form names its field, every value is written
as the change form shows it ("Đã xuất bản", "Có", "07/01/2022 17:58", a category
by its name) and read back in that form or as the code behind it, so that a file
exported and imported again changes nothing. Spreadsheets (XLSX) get real numbers
and dates with Vietnamese-style formats; CSV and JSON get text.
"""

import csv
import datetime
import io
import json
import zipfile
from decimal import Decimal

import tablib
from django.contrib import messages
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    ObjectDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import capfirst
from import_export import forms, resources, results, widgets
from import_export.formats.base_formats import CSV, JSON, XLSX
from import_export.forms import SelectableFieldsExportForm
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from . import dates
from .text import clean, fold, format_vn_number, parse_vn_number, slugify

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(cell):
    """Return cell so that no spreadsheet runs it as a formula."""
    if isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES):
        return f"'{cell}"
    return cell


def escape_formulae(dataset):
    """Return a copy of dataset whose text cells cannot start a formula."""
    escaped = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        escaped.append([escape_cell(cell) for cell in row])
    return escaped


# What an import reads at most: a file's bytes, its rows below the header, and
# what an XLSX file (a zip) holds unpacked, which is what reading it costs.
MAX_IMPORT_BYTES = 10 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
MAX_UNPACKED_BYTES = 50 * 1024 * 1024


class FileRefused(ValueError):
    """A file an import does not read; its message says why, in Vietnamese."""


def is_blank(cells):
    """Tell whether cells hold nothing: empty, or only spaces."""
    return all(cell is None or str(cell).strip() == "" for cell in cells)


def read_rows(rows):
    """Return rows (the header first) as a Dataset an import reads.

    Row n of the Dataset is row n + 1 of the sheet, blank rows kept in place, so
    that a row's number is the spreadsheet's; blank rows after the last filled
    one are dropped as they are read, however many the file claims, and a file
    with more than MAX_IMPORT_ROWS rows below its header is refused.
    """
    rows = iter(rows)
    headers = list(next(rows, None) or [])
    while headers and is_blank(headers[-1:]):
        headers.pop()
    if not headers:
        raise FileRefused("Tệp không có dòng tiêu đề: dòng 1 phải ghi tên các cột.")
    width = len(headers)
    dataset = tablib.Dataset(headers=["" if h is None else str(h) for h in headers])
    blanks = 0
    for number, row in enumerate(rows, start=2):
        # A row missing from an XLSX file comes empty: most of the 1.048.576 rows
        # a sheet may claim, so skipped first, before anything else is done.
        if not row:
            blanks += 1
            continue
        cells = list(row[:width]) + [None] * (width - len(row))
        if is_blank(cells):
            blanks += 1
            continue
        if number > MAX_IMPORT_ROWS + 1:
            # Counted as the spreadsheet counts, blank rows included: they
            # keep their places, so that errors name the rows Excel shows.
            raise FileRefused(
                f"Tệp có nội dung ở dòng {format_vn_number(number)}, quá dòng "
                f"{format_vn_number(MAX_IMPORT_ROWS + 1)}: mỗi tệp chỉ dùng dòng tiêu "
                f"đề và {format_vn_number(MAX_IMPORT_ROWS)} dòng dưới nó. Hãy chia "
                "thành nhiều tệp, hoặc xóa các dòng trống ở giữa."
            )
        for _ in range(blanks):
            dataset.append([None] * width)
        blanks = 0
        dataset.append(cells)
    return dataset


class SafeCSV(CSV):
    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        text = io.StringIO(in_stream.lstrip("\ufeff"), newline="")
        return read_rows(csv.reader(text))

    def export_data(self, dataset, **kwargs):
        return super().export_data(escape_formulae(dataset), **kwargs)


class SafeJSON(JSON):
    def create_dataset(self, in_stream, **kwargs):
        try:
            records = json.loads(in_stream)
        except ValueError as error:
            raise FileRefused(f"Tệp JSON không đọc được: {error}.") from error
        if not isinstance(records, list) or not all(
            isinstance(record, dict) for record in records
        ):
            raise FileRefused(
                "Tệp JSON phải là một danh sách, mỗi dòng một đối tượng "
                "{“tên cột”: giá trị}, như tệp xuất từ trang này."
            )
        # Every column any record names, in the order they first appear: a key
        # only a later record holds is read, not silently dropped.
        headers = list(dict.fromkeys(key for record in records for key in record))
        return read_rows(
            [headers, *([record.get(h) for h in headers] for record in records)]
        )


class SafeXLSX(XLSX):
    """XLSX with numbers and dates as real cells, in Vietnamese-style formats.

    Read from the first sheet's cells, not from the size the file claims: a sheet
    LibreOffice saved after deleting rows says it reaches row 1.048.576.
    """

    def create_dataset(self, in_stream):
        try:
            members = zipfile.ZipFile(io.BytesIO(in_stream)).infolist()
        except zipfile.BadZipFile as error:
            raise FileRefused(
                "Tệp không phải là bảng tính XLSX: hãy chọn đúng định dạng của tệp."
            ) from error
        if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
            raise FileRefused(
                f"Tệp XLSX giải nén ra hơn {MAX_UNPACKED_BYTES // 1024 // 1024} MB: "
                "hãy chia thành nhiều tệp nhỏ hơn."
            )
        book = load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        try:
            sheet = book.active
            sheet.reset_dimensions()
            return read_rows(sheet.iter_rows(values_only=True))
        finally:
            book.close()

    def export_data(self, dataset, **kwargs):
        book = Workbook()
        sheet = book.active
        sheet.title = (dataset.title or "Du lieu")[:31]
        sheet.append(list(dataset.headers or []))
        for row in dataset:
            sheet.append([_spreadsheet_cell(cell) for cell in row])
        format_sheet(sheet)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()


def _spreadsheet_cell(cell):
    if isinstance(cell, str):
        # Characters a workbook cannot hold (control characters) would fail it.
        return escape_cell(ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", cell))
    return cell


def number_format(value):
    """Return the spreadsheet format of a cell holding value, or None for text.

    Format codes are written the same in every language; Excel shows them with
    the separators of the computer's region: on a Vietnamese one, 292.145 and
    99,47, and dates day first.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, datetime.datetime):
        return "dd/mm/yyyy hh:mm"
    if isinstance(value, datetime.date):
        return "dd/mm/yyyy"
    if isinstance(value, int):
        return "#,##0"
    if isinstance(value, Decimal | float):
        return decimal_format(-Decimal(str(value)).normalize().as_tuple().exponent)
    return None


def decimal_format(places):
    """Return the spreadsheet format of a number with places decimal places."""
    return "#,##0" + ("." + "0" * places if places > 0 else "")


def format_sheet(sheet, header_rows=1):
    """Give a sheet's number and date cells their formats, bold headings, widths."""
    widths = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.row <= header_rows:
                cell.font = Font(bold=True)
            elif (code := number_format(cell.value)) is not None:
                cell.number_format = code
            shown = len(str(cell.value)) if cell.value is not None else 0
            widths[cell.column_letter] = max(widths.get(cell.column_letter, 0), shown)
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = min(max(width + 2, 10), 60)
    sheet.freeze_panes = sheet.cell(header_rows + 1, 1)


FORMATS = [SafeCSV, SafeXLSX, SafeJSON]


DASHES = str.maketrans({"–": "-", "—": "-"})


def text_key(text):
    """Return text as compared with what a clerk typed: no accents, case or spaces
    (and a hyphen for a dash, which keyboards do not have)."""
    return " ".join(fold(str(text or "")).lower().translate(DASHES).split())


class ExportForm(SelectableFieldsExportForm):
    """The export form, its column boxes labelled with the columns' names."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        return field.column_name if field else field_name


class ImportForm(forms.ImportForm):
    """The import form, refusing at once a file larger than an import reads."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(
                f"Tệp lớn hơn {MAX_IMPORT_BYTES // 1024 // 1024} MB: hãy chia thành "
                "nhiều tệp nhỏ hơn."
            )
        return upload


class AllOrNothingImport:
    """An ImportExportMixin in the portal's ways: Vietnamese file names and column
    boxes, real numbers and dates in XLSX, files read within stated limits, and a
    confirmed import that, like its preview, saves no row if any row is invalid."""

    import_formats = export_formats = FORMATS
    import_form_class = ImportForm
    export_form_class = ExportForm
    # Excel shows Vietnamese in a CSV file only when it starts with a byte-order mark.
    to_encoding = "utf-8-sig"

    def get_import_data_kwargs(self, **kwargs):
        return {
            **super().get_import_data_kwargs(**kwargs),
            "rollback_on_validation_errors": True,
        }

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, FileRefused):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def process_result(self, result, request):
        for warning in getattr(result, "warnings", []):
            messages.warning(request, warning)
        return super().process_result(result, request)

    def get_export_filename(self, request, queryset, file_format):
        """Name a download like bai-viet-27-11-2026.csv."""
        name = slugify(str(self.model._meta.verbose_name_plural))
        day = timezone.localdate()
        return f"{name}-{day:%d-%m-%Y}.{file_format.get_extension()}"

    def get_export_data(self, file_format, request, queryset, **kwargs):
        # django-import-export asks widgets for numbers and dates (not text) only
        # for its own binary format classes, compared by type, not for SafeXLSX.
        if not self.has_export_permission(request):
            raise PermissionDenied
        data = self.get_data_for_export(
            request, queryset, force_native_type=file_format.is_binary(), **kwargs
        )
        export_data = file_format.export_data(data)
        encoding = kwargs.get("encoding")
        if not file_format.is_binary() and encoding:
            export_data = export_data.encode(encoding)
        return export_data


class DateWidget(widgets.DateWidget):
    """A date written dd/mm/yyyy, or a spreadsheet's date cell."""

    def __init__(self):
        super().__init__(format=dates.DATE_INPUT_FORMATS[0])

    def clean(self, value, row=None, **kwargs):
        return dates.read_date(value)

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return dates.show_date(value)


class DateTimeWidget(widgets.DateTimeWidget):
    """A moment written dd/mm/yyyy HH:MM in Hà Nội time, or a date cell."""

    def __init__(self):
        super().__init__(format=dates.DATETIME_INPUT_FORMATS[0])

    def clean(self, value, row=None, **kwargs):
        return dates.read_datetime(value)

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type") and value is not None:
            # A spreadsheet has no time zones: Hà Nội time, to the minute as in text.
            moment = timezone.localtime(value).replace(second=0, microsecond=0)
            return moment.replace(tzinfo=None)
        return dates.show_datetime(value)


class WholeNumberWidget(widgets.IntegerWidget):
    """A whole number: 27, or 1.250 written the Vietnamese way, or a number cell."""

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        try:
            number = parse_vn_number(value)
        except ValueError:
            number = None
        if number is None or number != number.to_integral_value():
            raise ValueError(f"“{value}” không phải là số nguyên.")
        return int(number)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else str(value)


class YesNoWidget(widgets.BooleanWidget):
    """Yes or no, written "Có" or "Không" (or 1/0, x, true/false, đúng/sai)."""

    YES = {"co", "x", "1", "true", "dung"}
    NO = {"khong", "0", "false", "sai", ""}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        key = text_key(value)
        if key in self.YES:
            return True
        if key in self.NO:
            return False
        raise ValueError(f"“{value}” không rõ: hãy ghi Có hoặc Không.")

    def render(self, value, obj=None, **kwargs):
        return "Có" if value else "Không"


class ChoiceWidget(widgets.Widget):
    """One of a field's choices, by its name ("Đã xuất bản") or its code."""

    def __init__(self, field):
        super().__init__()
        self.label = str(field.verbose_name)
        self.blank = field.blank
        self.choices = [(code, str(name)) for code, name in field.flatchoices]

    def clean(self, value, row=None, **kwargs):
        key = text_key(value)
        for code, name in self.choices:
            if key in (text_key(code), text_key(name)):
                return code
        if not key and self.blank:
            return ""
        names = ", ".join(f"“{name}”" for _, name in self.choices)
        if not key:
            raise ValueError(f"Chưa ghi {self.label}: hãy ghi {names}.")
        raise ValueError(f"“{value}” không phải {self.label} nào: hãy ghi {names}.")

    def render(self, value, obj=None, **kwargs):
        return dict(self.choices).get(value, value or "")


WHOLE_NUMBER_FIELDS = [
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
]


class PortalRowResult(results.RowResult):
    def __init__(self):
        super().__init__()
        self.blank = False  # a row with nothing to import, left out of the preview


class PortalResult(results.Result):
    """An import's result whose rows are numbered as the spreadsheet numbers them
    (the header is row 1), with warnings that do not stop the import."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.warnings = []

    def append_row_result(self, row_result):
        if not row_result.blank:
            super().append_row_result(row_result)

    def append_invalid_row(self, number, row, validation_error):
        super().append_invalid_row(number + 1, row, validation_error)

    def append_error_row(self, number, row, errors):
        super().append_error_row(number + 1, row, errors)

    def row_errors(self):
        return [(row.number, row.errors) for row in self.error_rows]


class PortalResource(resources.ModelResource):
    """The base of every resource: columns and values in Vietnamese, dates day
    first, numbers as numbers in a spreadsheet; an exported cell changes nothing."""

    WIDGETS_MAP = {
        **resources.ModelResource.WIDGETS_MAP,
        **dict.fromkeys(WHOLE_NUMBER_FIELDS, WholeNumberWidget),
        "BooleanField": YesNoWidget,
        "DateField": DateWidget,
        "DateTimeField": DateTimeWidget,
    }

    class Meta:
        skip_unchanged = True

    def get_result_class(self):
        return PortalResult

    def get_row_result_class(self):
        return PortalRowResult

    def has_nothing(self, row):
        """Tell whether row has nothing to import: a blank line, here."""
        return is_blank(row.values())

    def before_import_row(self, row, **kwargs):
        """Read every text cell clean, as it is stored and compared."""
        row.update({k: clean(v) for k, v in row.items() if isinstance(v, str)})

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        field = super().field_from_django_field(field_name, django_field, readonly)
        field.column_name = column_name(django_field)
        if django_field.choices:
            field.widget = ChoiceWidget(django_field)
        return field

    def before_import(self, dataset, **kwargs):
        """Read the columns by their names with or without accents, in any case, or
        by the field names of older files; a missing code (Mã) column is empty."""
        known = {}
        for name, field in self.fields.items():
            for header in (field.column_name, name, field.attribute):
                known.setdefault(text_key(header), field.column_name)
        dataset.headers = [known.get(text_key(h), h) for h in dataset.headers or []]
        pk = self._meta.model._meta.pk
        for name in self.get_import_id_fields():
            field = self.fields[name]
            if (
                field.attribute == pk.attname
                and field.column_name not in dataset.headers
            ):
                dataset.append_col([""] * len(dataset), header=field.column_name)

    def get_instance(self, instance_loader, row):
        # A code or name that matches nothing is reported with the row's other
        # problems when its fields are read; here it only means "no such row yet".
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            return None

    def import_row(self, row, instance_loader, **kwargs):
        if self.has_nothing(row):
            result = self.get_row_result_class()()
            result.import_type = result.IMPORT_TYPE_SKIP
            result.blank = True
            return result
        result = super().import_row(row, instance_loader, **kwargs)
        error = result.validation_error
        if error is not None and hasattr(error, "error_dict"):
            # Problems are named by the file's columns, not the model's fields.
            result.validation_error = ValidationError(
                {self._column_of(name): e for name, e in error.error_dict.items()}
            )
        return result

    def _column_of(self, name):
        if name == NON_FIELD_ERRORS:
            return name
        for field in self.fields.values():
            if name in (field.attribute, field.column_name):
                return field.column_name
        try:
            return capfirst(self._meta.model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            return name

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        """Set field from its cell, unless that is the stored value as exported."""
        if not is_m2m and self._is_as_exported(field, instance, row, **kwargs):
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def _is_as_exported(self, field, instance, row, **kwargs):
        # An export may write a stored value with less detail than it has (a time
        # to the minute), or escaped (a formula); read back, the cell would change
        # a row nobody touched. It is the stored value when it reads the same as
        # the stored value written by the export.
        if (
            instance._state.adding
            or field.readonly
            or not field.attribute
            or field.column_name not in row
        ):
            return False
        cell = row[field.column_name]
        written = field.widget.render(field.get_value(instance))
        if cell in (written, escape_cell(written)):
            return True
        try:
            return field.clean(row, **kwargs) == field.clean(
                {**row, field.column_name: written}, **kwargs
            )
        except (ValueError, ObjectDoesNotExist):
            return False


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def column_name(django_field):
    """Return the column of a model field in files: its name on the change form."""
    if django_field.primary_key:
        return "Mã"
    return capfirst(str(django_field.verbose_name))


def xlsx_response(book, filename):
    """Return an openpyxl workbook as a download."""
    buffer = io.BytesIO()
    book.save(buffer)
    return attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), filename)


def csv_response(text, filename):
    """Return CSV text as a download that Excel opens in UTF-8 (with a BOM)."""
    response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    return attachment(response, filename)


def attachment(response, filename):
    """Mark response as a file to download under filename."""
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
