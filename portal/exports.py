"""Spreadsheet formats whose exports are safe to open in Excel."""

import tablib
from import_export.formats.base_formats import CSV, JSON, XLSX

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
