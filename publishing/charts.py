"""Horizontal bar charts drawn on the server as accessible SVG.

templates/includes/bar_chart.html draws a BarChart with its title and description
and puts the same numbers in a table beside it: no script, no chart library.
"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass
class Bar:
    label: str
    value: Decimal
    display: str
    y: int
    width: float


class BarChart:
    ROW = 30
    LABEL_WIDTH = 130
    BAR_AREA = 280
    WIDTH = 480

    def __init__(self, anchor, title, unit, bars, row_header):
        """bars: (label, value, value as shown) in the order to draw them."""
        self.anchor = anchor
        self.title = title
        self.unit = unit
        self.row_header = row_header
        top = max((value for _, value, _ in bars), default=0) or 1
        self.bars = [
            Bar(
                label,
                value,
                display,
                index * self.ROW,
                float(value / top) * self.BAR_AREA,
            )
            for index, (label, value, display) in enumerate(bars)
        ]
        self.height = len(self.bars) * self.ROW
        unit_text = f" ({unit})" if unit else ""
        description = f"Biểu đồ cột ngang: {title}{unit_text}, {len(self.bars)} mục."
        if self.bars:
            highest = max(self.bars, key=lambda bar: bar.value)
            description += f" Cao nhất: {highest.label}, {highest.display}."
        self.description = description
