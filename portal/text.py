"""Vietnamese text helpers: accent folding and slugs, shared by every app."""

import re
import unicodedata

from slugify import slugify as _slugify

# Đ/đ are letters of their own, not D with a combining mark, so NFD leaves them.
_LETTERS = str.maketrans({"Đ": "D", "đ": "d"})
_NUMBER_SEPARATOR = re.compile(r"(?<=\d)[.,](?=\d)")


def fold(text):
    """Remove Vietnamese diacritics, keeping case: "Đảng bộ" -> "Dang bo"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def slugify(text, max_length=255):
    """Make an ASCII slug with Vietnamese rules: "Đường 2,5" -> "duong-25"."""
    text = _NUMBER_SEPARATOR.sub("", fold(text))
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
