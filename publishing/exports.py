"""Imports and exports: safe in Excel, dates day first, and no change unasked."""

import io

import tablib
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpResponse
from import_export import resources, widgets
from import_export.formats.base_formats import CSV, JSON, XLSX

from . import dates
from .text import nfc

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


class SafeCSV(CSV):
    def export_data(self, dataset, **kwargs):
        return super().export_data(escape_formulae(dataset), **kwargs)


class SafeXLSX(XLSX):
    def export_data(self, dataset, **kwargs):
        return super().export_data(escape_formulae(dataset), **kwargs)


FORMATS = [SafeCSV, SafeXLSX, JSON]


class AllOrNothingImport:
    """An ImportMixin whose confirmed import, like its preview, saves no row if
    any row is invalid."""

    import_formats = export_formats = FORMATS
    # Excel shows Vietnamese in a CSV file only when it starts with a byte-order mark.
    to_encoding = "utf-8-sig"

    def get_import_data_kwargs(self, **kwargs):
        return {
            **super().get_import_data_kwargs(**kwargs),
            "rollback_on_validation_errors": True,
        }


class DateWidget(widgets.DateWidget):
    """A date written dd/mm/yyyy, or a spreadsheet's date cell."""

    def __init__(self):
        super().__init__(format=dates.DATE_INPUT_FORMATS[0])

    def clean(self, value, row=None, **kwargs):
        return dates.read_date(value)

    def render(self, value, obj=None, **kwargs):
        # Text even in a spreadsheet, which would show a date cell its own way.
        return dates.show_date(value)


class DateTimeWidget(widgets.DateTimeWidget):
    """A moment written dd/mm/yyyy HH:MM in Hà Nội time, or a date cell."""

    def __init__(self):
        super().__init__(format=dates.DATETIME_INPUT_FORMATS[0])

    def clean(self, value, row=None, **kwargs):
        return dates.read_datetime(value)

    def render(self, value, obj=None, **kwargs):
        return dates.show_datetime(value)


class PortalResource(resources.ModelResource):
    """The base of every resource: dates day first; an exported cell changes nothing."""

    WIDGETS_MAP = {
        **resources.ModelResource.WIDGETS_MAP,
        "DateField": DateWidget,
        "DateTimeField": DateTimeWidget,
    }

    class Meta:
        skip_unchanged = True

    def before_import_row(self, row, **kwargs):
        """Read every text cell in NFC, the form it is stored and compared in."""
        row.update({k: nfc(v) for k, v in row.items() if isinstance(v, str)})

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
