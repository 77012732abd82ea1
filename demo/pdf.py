"""Small PDF documents in Vietnamese for the demo, with their font embedded.

The text is set in DejaVu Sans (demo/fonts/, a subset with the Vietnamese letters)
embedded as a CID font, so every reader shows the diacritics and can search and
copy the text (a ToUnicode map goes with it). Lines are wrapped to the page by the
font's own advance widths; a long text goes on to more pages.
"""

import functools
import struct
import unicodedata
import zlib
from pathlib import Path

FONTS = Path(__file__).resolve().parent / "fonts"
PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4, in points
MARGIN = 64
# style: (font, size in points, alignment, space above in points)
STYLES = {
    "title": ("bold", 15, "center", 0),
    "heading": ("bold", 12, "center", 6),
    "body": ("regular", 11, "left", 8),
    "note": ("regular", 9, "left", 18),
}


class TrueTypeFont:
    """What a PDF needs of a TrueType file: glyph ids, widths and metrics."""

    def __init__(self, path, name):
        self.data = path.read_bytes()
        self.name = name
        tables = {}
        (count,) = struct.unpack_from(">H", self.data, 4)
        for i in range(count):
            tag, _, offset, length = struct.unpack_from(
                ">4sIII", self.data, 12 + 16 * i
            )
            tables[tag.decode("latin-1")] = (offset, length)
        head = tables["head"][0]
        (self.units,) = struct.unpack_from(">H", self.data, head + 18)
        self.bbox = struct.unpack_from(">4h", self.data, head + 36)
        hhea = tables["hhea"][0]
        self.ascent, self.descent = struct.unpack_from(">2h", self.data, hhea + 4)
        (metrics,) = struct.unpack_from(">H", self.data, hhea + 34)
        (glyphs,) = struct.unpack_from(">H", self.data, tables["maxp"][0] + 4)
        hmtx = tables["hmtx"][0]
        advances = [
            struct.unpack_from(">H", self.data, hmtx + 4 * i)[0] for i in range(metrics)
        ]
        self.advances = advances + [advances[-1]] * (glyphs - metrics)
        os2 = tables["OS/2"][0]
        (version,) = struct.unpack_from(">H", self.data, os2)
        self.cap_height = (
            struct.unpack_from(">h", self.data, os2 + 88)[0]
            if version >= 2
            else self.ascent
        )
        self.glyph_of = self._cmap(tables["cmap"][0])

    def _cmap(self, cmap):
        """Return {code point: glyph id} of the Windows Unicode (3, 1) format 4 map."""
        (count,) = struct.unpack_from(">H", self.data, cmap + 2)
        for i in range(count):
            platform, encoding, offset = struct.unpack_from(
                ">HHI", self.data, cmap + 4 + 8 * i
            )
            if (platform, encoding) == (3, 1):
                return self._format4(cmap + offset)
        raise ValueError(f"{self.name}: no Unicode character map")

    def _format4(self, at):
        (segments,) = struct.unpack_from(">H", self.data, at + 6)
        segments //= 2
        ends = struct.unpack_from(f">{segments}H", self.data, at + 14)
        starts_at = at + 16 + 2 * segments
        starts = struct.unpack_from(f">{segments}H", self.data, starts_at)
        deltas = struct.unpack_from(
            f">{segments}h", self.data, starts_at + 2 * segments
        )
        ranges_at = starts_at + 4 * segments
        ranges = struct.unpack_from(f">{segments}H", self.data, ranges_at)
        glyph_of = {}
        for i, (start, end, delta, offset) in enumerate(
            zip(starts, ends, deltas, ranges, strict=True)
        ):
            for code in range(start, end + 1):
                if code == 0xFFFF:
                    continue
                if offset == 0:
                    glyph = (code + delta) & 0xFFFF
                else:
                    where = ranges_at + 2 * i + offset + 2 * (code - start)
                    (glyph,) = struct.unpack_from(">H", self.data, where)
                    glyph = (glyph + delta) & 0xFFFF if glyph else 0
                if glyph:
                    glyph_of[code] = glyph
        return glyph_of

    def glyphs(self, text):
        """Return the glyph ids of text; a character the font lacks is an error."""
        missing = {c for c in text if ord(c) not in self.glyph_of}
        if missing:
            raise ValueError(f"{self.name} has no glyph for {''.join(sorted(missing))}")
        return [self.glyph_of[ord(c)] for c in text]

    def width(self, text, size):
        """Return the width of text set at size, in points."""
        return sum(self.advances[g] for g in self.glyphs(text)) * size / self.units


@functools.cache
def _fonts():
    return {
        "regular": TrueTypeFont(FONTS / "DejaVuSans-vi.ttf", "DejaVuSans"),
        "bold": TrueTypeFont(FONTS / "DejaVuSans-Bold-vi.ttf", "DejaVuSans-Bold"),
    }


def wrap(text, font, size, width):
    """Split text into lines no wider than width points, between words."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if font.width(candidate, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        # A word wider than the line on its own is cut where it must be.
        while font.width(word, size) > width:
            cut = len(word) - 1
            while cut > 1 and font.width(word[:cut], size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def document_pdf(blocks, title):
    """Return PDF bytes of blocks, [(style, text)] with a style of STYLES.

    Text is normalised to NFC: the fonts hold the precomposed Vietnamese letters.
    """
    fonts = _fonts()
    used = {key: {} for key in fonts}  # glyph id -> character, for ToUnicode
    pages, commands = [], []
    y = PAGE_HEIGHT - MARGIN
    measure = PAGE_WIDTH - 2 * MARGIN
    for style, text in blocks:
        key, size, align, space = STYLES[style]
        font = fonts[key]
        leading = size * 1.45
        y -= space
        for line in wrap(unicodedata.normalize("NFC", text), font, size, measure):
            if y - leading < MARGIN:
                pages.append(commands)
                commands, y = [], PAGE_HEIGHT - MARGIN
            y -= leading
            glyphs = font.glyphs(line)
            used[key].update(zip(glyphs, line, strict=True))
            x = MARGIN
            if align == "center":
                x += (measure - font.width(line, size)) / 2
            shown = "".join(f"{g:04X}" for g in glyphs)
            commands.append(
                f"BT /{key} {size} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm <{shown}> Tj ET"
            )
    pages.append(commands)
    return _write(fonts, used, pages, title)


class _Objects:
    """PDF objects, numbered as they are added."""

    def __init__(self):
        self.bodies = []

    def reserve(self):
        self.bodies.append(None)
        return len(self.bodies)

    def set(self, number, body):
        self.bodies[number - 1] = body
        return number

    def add(self, body):
        return self.set(self.reserve(), body)

    def stream(self, data, extra=b""):
        packed = zlib.compress(data)
        return self.add(
            b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra)
            + packed
            + b"\nendstream"
        )


def _text_string(text):
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _font(objects, font, key, used):
    scale = 1000 / font.units
    widths = " ".join(f"{g} [{round(font.advances[g] * scale)}]" for g in sorted(used))
    pairs = [
        f"<{g:04X}> <{c.encode('utf-16-be').hex().upper()}>"
        for g, c in sorted(used.items())
    ]
    chunks = [pairs[i : i + 100] for i in range(0, len(pairs), 100)]
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        + "".join(
            f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n"
            for chunk in chunks
        )
        + "endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    to_unicode = objects.stream(cmap.encode("ascii"))
    file = objects.stream(font.data, b"/Length1 %d " % len(font.data))
    # The same six-letter tag for the same subset: it names the embedded file.
    name = f"{'DJVVNB' if key == 'bold' else 'DJVVNA'}+{font.name}"
    bbox = " ".join(str(round(v * scale)) for v in font.bbox)
    descriptor = objects.add(
        (
            f"<< /Type /FontDescriptor /FontName /{name} /Flags 32 "
            f"/FontBBox [{bbox}] /ItalicAngle 0 /Ascent {round(font.ascent * scale)} "
            f"/Descent {round(font.descent * scale)} "
            f"/CapHeight {round(font.cap_height * scale)} "
            f"/StemV {140 if key == 'bold' else 80} /FontFile2 {file} 0 R >>"
        ).encode("ascii")
    )
    cid_font = objects.add(
        (
            f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} "
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            f"/FontDescriptor {descriptor} 0 R /DW 1000 /W [{widths}] "
            "/CIDToGIDMap /Identity >>"
        ).encode("ascii")
    )
    return objects.add(
        (
            f"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H "
            f"/DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>"
        ).encode("ascii")
    )


def _write(fonts, used, pages, title):
    objects = _Objects()
    catalog, tree = objects.reserve(), objects.reserve()
    resources = " ".join(
        f"/{key} {_font(objects, font, key, used[key])} 0 R"
        for key, font in fonts.items()
        if used[key]
    )
    kids = []
    for commands in pages:
        content = objects.stream("\n".join(commands).encode("ascii"))
        kids.append(
            objects.add(
                (
                    f"<< /Type /Page /Parent {tree} 0 R "
                    f"/MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
                    f"/Resources << /Font << {resources} >> >> "
                    f"/Contents {content} 0 R >>"
                ).encode("ascii")
            )
        )
    objects.set(
        tree,
        (
            f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
            f"/Count {len(kids)} >>"
        ).encode("ascii"),
    )
    objects.set(catalog, f"<< /Type /Catalog /Pages {tree} 0 R /Lang (vi) >>".encode())
    info = objects.add(f"<< /Title {_text_string(title)} >>".encode("ascii"))
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects.bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\n" % (
        len(offsets) + 1,
        catalog,
        info,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
