"""Resized renditions of uploaded images, made once when the image is saved."""

import io
import posixpath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from PIL import Image, ImageOps

from .text import slugify
from .uploads import pixels_only

# Widths in pixels of the renditions of every cover, from the boxes that
# static/css/site.css gives a picture (measured in Chromium from 320 to 1920 px):
# a card's is 120 CSS px wide, 160 from 700 px up; the first featured card's is
# the column, 288–667 on a phone and 271–508 above; a cover on its page fills the
# column, 288–867, 804 at most. At 1x, 2x and 3x every one of those boxes finds
# a rendition at most 1.5 times as wide as the pixels it shows.
RENDITION_WIDTHS = (160, 320, 480, 640, 960, 1200)

# How wide each layout shows a picture (sizes=), as site.css lays it out, and the
# width of the rendition in src= for a browser that reads no srcset.
LAYOUTS = {
    "card": ("(min-width: 700px) 160px, 120px", 320),
    "featured": (
        "(min-width: 1160px) 471px, (min-width: 900px) calc(60vw - 226px), "
        "(min-width: 700px) calc(60vw - 31px), calc(100vw - 32px)",
        640,
    ),
    "cover": (
        "(min-width: 1160px) 804px, (min-width: 900px) calc(100vw - 356px), "
        "calc(100vw - 32px)",
        960,
    ),
}


@deconstructible
class UploadPath:
    """upload_to for an ImageField: <folder>/<yyyy>/<mm>/<vietnamese-slug>.<ext>."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        stem, _, ext = filename.rpartition(".")
        name = slugify(stem or ext, max_length=80) or "anh"
        ext = slugify(ext, max_length=5) if stem else "jpg"
        return f"{self.folder}/{timezone.localdate():%Y/%m}/{name}.{ext}"

    def __eq__(self, other):
        return isinstance(other, UploadPath) and other.folder == self.folder


def with_urls(renditions):
    """Return stored renditions as [{name, url, width, height}], narrowest first."""
    return [{**data, "url": default_storage.url(data["name"])} for data in renditions]


def narrowest(images, width):
    """Return the narrowest of images at least width wide, or else the widest."""
    if not images:
        return None
    return next((image for image in images if image["width"] >= width), images[-1])


def srcset(images):
    """Return the srcset= of images: "url 160w, url 320w, …"."""
    return ", ".join(f"{image['url']} {image['width']}w" for image in images)


def make_renditions(image_field):
    """Write the renditions of image_field; return [{name, width, height}].

    One WebP file per width of RENDITION_WIDTHS, narrowest first, never wider
    than the original: a smaller original gives fewer renditions, the last one
    at its own width.
    """
    image_field.open("rb")
    try:
        with Image.open(image_field) as original:
            upright = pixels_only(ImageOps.exif_transpose(original))
    finally:
        image_field.close()
    stem = posixpath.splitext(image_field.name)[0]
    renditions = []
    for wanted in RENDITION_WIDTHS:
        width = min(wanted, upright.width)
        image = upright
        if width < upright.width:
            height = max(1, round(upright.height * width / upright.width))
            image = upright.resize((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        image.save(buffer, "WEBP", quality=80, method=4)
        name = default_storage.save(
            f"renditions/{stem}-{width}w.webp", ContentFile(buffer.getvalue())
        )
        renditions.append({"name": name, "width": width, "height": image.height})
        if width == upright.width:
            break
    return renditions


def renew_renditions(image_field, stored):
    """Return renditions of image_field at today's widths (for data migrations).

    The original is only read. If it cannot be read (missing, damaged), the
    renditions stored before are kept, in today's form: a list, narrowest first.
    """
    try:
        return make_renditions(image_field)
    except (OSError, ValueError, Image.DecompressionBombError):
        return as_list(stored)


def as_list(stored):
    """Return renditions stored as {label: data} (before 2026-11) as today's list."""
    if isinstance(stored, list):
        return stored
    by_width = {data["width"]: data for data in (stored or {}).values()}
    return [by_width[width] for width in sorted(by_width)]


def as_labels(renditions):
    """Return today's list of renditions as {"card", "full"}, as stored before."""
    if not renditions:
        return {}
    return {"card": narrowest(renditions, 480), "full": renditions[-1]}
