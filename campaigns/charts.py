"""A report's ward figures as ranked horizontal bars, drawn on the server as SVG.

templates/campaigns/includes/ranked_chart.html draws a RankedChart: its title
above it, the wards from the highest to the lowest, and a line marking the
district's figure (its rate, or for a count the average per ward). The bars carry
no numbers: the ward table has them, and the chart's own table, one tap away, has
them in the chart's order.

Each ward has its name and its bar on one row, so 14 wards take about 360 CSS px
on a phone. The drawing is 320 units wide and its text FONT units, as in
publishing/charts.py: at least 12 CSS px on a 360 px screen.
"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass
class RankedBar:
    label: str
    value: Decimal
    display: str  # the value as the tables write it
    y: int
    width: float
    shown: str  # the label as drawn: a long one is cut, the table has it whole


@dataclass
class Mark:
    """The district's figure on the chart's scale: its line, and what it says in
    the chart's key above it."""

    x: float
    text: str


class RankedChart:
    WIDTH = 320
    FONT = 14
    ROW = 20
    LABEL_Y = 15  # baseline of a ward's name, from the top of its row
    BAR_Y = 4
    BAR_HEIGHT = 13
    BAR_X = 118  # the bars start after the names
    LABEL_CHARACTERS = 14

    def __init__(self, anchor, title, unit, bars, mark=None, mark_text=""):
        """bars: (label, value, value as shown) in any order; mark: the district's
        figure on the bars' scale (or None), mark_text what the mark says."""
        self.anchor = anchor
        self.title = title
        self.unit = unit
        ranked = sorted(bars, key=lambda bar: bar[1], reverse=True)
        top = max([value for _, value, _ in ranked] + [mark or 0]) or 1
        self.bar_area = self.WIDTH - self.BAR_X - 4
        self.bars = [
            RankedBar(
                label,
                value,
                display,
                index * self.ROW,
                float(value / top) * self.bar_area,
                self._cut(label),
            )
            for index, (label, value, display) in enumerate(ranked)
        ]
        self.height = len(self.bars) * self.ROW
        self.mark = None
        if mark is not None:
            self.mark = Mark(self.BAR_X + float(mark / top) * self.bar_area, mark_text)
        self.description = self._describe(mark_text)

    def _describe(self, mark_text):
        """Say what the chart shows: "… 14 phường xếp từ cao xuống thấp. Cao nhất:
        Hoàng Liệt, 33.200; thấp nhất: Trần Phú, 10.216.", naming a tie."""
        if not self.bars:
            return ""
        highest = self._end("cao nhất", self.bars[0].value)
        text = (
            f"Biểu đồ cột ngang: {self.title}, {len(self.bars)} phường xếp từ cao "
            f"xuống thấp. {highest[:1].upper()}{highest[1:]}; "
            f"{self._end('thấp nhất', self.bars[-1].value)}."
        )
        return f"{text} {mark_text}." if mark_text else text

    def _end(self, which, value):
        """Say which ward is highest or lowest: "cao nhất: Hoàng Liệt, 33.200", or
        of a tie "7 phường cùng cao nhất: 2"."""
        tied = [bar for bar in self.bars if bar.value == value]
        if len(tied) > 1:
            return f"{len(tied)} phường cùng {which}: {tied[0].display}"
        return f"{which}: {tied[0].label}, {tied[0].display}"

    def _cut(self, label):
        limit = self.LABEL_CHARACTERS
        return label if len(label) <= limit else label[: limit - 1] + "…"
