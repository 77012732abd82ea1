"""The demo's PDF documents, read back the way a PDF reader does."""

import re
import unicodedata
import zlib

import pytest
from django.core.management import call_command

from campaigns.models import Document
from demo.pdf import FONTS, MARGIN, PAGE_WIDTH, document_pdf

OBJECT = re.compile(rb"(\d+) 0 obj\n(.*?)\nendobj\n", re.S)
SHOWN = re.compile(
    r"BT /(\w+) ([\d.]+) Tf 1 0 0 1 ([\d.]+) ([\d.]+) Tm <([0-9A-F]*)> Tj ET"
)


def read_pdf(data):
    """Return the lines of a PDF: [(page, text, left, right)] and its font files.

    Glyphs become text through each font's ToUnicode map, and the width of a
    line is the sum of its glyphs' widths in the font's W array.
    """
    assert data.startswith(b"%PDF-1.7") and data.rstrip().endswith(b"%%EOF")
    objects, streams = {}, {}
    for match in OBJECT.finditer(data):
        number, body = int(match[1]), match[2]
        objects[number] = body
        if b"stream\n" in body:
            packed = body.split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
            streams[number] = zlib.decompress(packed)
    # Every object is where the cross-reference table says it is.
    xref = int(data.rsplit(b"startxref\n", 1)[1].split()[0])
    offsets = data[xref:].split(b"\n")[3 : 3 + len(objects)]
    for number, entry in enumerate(offsets, start=1):
        assert data[int(entry[:10]) :].startswith(b"%d 0 obj" % number)

    def ref(body, key):
        return int(re.search(rb"/" + key + rb" (\d+) 0 R", body)[1])

    fonts, files = {}, []
    for number, body in objects.items():
        if b"/Subtype /Type0" not in body:
            continue
        cmap = streams[ref(body, b"ToUnicode")].decode()
        chars = {
            int(g, 16): bytes.fromhex(u).decode("utf-16-be")
            for g, u in re.findall(r"<([0-9A-F]{4})> <([0-9A-F]+)>", cmap)
        }
        cid = objects[int(re.search(rb"/DescendantFonts \[(\d+) 0 R\]", body)[1])]
        widths = {int(g): int(w) for g, w in re.findall(rb"(\d+) \[(\d+)\]", cid)}
        files.append(streams[ref(objects[ref(cid, b"FontDescriptor")], b"FontFile2")])
        fonts[number] = (chars, widths)
    pages = [b for b in objects.values() if b.startswith(b"<< /Type /Page ")]
    lines = []
    for page_number, page in enumerate(pages, start=1):
        names = dict(re.findall(rb"/(\w+) (\d+) 0 R", page.split(b"/Font <<")[1]))
        for key, size, x, _, shown in SHOWN.findall(
            streams[ref(page, b"Contents")].decode()
        ):
            chars, widths = fonts[int(names[key.encode()])]
            glyphs = [int(shown[i : i + 4], 16) for i in range(0, len(shown), 4)]
            assert 0 not in glyphs  # no glyph is missing from the font
            text = "".join(chars[g] for g in glyphs)
            width = sum(widths[g] for g in glyphs) * float(size) / 1000
            lines.append((page_number, text, float(x), float(x) + width))
    return lines, files


@pytest.mark.django_db
def test_demo_documents_read_back_in_vietnamese_wrapped_within_the_margins():
    call_command("seed_demo")
    documents = list(Document.objects.all())
    assert len(documents) == 9
    fonts = {path.read_bytes() for path in FONTS.glob("*.ttf")}
    for document in documents:
        with document.file.open("rb") as file:
            lines, files = read_pdf(file.read())
        assert set(files) <= fonts and files  # the fonts travel with the file
        for _, _, left, right in lines:
            assert left >= MARGIN - 0.01 and right <= PAGE_WIDTH - MARGIN + 0.01
        text = " ".join(line for _, line, _, _ in lines)
        summary = unicodedata.normalize("NFC", document.summary)
        assert f"Trích yếu: {summary}" in text, document.number
        assert f"Số {document.number}" in text
        assert "không phải văn bản gốc" in text
        # Six blocks, the summary and the note too long for one line each.
        assert len(lines) >= 8, document.number


def test_a_long_text_runs_on_to_more_pages():
    paragraph = "Tuyên truyền, vận động nhân dân đồng thuận giải phóng mặt bằng. " * 8
    lines, _ = read_pdf(document_pdf([("body", paragraph)] * 20, "Dài"))
    assert max(page for page, *_ in lines) > 1
    assert " ".join(text for _, text, _, _ in lines) == " ".join(
        [paragraph.strip()] * 20
    )


def test_decomposed_text_is_set_in_precomposed_letters():
    decomposed = unicodedata.normalize("NFD", "Quận ủy Hoàng Mai")
    lines, _ = read_pdf(document_pdf([("body", decomposed)], "NFD"))
    assert [text for _, text, _, _ in lines] == ["Quận ủy Hoàng Mai"]


def test_a_letter_the_font_lacks_is_refused():
    with pytest.raises(ValueError, match="no glyph for 中"):
        document_pdf([("body", "Hà Nội 中")], "x")
