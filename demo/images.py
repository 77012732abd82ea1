"""Cover pictures for the demo content, drawn with Pillow so nothing is downloaded.

Each article gets a scene that fits what it is about (a hall, a ballot box, a road
being built...), in a palette and an arrangement of its own drawn from its slug:
the same slug always gives the same picture.
"""

import colorsys
import io
import math
import random

from PIL import Image, ImageDraw, ImageOps

from publishing.text import fold

WIDTH, HEIGHT = 1200, 800

# (sky at the top, sky at the horizon, main colour, accent, ground)
PALETTES = [
    ((250, 170, 90), (255, 236, 200), (165, 28, 28), (255, 213, 79), (120, 90, 70)),
    ((70, 140, 220), (205, 230, 250), (21, 101, 192), (255, 255, 255), (90, 120, 90)),
    ((120, 190, 160), (225, 245, 230), (46, 125, 50), (255, 241, 118), (80, 110, 60)),
    ((230, 120, 80), (255, 224, 178), (191, 54, 12), (255, 245, 220), (110, 80, 60)),
    ((110, 90, 180), (225, 205, 240), (69, 39, 160), (255, 214, 120), (90, 80, 110)),
    ((40, 150, 160), (200, 235, 235), (0, 105, 92), (255, 224, 130), (70, 100, 90)),
    ((90, 110, 140), (220, 225, 235), (55, 71, 79), (255, 193, 7), (96, 96, 96)),
    ((240, 150, 150), (255, 230, 225), (173, 20, 87), (255, 236, 179), (120, 85, 95)),
]
FLAG_RED, STAR_YELLOW = (218, 37, 29), (255, 222, 0)

# What each scene shows, for the picture's alt text.
SCENES = {
    "street": "dãy nhà phố rợp cờ đỏ sao vàng",
    "hall": "hội trường có sân khấu, băng rôn đỏ và hàng ghế đại biểu",
    "ballot": "hòm phiếu, lá phiếu và hàng cờ ngày bầu cử",
    "green_zone": "khu dân cư có chốt kiểm soát và tấm khiên xanh",
    "road": "con đường đang mở rộng, cần cẩu và các tòa nhà mới",
    "book": "cuốn sách mở, hoa sen và ngôi sao vàng",
    "desk": "quầy tiếp dân một cửa có bảng số thứ tự",
    "network": "điện thoại với bài đăng, lượt thích và mạng kết nối",
    "park": "hồ nước, hàng cây và lối đi trong công viên",
}
# The first scene whose words an article's slug contains; else a park or a street.
SCENE_WORDS = [
    ("road", ["giai-phong-mat-bang", "ban-giao-mat-bang", "vanh-dai"]),
    ("network", ["khong-gian-mang", "mang-xa-hoi", "truyen-hinh", "fan-page"]),
    ("desk", ["mot-cua", "tiep-cong-dan", "hanh-chinh"]),
    ("green_zone", ["vung-xanh", "to-tu-quan", "covid", "gian-cach"]),
    ("street", ["co-hoa", "dien-mao", "pho"]),
    ("ballot", ["bau-cu", "cu-tri"]),
    ("book", ["chi-thi", "lam-theo-bac", "vinh-danh", "hoc-tap"]),
    ("hall", ["tong-ket", "tap-huan", "hoi-nghi", "hoat-dong", "dinh-huong"]),
]


def scene_for(slug):
    """Return the name of the scene that fits an article's slug."""
    text = fold(str(slug)).lower()
    for scene, words in SCENE_WORDS:
        if any(word in text for word in words):
            return scene
    return random.Random(f"scene:{slug}").choice(["park", "street"])


def cover_alt(scene):
    """Return the alt text of a scene's picture."""
    return f"Tranh minh họa: {SCENES[scene]}"


def draw_cover(seed, width=WIDTH, height=HEIGHT, scene=None):
    """Return JPEG bytes of a cover for seed (a slug), the same for the same seed."""
    scene = scene or scene_for(seed)
    rng = random.Random(f"{scene}:{seed}")
    palette = _vary(rng.choice(PALETTES), rng)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    _DRAW[scene](draw, rng, palette)
    if rng.random() < 0.5:
        image = ImageOps.mirror(image)
    if (width, height) != (WIDTH, HEIGHT):
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _vary(palette, rng):
    """Return palette turned a little around the colour wheel, the same way for all."""
    turn = rng.uniform(-0.07, 0.07)
    varied = []
    for colour in palette:
        h, lightness, saturation = colorsys.rgb_to_hls(*(c / 255 for c in colour))
        rgb = colorsys.hls_to_rgb((h + turn) % 1, lightness, saturation)
        varied.append(tuple(round(c * 255) for c in rgb))
    return tuple(varied)


def _mix(a, b, t):
    return tuple(round(x * (1 - t) + y * t) for x, y in zip(a, b, strict=True))


def _shade(colour, amount):
    return tuple(max(0, min(255, c + amount)) for c in colour)


def _sky(draw, top, bottom, horizon=HEIGHT):
    for y in range(0, horizon, 4):
        draw.rectangle([0, y, WIDTH, y + 4], fill=_mix(top, bottom, y / horizon))


def _star(draw, cx, cy, r, fill=STAR_YELLOW):
    points = []
    for i in range(10):
        angle = -math.pi / 2 + i * math.pi / 5
        radius = r if i % 2 == 0 else r * 0.38
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=fill)


def _flag(draw, x, y, w, pole=None):
    h = w * 2 // 3
    if pole:
        draw.line([(x, y), (x, y + pole)], fill=(70, 70, 70), width=max(3, w // 25))
    draw.rectangle([x, y, x + w, y + h], fill=FLAG_RED)
    _star(draw, x + w / 2, y + h / 2, h * 0.32)


def _tree(draw, x, ground, size, green):
    draw.rectangle(
        [x - size // 10, ground - size, x + size // 10, ground], fill=(96, 70, 50)
    )
    for i, scale in enumerate((1.0, 0.8, 0.6)):
        r = size * 0.45 * scale
        cy = ground - size - i * size * 0.3
        draw.ellipse([x - r, cy - r, x + r, cy + r], fill=_shade(green, i * 18))


def _person(draw, x, ground, size, colour):
    head = size * 0.22
    draw.ellipse(
        [x - head, ground - size, x + head, ground - size + 2 * head],
        fill=(240, 200, 170),
    )
    draw.rounded_rectangle(
        [x - size * 0.3, ground - size + 2.2 * head, x + size * 0.3, ground],
        radius=int(size * 0.15),
        fill=colour,
    )


def _buildings(draw, rng, palette, ground, lit=0.6):
    _, _, main, accent, _ = palette
    x = -rng.randint(0, 60)
    while x < WIDTH:
        w = rng.randint(90, 190)
        h = rng.randint(HEIGHT // 5, int(HEIGHT * 0.55))
        draw.rectangle(
            [x, ground - h, x + w - 8, ground], fill=_shade(main, -rng.randint(30, 80))
        )
        for wy in range(ground - h + 22, ground - 30, 42):
            for wx in range(x + 14, x + w - 30, 32):
                if rng.random() < lit:
                    draw.rectangle([wx, wy, wx + 13, wy + 20], fill=accent)
        x += w


def _street(draw, rng, palette):
    top, bottom, main, accent, ground = palette
    horizon = 640
    _sky(draw, top, bottom, horizon)
    _buildings(draw, rng, palette, horizon)
    draw.rectangle([0, horizon, WIDTH, HEIGHT], fill=_shade(ground, -20))
    draw.rectangle([0, horizon, WIDTH, horizon + 18], fill=(200, 200, 200))
    for x in range(30, WIDTH, 140):
        draw.rectangle([x, 720, x + 70, 730], fill=(245, 245, 245))
    for x in range(rng.randint(40, 120), WIDTH, rng.randint(170, 240)):
        _flag(draw, x, horizon - 230, 84, pole=230)
    # Bunting across the street.
    for i in range(24):
        x = i * 52
        colour = FLAG_RED if i % 2 else STAR_YELLOW
        draw.polygon([(x, 60), (x + 44, 60), (x + 22, 100)], fill=colour)
    draw.line([(0, 60), (WIDTH, 60)], fill=(80, 80, 80), width=3)


def _hall(draw, rng, palette):
    _, _, main, accent, ground = palette
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=_shade(main, -60))
    draw.rectangle([120, 60, 1080, 430], fill=main)
    draw.rectangle([120, 60, 1080, 130], fill=_shade(main, -30))
    for x in range(160, 1060, 60):
        draw.rectangle([x, 140, x + 40, 150], fill=accent)
    _star(draw, 600, 270, 95)
    for side in (-1, 1):
        _flag(draw, 600 + side * 330 - 60, 200, 120)
    draw.rectangle([80, 430, 1120, 500], fill=_shade(ground, 30))
    draw.rectangle([520, 360, 680, 500], fill=_shade(main, -40))
    draw.ellipse([585, 330, 615, 360], fill=(240, 200, 170))
    draw.rectangle([0, 500, WIDTH, HEIGHT], fill=_shade(ground, -10))
    colours = [_shade(main, -20), (60, 60, 70), _shade(accent, -60), (40, 70, 120)]
    for row, y in enumerate(range(580, 820, 70)):
        for x in range(40 + (row % 2) * 40, WIDTH, 80):
            if rng.random() < 0.85:
                _person(draw, x, y + 40, 70, rng.choice(colours))
        draw.rectangle([0, y + 40, WIDTH, y + 52], fill=_shade(ground, -40))


def _ballot(draw, rng, palette):
    top, bottom, main, _, ground = palette
    _sky(draw, _mix(top, (255, 255, 255), 0.3), bottom, 560)
    flags = rng.randint(3, 6)
    for i in range(flags):
        x = 60 + i * (1080 // flags) + rng.randint(0, 60)
        _flag(draw, x, 60 + rng.randint(0, 60), rng.randint(90, 120), pole=220)
    draw.rectangle([0, 560, WIDTH, HEIGHT], fill=_shade(ground, 40))
    x0 = rng.randint(260, 520)
    size = rng.randint(380, 460)
    draw.rectangle([x0, 380, x0 + size, 700], fill=(235, 232, 225))
    draw.rectangle([x0, 380, x0 + size, 420], fill=FLAG_RED)
    mid = x0 + size // 2
    draw.rectangle([mid - 80, 392, mid + 80, 404], fill=(60, 20, 20))
    _star(draw, mid, 560, 90, fill=FLAG_RED)
    for i in range(rng.randint(2, 5)):
        x, y = mid + rng.randint(-120, 120), rng.randint(230, 330)
        angle = rng.uniform(-0.4, 0.4)
        corners = [(-55, -75), (55, -75), (55, 75), (-55, 75)]
        draw.polygon(
            [
                (
                    x + cx * math.cos(angle) - cy * math.sin(angle),
                    y + cx * math.sin(angle) + cy * math.cos(angle),
                )
                for cx, cy in corners
            ],
            fill=(255, 255, 255),
            outline=_shade(main, -20),
        )
        draw.line([(x - 30, y - 30 + i), (x + 30, y - 30 + i)], fill=main, width=4)
    colours = [main, (40, 70, 120), (90, 140, 90), (150, 90, 60)]
    for x in rng.sample([110, 210, 1000, 1100], rng.randint(1, 4)):
        _person(draw, x, 740, rng.randint(170, 220), rng.choice(colours))


def _green_zone(draw, rng, palette):
    top, bottom, _, accent, ground = palette
    green = (46, 160, 67)
    roof = rng.choice([green, (200, 90, 50), (60, 110, 170)])
    _sky(draw, top, bottom, 600)
    sun = rng.randint(80, 1120)
    draw.ellipse([sun - 50, 60, sun + 50, 160], fill=accent)
    x = -rng.randint(0, 80)
    while x < WIDTH:
        w = rng.randint(110, 210)
        h = rng.randint(130, 280)
        wall = _mix((250, 245, 235), bottom, rng.uniform(0.1, 0.4))
        draw.rectangle([x + 10, 600 - h, x + w - 10, 600], fill=wall)
        draw.polygon(
            [(x, 600 - h), (x + w / 2, 600 - h - 70), (x + w, 600 - h)], fill=roof
        )
        draw.rectangle([x + w / 2 - 20, 540, x + w / 2 + 20, 600], fill=(120, 80, 50))
        x += w
    draw.rectangle([0, 600, WIDTH, HEIGHT], fill=_shade(ground, 20))
    # The checkpoint: a barrier and a tent, the team beside it.
    tent = rng.randint(640, 820)
    draw.polygon(
        [(tent, 520), (tent + 140, 450), (tent + 280, 520)], fill=(30, 120, 200)
    )
    draw.rectangle([tent + 20, 520, tent + 260, 640], fill=(230, 240, 250))
    left = rng.randint(150, 320)
    draw.rectangle([left, 650, tent, 670], fill=(220, 40, 40))
    for x in range(left, tent, 80):
        draw.rectangle([x, 650, x + 40, 670], fill=(250, 250, 250))
    draw.rectangle([left - 10, 640, left + 10, 740], fill=(80, 80, 80))
    for i in range(rng.randint(1, 3)):
        _person(draw, tent + 60 + i * 90, 700, 150, rng.choice([green, (30, 120, 200)]))
    # The shield of the "green zone".
    cx, cy, r = rng.randint(180, 480), rng.randint(200, 260), rng.randint(90, 130)
    draw.polygon(
        [
            (cx - r, cy - r),
            (cx + r, cy - r),
            (cx + r, cy),
            (cx, cy + r * 1.3),
            (cx - r, cy),
        ],
        fill=green,
    )
    draw.rectangle([cx - r / 6, cy - r * 0.7, cx + r / 6, cy + r * 0.35], fill="white")
    draw.rectangle([cx - r / 2, cy - r * 0.33, cx + r / 2, cy], fill="white")
    for _ in range(rng.randint(2, 5)):
        _tree(draw, rng.randint(40, 1160), 790, rng.randint(90, 140), green)


def _road(draw, rng, palette):
    top, bottom, main, accent, ground = palette
    horizon = rng.randint(380, 470)
    _sky(draw, top, bottom, horizon)
    _buildings(draw, rng, palette, horizon, lit=rng.uniform(0.1, 0.5))
    draw.rectangle([0, horizon, WIDTH, HEIGHT], fill=_shade(ground, 25))
    vanish = rng.randint(480, 720)
    spread = rng.randint(450, 600)
    draw.polygon(
        [
            (vanish - 60, horizon),
            (vanish + 60, horizon),
            (600 + spread, HEIGHT),
            (600 - spread, HEIGHT),
        ],
        fill=(70, 70, 75),
    )
    lanes = rng.choice([2, 3])
    for lane in range(1, lanes):
        base = 600 - spread + 2 * spread * lane / lanes
        top_x = vanish - 60 + 120 * lane / lanes
        for i in range(7):
            t0, t1 = i / 7, (i + 0.5) / 7
            y0 = horizon + t0 * (HEIGHT - horizon)
            y1 = horizon + t1 * (HEIGHT - horizon)
            x0, x1 = _mix((top_x,), (base,), t0)[0], _mix((top_x,), (base,), t1)[0]
            w0, w1 = 2 + t0 * 12, 2 + t1 * 12
            draw.polygon(
                [(x0 - w0, y0), (x0 + w0, y0), (x1 + w1, y1), (x1 - w1, y1)],
                fill=(250, 250, 250),
            )
    # A crane over the works.
    cx = rng.choice([rng.randint(80, 260), rng.randint(900, 1080)])
    draw.rectangle([cx, 110, cx + 24, horizon + 90], fill=accent)
    for y in range(120, horizon + 90, 40):
        draw.line([(cx, y), (cx + 24, y + 40)], fill=_shade(accent, -80), width=3)
    arm = rng.randint(200, 300) * (1 if cx < 600 else -1)
    draw.rectangle([min(cx, cx + arm), 100, max(cx + 24, cx + arm), 122], fill=accent)
    hook = cx + arm * 0.8
    draw.line([(hook, 122), (hook, 300)], fill=(60, 60, 60), width=3)
    draw.rectangle([hook - 30, 300, hook + 30, 330], fill=main)
    # Cones along the works.
    for x in range(rng.randint(60, 160), 1140, rng.randint(110, 170)):
        y = rng.randint(700, 780)
        draw.polygon([(x, y - 60), (x - 22, y), (x + 22, y)], fill=(245, 124, 0))
        draw.rectangle([x - 12, y - 36, x + 12, y - 28], fill=(255, 255, 255))


def _book(draw, rng, palette):
    top, bottom, main, accent, _ = palette
    _sky(draw, _mix(top, main, rng.uniform(0.2, 0.6)), bottom)
    cx = rng.randint(450, 750)
    for r in range(rng.randint(300, 420), 80, -rng.randint(45, 80)):
        draw.ellipse(
            [cx - r, 330 - r, cx + r, 330 + r],
            outline=_mix(bottom, accent, 0.5),
            width=3,
        )
    _star(draw, cx, 240, rng.randint(80, 120))
    # The open book, its cover in the palette's colour.
    binding = _shade(main, -30)
    draw.polygon([(130, 570), (600, 610), (600, 770), (130, 730)], fill=binding)
    draw.polygon([(1070, 570), (600, 610), (600, 770), (1070, 730)], fill=binding)
    draw.polygon([(150, 560), (600, 600), (600, 760), (150, 720)], fill=(250, 248, 240))
    draw.polygon(
        [(1050, 560), (600, 600), (600, 760), (1050, 720)], fill=(244, 240, 228)
    )
    for i in range(6):
        y = 590 + i * 22
        draw.line(
            [(200, y - 4 * (6 - i)), (560, y + 30)], fill=(200, 195, 185), width=3
        )
        draw.line(
            [(640, y + 30), (1000, y - 4 * (6 - i))], fill=(200, 195, 185), width=3
        )
    # A lotus on the book, pink, white or violet.
    petal = rng.choice([(240, 120, 160), (250, 245, 250), (190, 140, 220)])
    edge = _shade(petal, -50)
    for angle in (-64, -32, 0, 32, 64):
        a = math.radians(angle - 90)
        tip = (cx + 150 * math.cos(a), 540 + 150 * math.sin(a))
        side = (math.cos(a + math.pi / 2) * 46, math.sin(a + math.pi / 2) * 46)
        mid = (cx + 70 * math.cos(a), 540 + 70 * math.sin(a))
        draw.polygon(
            [
                (cx, 540),
                (mid[0] + side[0], mid[1] + side[1]),
                tip,
                (mid[0] - side[0], mid[1] - side[1]),
            ],
            fill=petal,
            outline=edge,
        )
    # Books stacked on one side, now and then.
    if rng.random() < 0.6:
        for i in range(rng.randint(2, 4)):
            colour = rng.choice([main, (40, 70, 120), (60, 120, 70), accent])
            draw.rectangle(
                [40 + i * 6, 500 - i * 40, 240 + i * 6, 536 - i * 40], fill=colour
            )


def _desk(draw, rng, palette):
    _, _, main, accent, ground = palette
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=_mix((245, 243, 238), main, 0.08))
    draw.rectangle([0, 0, WIDTH, 90], fill=main)
    draw.rectangle([0, 90, WIDTH, 100], fill=accent)
    # The queue number board.
    draw.rectangle([80, 150, 380, 330], fill=(30, 30, 35))
    for i, digit_x in enumerate((120, 200, 280)):
        if rng.random() < 0.9 or i:
            draw.rectangle(
                [digit_x, 190, digit_x + 60, 290], outline=(255, 80, 60), width=10
            )
    # Counters with staff behind.
    for i in range(3):
        x = 460 + i * 240
        draw.rectangle([x, 180, x + 200, 240], fill=_shade(main, -20))
        draw.rectangle([x + 60, 196, x + 140, 224], fill=accent)
        _person(draw, x + 100, 470, 180, rng.choice([(40, 70, 120), _shade(main, -40)]))
    draw.rectangle([0, 460, WIDTH, 560], fill=_shade(ground, 60))
    draw.rectangle([0, 560, WIDTH, HEIGHT], fill=_mix(ground, (240, 240, 240), 0.6))
    # Citizens waiting, and the desk's papers.
    for x in range(100, 1150, rng.randint(130, 170)):
        _person(
            draw,
            x,
            790,
            rng.randint(170, 210),
            rng.choice([(90, 140, 90), (160, 90, 60), (80, 90, 160)]),
        )
    for i in range(3):
        draw.rectangle([540 + i * 240, 480, 620 + i * 240, 500], fill=(255, 255, 255))


def _network(draw, rng, palette):
    top, bottom, main, accent, _ = palette
    _sky(draw, _mix(top, (20, 30, 60), 0.5), _mix(bottom, (40, 50, 90), 0.4))
    nodes = [(rng.randint(60, 1140), rng.randint(60, 740)) for _ in range(18)]
    for i, (x, y) in enumerate(nodes):
        for j in (i + 1, i + 3):
            if j < len(nodes):
                draw.line([(x, y), nodes[j]], fill=_mix(bottom, accent, 0.3), width=2)
    for x, y in nodes:
        r = rng.randint(8, 18)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=accent)
    # The phone and its posts.
    draw.rounded_rectangle([430, 60, 770, 760], radius=40, fill=(25, 25, 30))
    draw.rounded_rectangle([450, 110, 750, 710], radius=12, fill=(250, 250, 252))
    draw.rectangle([450, 110, 750, 170], fill=main)
    for i in range(3):
        y = 190 + i * 170
        draw.ellipse([470, y, 510, y + 40], fill=_shade(main, 40))
        draw.rectangle([520, y + 8, 700, y + 20], fill=(200, 200, 205))
        draw.rectangle(
            [470, y + 54, 730, y + 130], fill=_mix(bottom, main, 0.2 + 0.2 * i)
        )
    # Likes and shares floating out.
    for _ in range(4):
        x = rng.choice([rng.randint(120, 360), rng.randint(840, 1080)])
        y = rng.randint(120, 640)
        draw.ellipse([x - 46, y - 46, x + 46, y + 46], fill=(255, 255, 255))
        draw.ellipse([x - 22, y - 18, x + 2, y + 6], fill=FLAG_RED)
        draw.ellipse([x - 2, y - 18, x + 22, y + 6], fill=FLAG_RED)
        draw.polygon([(x - 21, y - 2), (x + 21, y - 2), (x, y + 24)], fill=FLAG_RED)


def _park(draw, rng, palette):
    top, bottom, _, accent, ground = palette
    green = (56, 142, 60)
    _sky(draw, top, bottom, 420)
    sun = rng.randint(150, 1050)
    draw.ellipse([sun - 50, 90, sun + 50, 190], fill=accent)
    _buildings(draw, rng, palette, 420, lit=0.2)
    draw.rectangle([0, 420, WIDTH, HEIGHT], fill=_shade(ground, 50))
    draw.ellipse([-200, 470, 1400, 900], fill=(64, 140, 190))
    for y in range(520, 800, 26):
        x = rng.randint(100, 1000)
        draw.line(
            [(x, y), (x + rng.randint(60, 160), y)], fill=(140, 200, 230), width=3
        )
    for x in range(20, WIDTH, rng.randint(110, 150)):
        _tree(draw, x, 470, rng.randint(120, 180), green)
    draw.polygon([(520, 470), (680, 470), (760, 500), (440, 500)], fill=(200, 170, 120))
    _flag(draw, rng.randint(300, 900), 180, 90, pole=280)


_DRAW = {
    "street": _street,
    "hall": _hall,
    "ballot": _ballot,
    "green_zone": _green_zone,
    "road": _road,
    "book": _book,
    "desk": _desk,
    "network": _network,
    "park": _park,
}
