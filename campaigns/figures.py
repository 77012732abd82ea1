"""A report's figures as a table, its charts and its open-data downloads.

The page, the charts and the CSV, JSON and XLSX files are all built from one
FigureTable, so they always show the same numbers.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from openpyxl import Workbook

from publishing.charts import BarChart
from publishing.exports import decimal_format, format_sheet
from publishing.text import format_vn_number

from .models import Ward

HUNDRED = Decimal(100)


@dataclass
class Column:
    indicator: object
    label: str
    unit: str
    decimals: int
    is_ratio: bool


@dataclass
class Row:
    ward: object  # None for the district-wide row
    values: list = field(default_factory=list)

    @property
    def label(self):
        return self.ward.name if self.ward else "Toàn quận"


class FigureTable:
    """Rows per ward (and one district-wide), columns per indicator."""

    def __init__(self, indicators, figures, wards):
        self.columns = [
            Column(
                i,
                i.name,
                "%" if i.is_ratio else i.unit,
                2 if i.is_ratio else i.decimals,
                i.is_ratio,
            )
            for i in indicators
        ]
        stored = {(f.indicator_id, f.ward_id): f.value for f in figures}
        self.district = self._row(None, stored)
        self.wards = [
            row
            for row in (self._row(w, stored) for w in wards)
            if any(v is not None for v in row.values)
        ]

    @classmethod
    def for_report(cls, report, indicators):
        """Build the table of report; indicators are its campaign's, in order."""
        return cls(indicators, report.figures.all(), Ward.objects.all())

    def _row(self, ward, stored):
        row = Row(ward)
        key = ward.pk if ward else None
        for column in self.columns:
            indicator = column.indicator
            if column.is_ratio:
                value = ratio(
                    stored.get((indicator.numerator_id, key)),
                    stored.get((indicator.denominator_id, key)),
                )
            else:
                value = stored.get((indicator.pk, key))
            row.values.append(value)
        return row

    @property
    def has_ward_figures(self):
        return bool(self.wards)

    def headline(self):
        """Return (column, value) of the district-wide headline figures."""
        return [
            (column, value)
            for column, value in zip(self.columns, self.district.values, strict=True)
            if value is not None and column.indicator.headline
        ]

    def charts(self):
        """Return one bar chart per indicator that has per-ward values."""
        charts = []
        for index, column in enumerate(self.columns):
            bars = [
                (row.label, row.values[index])
                for row in self.wards
                if row.values[index] is not None
            ]
            if bars:
                decimals = column.decimals if column.is_ratio else None
                charts.append(
                    BarChart(
                        anchor=f"bieu-do-{column.indicator.pk}",
                        title=f"{column.label} theo phường",
                        unit=column.unit,
                        bars=[
                            (label, value, format_vn_number(value, decimals))
                            for label, value in bars
                        ],
                        row_header="Phường",
                    )
                )
        return charts

    def records(self):
        """Return the table as plain rows for CSV and JSON, one per filled cell.

        gia_tri is a number (293695, 99.47: no thousands separator, "." before
        decimals), gia_tri_hien_thi the same number as the page writes it.
        """
        records = []
        for row in [self.district, *self.wards]:
            for column, value in zip(self.columns, row.values, strict=True):
                if value is None:
                    continue
                records.append(
                    {
                        "phuong": row.label,
                        "ma_phuong": row.ward.code if row.ward else "",
                        "chi_tieu": column.label,
                        "don_vi": column.unit,
                        "gia_tri": plain_number(value),
                        "gia_tri_hien_thi": format_vn_number(
                            value, column.decimals if column.is_ratio else None
                        ),
                    }
                )
        return records

    def workbook(self, about):
        """Return the table as an XLSX workbook, as the page shows it.

        The first sheet has a row per ward and the district-wide row, a column per
        indicator, numbers as number cells; the second, about's (label, text) rows.
        """
        book = Workbook()
        sheet = book.active
        sheet.title = "So lieu"
        sheet.append(
            ["Phường", "Mã phường"]
            + [
                f"{column.label} ({column.unit})" if column.unit else column.label
                for column in self.columns
            ]
        )
        for row in [*self.wards, self.district]:
            sheet.append(
                [row.label, row.ward.code if row.ward else ""]
                + [None if v is None else plain_number(v) for v in row.values]
            )
        format_sheet(sheet)
        for index, column in enumerate(self.columns, start=3):
            if column.is_ratio:
                # A ratio keeps its decimal places, as on the page: 100,00.
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    if cell.value is not None:
                        cell.number_format = decimal_format(column.decimals)
        info = book.create_sheet("Thong tin")
        for line in about:
            info.append(list(line))
        format_sheet(info, header_rows=0)
        return book


def plain_number(value):
    """Return a Decimal as a plain number for a file: 293695, 99.47."""
    return int(value) if value == value.to_integral_value() else float(value)


def ratio(numerator, denominator):
    """Return numerator / denominator in percent, rounded to two places, or None."""
    if numerator is None or not denominator:
        return None
    return (numerator * HUNDRED / denominator).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
