"""Draw the emblem at the sizes pages show it, from static/img/emblem.png."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from PIL import Image

# The header shows the emblem 44 CSS px wide (site.css, .brand img): 44 px for
# 1x screens, 88 px for 2x and more (srcset). The favicon is 64 px: browsers
# draw it at 16 to 32 px, twice that on sharp screens.
SIZES = {"emblem-44.png": 44, "emblem-88.png": 88, "favicon.png": 64}
# 64 colours keep the emblem's red, gold and soft edges; the files are a
# quarter of full-colour ones.
COLOURS = 64


class Command(BaseCommand):
    help = (
        "Draw static/img/emblem-44.png, emblem-88.png and favicon.png from emblem.png."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--folder", default=str(Path(settings.BASE_DIR) / "static" / "img")
        )

    def handle(self, *args, folder, **options):
        folder = Path(folder)
        source = Image.open(Path(settings.BASE_DIR) / "static/img/emblem.png")
        source = source.convert("RGBA")
        for name, size in SIZES.items():
            image = source.resize((size, size), Image.Resampling.LANCZOS)
            image = image.quantize(COLOURS, method=Image.Quantize.FASTOCTREE)
            image.save(folder / name, "PNG", optimize=True)
            self.stdout.write(
                f"{name}: {size}×{size}, {(folder / name).stat().st_size} B"
            )
