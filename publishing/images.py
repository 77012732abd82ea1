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

# Widths in CSS pixels: "card" for lists and teasers, "full" for the article page.
RENDITION_WIDTHS = {"card": 480, "full": 1200}


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


def rendition(renditions, label):
    """Return {url, width, height} of one stored rendition, or None."""
    data = (renditions or {}).get(label)
    if not data:
        return None
    return {**data, "url": default_storage.url(data["name"])}


def make_renditions(image_field):
    """Write the renditions of image_field; return {label: {name, width, height}}."""
    image_field.open("rb")
    try:
        with Image.open(image_field) as original:
            upright = pixels_only(ImageOps.exif_transpose(original))
    finally:
        image_field.close()
    stem = posixpath.splitext(image_field.name)[0]
    renditions = {}
    for label, width in RENDITION_WIDTHS.items():
        image = upright.copy()
        if image.width > width:
            height = round(image.height * width / image.width)
            image = image.resize((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        image.save(buffer, "WEBP", quality=80, method=4)
        name = default_storage.save(
            f"renditions/{stem}-{label}.webp", ContentFile(buffer.getvalue())
        )
        renditions[label] = {
            "name": name,
            "width": image.width,
            "height": image.height,
        }
    return renditions
