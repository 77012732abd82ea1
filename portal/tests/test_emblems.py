import io
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from PIL import Image

from portal.management.commands.make_emblems import SIZES

IMAGES = Path(settings.BASE_DIR) / "static" / "img"


def test_make_emblems_draws_each_size_from_the_source(tmp_path):
    call_command("make_emblems", folder=str(tmp_path), stdout=io.StringIO())
    for name, size in SIZES.items():
        with Image.open(tmp_path / name) as image:
            assert image.size == (size, size)
            # Transparent corners, as the source has: it sits on the red header.
            assert image.convert("RGBA").getpixel((0, 0))[3] == 0


def test_the_committed_emblems_are_the_sizes_pages_show():
    """The header shows 44 CSS px (88 px at 2x); the favicon is 64 px."""
    for name, size in SIZES.items():
        with Image.open(IMAGES / name) as image:
            assert image.size == (size, size), name
        # A quarter of the source's full-colour 96 px file or less.
        assert (IMAGES / name).stat().st_size < 2500, name
