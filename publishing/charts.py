"""Horizontal bar charts drawn on the server as accessible SVG.

templates/includes/bar_chart.html draws a BarChart with its title and description
and puts the same numbers in a table with it: no script, no chart library.

Each bar has its label on a line of its own above it, so that labels of any
length leave the bars the whole width. The chart is drawn 320 units wide, about
the width of a phone's column, and its text at FONT units, so that text stays at
least 12 CSS px on a 360 px screen (the stylesheet keeps it from growing much on
a desktop).
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
    shown: str  # the label as drawn: a long one is cut, the table has it whole


class BarChart:
    WIDTH = 320
    FONT = 14
    ROW = 40
    LABEL_Y = 15  # baseline of the label, from the top of the row
    BAR_Y = 20
    BAR_HEIGHT = 13
    VALUE_Y = 31  # baseline of the value, beside the end of the bar
    # Room at the end of the longest bar for its value: a digit is ~0.6 em.
    DIGIT = 9
    LABEL_CHARACTERS = 38

    def __init__(self, anchor, title, unit, bars, row_header):
        """bars: (label, value, value as shown) in the order to draw them."""
        self.anchor = anchor
        self.title = title
        self.unit = unit
        self.row_header = row_header
        top = max((value for _, value, _ in bars), default=0) or 1
        longest = max((len(display) for _, _, display in bars), default=0)
        bar_area = self.WIDTH - 8 - self.DIGIT * longest
        self.bars = [
            Bar(
                label,
                value,
                display,
                index * self.ROW,
                float(value / top) * bar_area,
                self._cut(label),
            )
            for index, (label, value, display) in enumerate(bars)
        ]
        self.height = len(self.bars) * self.ROW
        unit_text = f" ({unit})" if unit else ""
        description = f"Biểu đồ cột ngang: {title}{unit_text}, {len(self.bars)} mục."
        self.description = description + self._highest()

    def _highest(self):
        """Say which bars are highest, naming a tie: "7 phường cùng cao nhất: 2"."""
        if not self.bars:
            return ""
        top = max(bar.value for bar in self.bars)
        highest = [bar for bar in self.bars if bar.value == top]
        if len(highest) == 1:
            return f" Cao nhất: {highest[0].label}, {highest[0].display}."
        return (
            f" {len(highest)} {self.row_header.lower()} cùng cao nhất: "
            f"{highest[0].display}."
        )

    def _cut(self, label):
        limit = self.LABEL_CHARACTERS
        return label if len(label) <= limit else label[: limit - 1] + "…"
