"""A report's figures as a table, its charts and its open-data downloads.

The page, the charts and the CSV and JSON files are all built from one
FigureTable, so they always show the same numbers.
"""

import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from publishing.charts import BarChart
from publishing.text import format_vn_number

from .models import Ward

HUNDRED = Decimal(100)


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
        """Return (column, value as shown) of every district-wide figure."""
        return [
            (column, cell)
            for column, value, cell in zip(
                self.columns, self.district.values, self.district.cells, strict=True
            )
            if value is not None
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

    def headline(self):
        """Return the stat cards of the district-wide headline figures."""
        return [
            column.card(value)
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
                charts.append(
                    BarChart(
                        anchor=f"bieu-do-{column.indicator.pk}",
                        title=f"{column.label} theo phường",
                        unit=column.heading_unit,
                        bars=[
                            (label, value, column.display(value))
                            for label, value in bars
                        ],
                        row_header="Phường",
                    )
                )
        return charts

    def records(self):
        """Return the table as plain rows for CSV and JSON, one per filled cell."""
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
                        "gia_tri": str(value.normalize())
                        if value % 1
                        else str(int(value)),
                        "gia_tri_hien_thi": column.display(value),
                    }
                )
        return records


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
    )


def ratio(numerator, denominator):
    """Return numerator / denominator in percent, rounded to two places, or None."""
    if numerator is None or not denominator:
        return None
    return (numerator * HUNDRED / denominator).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
