"""Cover pictures for the demo content, drawn with Pillow so nothing is downloaded."""

import io
import math
import random

from PIL import Image, ImageDraw

PALETTES = [
    ((165, 28, 28), (255, 213, 79)),
    ((21, 101, 192), (255, 255, 255)),
    ((46, 125, 50), (255, 241, 118)),
    ((191, 54, 12), (255, 224, 178)),
    ((69, 39, 160), (225, 190, 231)),
    ((0, 105, 92), (178, 223, 219)),
]


def draw_cover(seed, width=1200, height=800):
    """Return JPEG bytes of a simple street-and-flag scene, the same for a seed."""
    rng = random.Random(seed)
    base, accent = PALETTES[rng.randrange(len(PALETTES))]
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(round(c * (1 - t) + 250 * t) for c in base),
        )
    x = 0
    while x < width:
        w = rng.randint(80, 180)
        h = rng.randint(height // 4, int(height * 0.7))
        shade = tuple(max(0, c - rng.randint(40, 90)) for c in base)
        draw.rectangle([x, height - h, x + w - 6, height], fill=shade)
        for wy in range(height - h + 20, height - 30, 40):
            for wx in range(x + 12, x + w - 24, 30):
                if rng.random() < 0.6:
                    draw.rectangle([wx, wy, wx + 12, wy + 18], fill=accent)
        x += w
    flag_x = rng.randint(width // 5, width * 4 // 5)
    draw.line([(flag_x, 80), (flag_x, 360)], fill=(60, 60, 60), width=8)
    draw.rectangle([flag_x, 80, flag_x + 210, 220], fill=(218, 37, 29))
    cx, cy, r = flag_x + 105, 150, 48
    points = []
    for i in range(10):
        angle = -math.pi / 2 + i * math.pi / 5
        radius = r if i % 2 == 0 else r * 0.38
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=(255, 222, 0))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()
