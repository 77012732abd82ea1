"""A report's figures as a table, its charts and its open-data downloads.

The page, the charts and the CSV, JSON and XLSX files are all built from one
FigureTable, so they always show the same numbers.
"""

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from openpyxl import Workbook

from publishing.exports import decimal_format, format_sheet, number_format
from publishing.text import format_vn_number

from .charts import RankedChart
from .models import Figure, Ward

HUNDRED = Decimal(100)
# A chart ranks at least this many wards, the highest this much above the lowest:
# two wards, or 14 at 99,47% each, the table says as well.
CHART_WARDS = 3
CHART_SPREAD = Decimal("1.1")


@dataclass
class Card:
    """A stat card, read as one phrase: "Trên" "5.000" "người theo dõi hai fanpage"."""

    qualifier: str
    number: str
    words: str

    @property
    def figure(self):
        return f"{self.qualifier} {self.number}".lstrip()


@dataclass
class Column:
    """An indicator as the page shows it: the one place its wording is decided."""

    indicator: object
    label: str
    unit: str
    decimals: int
    is_ratio: bool
    qualifier: str = ""  # "trên" or "khoảng", written before every value
    counted: str = ""  # what a stat card names after its number
    precision: str = "chính xác"  # the qualifier as the files name it

    def number_format(self, value):
        """Return the spreadsheet format of a value's cell, as display writes it:
        "#,##0.00" for a ratio, or with the qualifier before the number,
        '"trên "#,##0' (the cell is still the number 5000)."""
        if self.is_ratio:
            code = decimal_format(self.decimals)
        else:
            code = number_format(plain_number(value))
        return f'"{self.qualifier} "{code}' if self.qualifier else code

    @property
    def heading_unit(self):
        """Return the unit to show after the label, or "" where the label names it.

        "Cử tri trong danh sách" counts voters ("cử tri"): no "(cử tri)" after it.
        """
        label = unicodedata.normalize("NFC", self.label).lower()
        unit = unicodedata.normalize("NFC", self.unit).lower().strip()
        if not unit or label == unit or label.startswith((unit + " ", unit + ",")):
            return ""
        return self.unit

    def display(self, value):
        """Return a value as a table cell shows it: "trên 5.000", "99,47", ""."""
        if value is None:
            return ""
        number = format_vn_number(value, self.decimals if self.is_ratio else None)
        return f"{self.qualifier} {number}" if self.qualifier else number

    def spoken(self, value):
        """Return a value as a person reads it, with what it counts.

        "trên 5.000 người", "99,47%", "42 cộng tác viên" for an indicator with no
        unit: never a bare number, so that no spreadsheet, in any language, takes
        it for another number (a bare "293.695" is a decimal to an English one).
        """
        shown = self.display(value)
        if self.is_ratio:
            return f"{shown}%"
        return f"{shown} {self.unit or self.counted}"

    def card(self, value):
        """Return the stat card of a value; a ratio names its numerator.

        "Trên" "5.000" "người theo dõi hai fanpage"; "" "99,47%" "cử tri đã bỏ phiếu".
        """
        number = format_vn_number(value, self.decimals if self.is_ratio else None)
        return Card(
            self.qualifier.capitalize(),
            number + ("%" if self.is_ratio else ""),
            self.counted,
        )

    def said(self, value):
        """Return a value with what it counts, as a sentence says it.

        "trên 5.000 người theo dõi hai fanpage"; "99,47% cử tri đã bỏ phiếu".
        """
        return f"{self.display(value)}{'%' if self.is_ratio else ''} {self.counted}"


def lower_first(text):
    """Lower a name's first letter to follow a number: "Cử tri…" -> "cử tri…".

    Left as it is when it starts a proper name ("Hà Nội…") or an abbreviation
    ("HĐND…").
    """
    words = text.split(" ", 2)
    first = words[0]
    proper = len(words) > 1 and words[1][:1].isupper()
    if proper or first[1:] != first[1:].lower():
        return text
    return first[:1].lower() + text[1:]


@dataclass
class Row:
    ward: object  # None for the district-wide row
    values: list = field(default_factory=list)
    cells: list = field(default_factory=list)  # the values as shown

    @property
    def label(self):
        return self.ward.name if self.ward else "Toàn quận"


class FigureTable:
    """Rows per ward (and one district-wide), columns per indicator."""

    def __init__(self, indicators, figures, wards):
        by_pk = {i.pk: i for i in indicators}
        self.columns = [column(i, by_pk) for i in indicators]
        stored = {(f.indicator_id, f.ward_id): f.value for f in figures}
        wards = list(wards)
        self.ward_count = len(wards)
        self.district = self._row(None, stored)
        self.wards = [
            row
            for row in (self._row(w, stored) for w in wards)
            if any(v is not None for v in row.values)
        ]
        # The ward table has only the indicators some ward has a figure for.
        self.ward_indexes = [
            index
            for index in range(len(self.columns))
            if any(row.values[index] is not None for row in self.wards)
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
            row.cells.append(column.display(value))
        return row

    @property
    def has_ward_figures(self):
        return bool(self.wards)

    @property
    def district_figures(self):
        """Return (column, value as shown) of the district-wide figures that are
        neither a stat card nor in the ward table's "Toàn quận" row: each figure
        is on the page once."""
        return [
            (column, cell)
            for index, (column, value, cell) in enumerate(
                zip(
                    self.columns, self.district.values, self.district.cells, strict=True
                )
            )
            if value is not None
            and not column.indicator.headline
            and index not in self.ward_indexes
        ]

    @property
    def ward_columns(self):
        return [self.columns[i] for i in self.ward_indexes]

    @property
    def ward_rows(self):
        """Return (ward, cells) of the ward table, one row per ward."""
        return [(row.label, self._ward_cells(row)) for row in self.wards]

    @property
    def ward_total(self):
        """Return the district-wide cells of the ward table."""
        return self._ward_cells(self.district)

    def _ward_cells(self, row):
        return [row.cells[index] for index in self.ward_indexes]

    def ward_lines(self):
        """Return a line per ward with figures, as search shows it.

        "Giáp Bát: 20.980 cử tri trong danh sách; 99,47% cử tri đã bỏ phiếu"
        """
        return [
            f"{row.label}: "
            + "; ".join(
                column.said(value)
                for column, value in zip(self.columns, row.values, strict=True)
                if value is not None
            )
            for row in self.wards
        ]

    def headline(self):
        """Return the stat cards of the district-wide headline figures."""
        return [
            column.card(value)
            for column, value in zip(self.columns, self.district.values, strict=True)
            if value is not None and column.indicator.headline
        ]

    @cached_property
    def chart(self):
        """Return the report's chart, or None: the wards of the first indicator,
        in the campaign's order, whose ward figures differ, ranked, with the
        district's figure marked.

        One chart: another indicator of the same wards mostly ranks them again
        (more voters, more polling stations), and the ward table has its figures.
        """
        for index, column in enumerate(self.columns):
            bars = [
                (row.label, row.values[index], row.cells[index])
                for row in self.wards
                if row.values[index] is not None
            ]
            values = [value for _, value, _ in bars]
            if len(bars) < CHART_WARDS or max(values) <= 0:
                continue
            if max(values) < min(values) * CHART_SPREAD:
                continue
            mark, mark_text = self._mark(column, self.district.values[index], bars)
            return RankedChart(
                anchor=f"bieu-do-{column.indicator.pk}",
                title=f"{column.label} theo phường",
                unit=column.heading_unit,
                bars=bars,
                mark=mark,
                mark_text=mark_text,
            )
        return None

    def _mark(self, column, district, bars):
        """Return the district's figure on the wards' scale and what it says:
        a rate or an average as it is, a count as its average per ward (when
        every ward has its figure)."""
        if district is None:
            return None, ""
        if column.is_ratio or column.decimals:
            unit = column.unit if column.is_ratio else f" {column.unit}".rstrip()
            return district, f"Toàn quận: {column.display(district)}{unit}"
        if len(bars) < self.ward_count:
            return None, ""
        average = district / self.ward_count
        number = format_vn_number(
            average.quantize(Decimal(1) if average >= 100 else Decimal("0.1"))
        )
        return average, f"Bình quân một phường: {number}"

    def records(self):
        """Return the table as plain rows for CSV and JSON, one per filled cell.

        gia_tri is the number for programs (293695, 99.47), muc_chinh_xac says
        whether it is exact ("chính xác"), a minimum ("trên") or an estimate
        ("khoảng"), and gia_tri_hien_thi is the figure as a person reads it
        ("trên 5.000 người", "99,47%").
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
                        "muc_chinh_xac": column.precision,
                        "gia_tri": plain_number(value),
                        "gia_tri_hien_thi": column.spoken(value),
                    }
                )
        return records

    def workbook(self, about):
        """Return the table as an XLSX workbook, as the page shows it.

        The first sheet has a row per ward and the district-wide row, a column per
        indicator, numbers as number cells; an indicator with a qualifier shows it
        before each number ("trên 5.000", the cell still the number 5000) and has
        a column of it beside its own. Ward codes are text cells ("00301"). The
        second sheet has about's (label, text) rows.
        """
        book = Workbook()
        sheet = book.active
        sheet.title = "Số liệu"
        headings = ["Phường", "Mã phường"]
        for column in self.columns:
            label = column.label
            headings.append(f"{label} ({column.unit})" if column.unit else label)
            if column.qualifier:
                headings.append(f"{label}: mức chính xác")
        sheet.append(headings)
        formats = {}
        for row in [*self.wards, self.district]:
            cells = [row.label, row.ward.code if row.ward else None]
            for column, value in zip(self.columns, row.values, strict=True):
                if value is not None:
                    formats[(sheet.max_row + 1, len(cells) + 1)] = column.number_format(
                        value
                    )
                cells.append(None if value is None else plain_number(value))
                if column.qualifier:
                    cells.append(None if value is None else column.qualifier)
            sheet.append(cells)
        format_sheet(sheet)
        # Over format_sheet's plain ones: a ratio's two places, the qualifier.
        for (row, col), code in formats.items():
            sheet.cell(row, col).number_format = code
        for (cell,) in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
            cell.number_format = "@"  # a code is text: "00301", not 301
        info = book.create_sheet("Thông tin")
        for line in about:
            info.append(list(line))
        if any(column.qualifier for column in self.columns):
            info.append(("Mức chính xác", QUALIFIERS_NOTE))
        format_sheet(info, header_rows=0)
        return book

    def csv(self):
        """Return the records as CSV text that no spreadsheet misreads.

        A CSV file cannot say what is a number and what is text: a spreadsheet
        guesses, by the rules of its language. So gia_tri is written for
        programs, "." before decimals and no thousands separator (293695,
        99.47): a whole number is a number to every spreadsheet, a decimal is a
        number to an English one and text to a Vietnamese one, for which "."
        groups thousands, but never another number, having at most two decimal
        places (Figure.value). gia_tri_hien_thi has words beside its number, so
        it stays text. A ward code starts with "P" ("P00301"): as "00301" every
        spreadsheet, and most programs, would read the number 301.
        """
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=RECORD_FIELDS)
        writer.writeheader()
        for record in self.records():
            code = record["ma_phuong"]
            writer.writerow(record | {"ma_phuong": f"P{code}" if code else ""})
        return buffer.getvalue()


# The fields of a record, in the order the CSV file has them.
RECORD_FIELDS = [
    "phuong",
    "ma_phuong",
    "chi_tieu",
    "don_vi",
    "muc_chinh_xac",
    "gia_tri",
    "gia_tri_hien_thi",
]

QUALIFIERS_NOTE = (
    "“trên”: số tối thiểu; “khoảng”: số ước tính; chỉ tiêu không có cột mức chính "
    "xác là số chính xác."
)


def plain_number(value):
    """Return a Decimal as a plain number for a file: 293695, 99.47."""
    return int(value) if value == value.to_integral_value() else float(value)


def column(indicator, by_pk):
    """Return the column of an indicator; by_pk holds its campaign's indicators."""
    counted = indicator
    if indicator.is_ratio:
        counted = by_pk.get(indicator.numerator_id, indicator)
    return Column(
        indicator,
        indicator.name,
        "%" if indicator.is_ratio else indicator.unit,
        2 if indicator.is_ratio else indicator.decimals,
        indicator.is_ratio,
        indicator.get_qualifier_display() if indicator.qualifier else "",
        lower_first(counted.name),
        indicator.get_qualifier_display(),
    )


def ratio(numerator, denominator):
    """Return numerator / denominator in percent, rounded to two places, or None."""
    if numerator is None or not denominator:
        return None
    return (numerator * HUNDRED / denominator).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def wards_over_total(figure_ids):
    """Return (report, indicator, wards' sum, district total) where the ward
    figures of an indicator add up to more than its district total.

    Checked for the reports and indicators of the figures figure_ids, of counts
    only (an indicator of 0 decimals: people, posts, households): an average or
    a rate typed by hand does not add up over the wards.
    """
    counted = Figure.objects.filter(pk__in=figure_ids, indicator__decimals=0)
    pairs = set(counted.values_list("report", "indicator"))
    totals, sums, named = {}, {}, {}
    figures = Figure.objects.filter(
        report__in={r for r, _ in pairs}, indicator__in={i for _, i in pairs}
    ).select_related("report", "indicator")
    for figure in figures:
        key = (figure.report_id, figure.indicator_id)
        named[key] = (figure.report, figure.indicator)
        if figure.ward_id is None:
            totals[key] = figure.value
        else:
            sums[key] = sums.get(key, 0) + figure.value
    return [
        (*named[key], sums[key], totals[key])
        for key in named
        if key in pairs and key in totals and sums.get(key, 0) > totals[key]
    ]
