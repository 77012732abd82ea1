"""The templates read without scrolling: no line longer than 120 characters.

A longer line is wrapped where whitespace already separates two things, or
between block-level tags, so that the page reads and means the same. A Django
tag ({% %}, {{ }}) stays on one line: Django does not read one that spans two.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
MAX_LINE = 120


def test_no_template_line_is_longer_than_120_characters():
    paths = sorted(TEMPLATES.rglob("*.html"))
    assert paths, f"no templates under {TEMPLATES}"
    too_long = [
        f"{path.relative_to(ROOT)}:{number}: {len(line)} characters"
        for path in paths
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > MAX_LINE
    ]
    assert not too_long, f"lines over {MAX_LINE} characters:\n" + "\n".join(too_long)
