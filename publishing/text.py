"""Vietnamese text helpers: clean text, accent folding and slugs, for every app."""

import re
import unicodedata
from decimal import Decimal

from slugify import slugify as _slugify

# Đ/đ are letters of their own, not D with a combining mark, so NFD leaves them.
# Some keyboards type the lookalike Ð (U+00D0, Icelandic eth; ð in lower case) for
# Đ: it is read as Đ everywhere, in slugs as in search.
_LETTERS = str.maketrans({"Đ": "D", "đ": "d", "Ð": "D", "ð": "d"})
_NUMBER_SEPARATOR = re.compile(r"(?<=\d)[.,](?=\d)")
# Each of these ends a line: CR LF (Windows), a lone CR (old Mac files),
# Word's soft line break (Shift+Enter, pasted as a vertical tab), its page break (a
# form feed) and NEL (Unicode's "next line"). Each becomes one newline rather than
# nothing, which would glue two words together: "Hoàng\vMai" is not "HoàngMai".
_LINE_BREAK = re.compile("\r\n|[\r\x0b\x0c\x85]")
# The other control characters (C0 but tab and newline, DEL, C1) and the Unicode
# non-characters mean nothing in text; a paste or a misread file brings them, and
# the feeds' XML, spreadsheets, e-mail headers and PostgreSQL (NUL) refuse them.
_UNWANTED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef"
    + "".join(
        chr(plane | 0xFFFE) + chr(plane | 0xFFFF)
        for plane in range(0, 0x110000, 0x10000)
    )
    + "]"
)


def nfc(text):
    """Return text composed (NFC), the one form in which text is stored and compared.

    A keyboard may type "à" as one character or as "a" and a combining accent
    (NFD); both are the same text to a reader, but not to a database or a regex.
    """
    return unicodedata.normalize("NFC", text)


def clean(text):
    """Return text as it is stored: composed (NFC), without control characters.

    Each line break becomes a newline; tab and newline are the only controls kept.
    """
    return nfc(_UNWANTED.sub("", _LINE_BREAK.sub("\n", text)))


def plain_numbers(text):
    """Drop the separators inside numbers, for matching: "292.145" -> "292145".

    "99,47" and "99.47" both become "9947": a number matches however it was
    written, with Vietnamese or English separators or none.
    """
    return _NUMBER_SEPARATOR.sub("", text)


def fold(text):
    """Remove Vietnamese diacritics, keeping case: "Đảng bộ" -> "Dang bo"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return nfc(stripped)


def slugify(text, max_length=255):
    """Make an ASCII slug with Vietnamese rules: "Đường 2,5" -> "duong-25"."""
    text = plain_numbers(fold(text))
    return _slugify(text, max_length=max_length, word_boundary=True)


def unique_slug(text, taken, max_length=255):
    """Return slugify(text), suffixed -2, -3… until taken(slug) is false."""
    base = slugify(text, max_length=max_length) or "bai-viet"
    slug, n = base, 1
    while taken(slug):
        n += 1
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)].rstrip("-") + suffix
    return slug


_PLAIN = re.compile(r"\d+")
_DOT_GROUPS = re.compile(r"\d{1,3}(\.\d{3})+")
_SPACE_GROUPS = re.compile(r"\d{1,3}( \d{3})+")
_COMMA_DECIMAL = re.compile(r"(\d+|\d{1,3}(\.\d{3})+),(\d+)")


def parse_vn_number(value):
    """Read a number written the Vietnamese way: "1.250" is 1250, "99,47" is 99.47.

    Spreadsheet cells that are already numbers are taken as they are. A text that
    could mean two things ("1,250": 1.25 or 1250?) or follows another convention
    ("99.47") is refused with a Vietnamese message rather than guessed.
    """
    if isinstance(value, bool):
        raise ValueError(f"“{value}” không phải là số.")
    if isinstance(value, int | float | Decimal):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        text = " ".join(str(value or "").replace("\u00a0", " ").split())
        text = text.removesuffix("%").strip()
        if not text:
            raise ValueError("Chưa có giá trị.")
        negative = text.startswith("-")
        digits = text.lstrip("-").strip()
        number = _read_digits(digits, text)
        if negative:
            number = -number
    if not number.is_finite():
        raise ValueError(f"“{value}” không phải là số.")
    if number < 0:
        raise ValueError(f"Số liệu không được âm: “{value}”.")
    return number


def _read_digits(digits, original):
    if _PLAIN.fullmatch(digits):
        return Decimal(digits)
    if _DOT_GROUPS.fullmatch(digits):
        return Decimal(digits.replace(".", ""))
    if _SPACE_GROUPS.fullmatch(digits):
        return Decimal(digits.replace(" ", ""))
    match = _COMMA_DECIMAL.fullmatch(digits)
    if match:
        whole, _, fraction = match.groups()
        if "." not in whole and len(whole) <= 3 and len(fraction) == 3:
            raise ValueError(
                f"Số “{original}” không rõ nghĩa: nếu là một nghìn hai trăm năm "
                "mươi hãy viết 1250 hoặc 1.250; nếu là số thập phân hãy viết 1,25."
            )
        return Decimal(f"{whole.replace('.', '')}.{fraction}")
    if re.fullmatch(r"\d+\.\d+", digits):
        raise ValueError(
            f"Số “{original}” không đúng cách viết tiếng Việt: dùng dấu phẩy cho phần "
            "thập phân (ví dụ 99,47) và dấu chấm để phân cách hàng nghìn (1.250)."
        )
    raise ValueError(f"“{original}” không phải là số.")


def format_vn_number(value, decimals=None):
    """Write a number the Vietnamese way: 292145 -> "292.145", 99.47 -> "99,47".

    decimals fixes the number of decimal places; by default a whole number has
    none and any other keeps its own.
    """
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if decimals is None:
        number = number.normalize()
        decimals = max(0, -number.as_tuple().exponent)
    text = f"{number:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
