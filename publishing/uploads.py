"""The checks and clean-up every uploaded image goes through, wherever it comes from.

Cover images, images uploaded from the editor and images copied into a body from
another host all pass through clean_image(): real images only (Pillow decides, not
the file name), bounded in bytes and pixels before decoding, turned upright,
scaled down and re-encoded from pixels_only(), so that no metadata survives: no
EXIF (GPS included), XMP, comment, text chunk or colour profile.
"""

import io
import warnings

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from PIL import Image, ImageCms, ImageMode, ImageOps, UnidentifiedImageError

from .text import slugify

# MPO is the JPEG that many phone cameras write (with a second, depth frame).
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}
# The mode of an image's colour channels in each colour space a profile may state.
PROFILE_MODES = {"RGB": "RGB", "CMYK": "CMYK", "GRAY": "L"}


class ImageRejected(ValueError):
    """An upload the portal does not accept; the message is for staff."""


def clean_image(data, name):
    """Return a ContentFile of the checked, upright, stripped and scaled image.

    data is a file object or bytes; name is the original file name, used only to
    name the result. Raise ImageRejected with a Vietnamese message otherwise.
    """
    raw = data if isinstance(data, bytes) else _read_bounded(data)
    if len(raw) > settings.IMAGE_MAX_BYTES:
        raise ImageRejected(
            f"Tệp ảnh “{name}” quá lớn: tối đa "
            f"{filesizeformat(settings.IMAGE_MAX_BYTES)}."
        )
    try:
        with warnings.catch_warnings():
            # Pillow only warns about a large image; here that is a refusal.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(raw))
            if image.format not in ACCEPTED_FORMATS:
                raise ImageRejected(
                    f"Tệp “{name}” không phải ảnh JPEG, PNG, WebP hoặc GIF."
                )
            # Image.open has read only the header: check the size before decoding.
            if image.width * image.height > settings.IMAGE_MAX_PIXELS:
                raise _too_many_pixels(name, image.size)
            image.load()
            image = ImageOps.exif_transpose(image)
    except ImageRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels(name) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ImageRejected(
            f"Tệp “{name}” không phải là ảnh hợp lệ hoặc đã bị hỏng."
        ) from error
    return _encode(image, name)


def _too_many_pixels(name, size=None):
    dimensions = f" có kích thước {size[0]}×{size[1]} điểm ảnh," if size else ""
    return ImageRejected(
        f"Ảnh “{name}”{dimensions} vượt giới hạn "
        f"{settings.IMAGE_MAX_PIXELS // 1_000_000} megapixel. "
        "Hãy thu nhỏ ảnh rồi tải lên lại."
    )


def store_image(content, folder):
    """Save a cleaned image under <folder>/<yyyy>/<mm>/ and return its URL."""
    path = f"{folder}/{timezone.localdate():%Y/%m}/{content.name}"
    return default_storage.url(default_storage.save(path, content))


def _read_bounded(file, limit=None):
    """Read at most one byte more than the limit, so a huge upload is not slurped."""
    if hasattr(file, "seek"):
        file.seek(0)
    return file.read((limit or settings.IMAGE_MAX_BYTES) + 1)


def pixels_only(image):
    """Return a new RGB or RGBA image of image's pixels in sRGB, and nothing else.

    Pillow copies info (comment, EXIF, XMP, ICC profile) from image to image and
    writes parts of it into the saved file; a new image has none to write.
    """
    has_alpha = image.mode in {"RGBA", "LA", "PA"} or (
        image.mode == "P" and "transparency" in image.info
    )
    colours = _in_srgb(image)
    if has_alpha:
        colours.putalpha(image.convert("RGBA").getchannel("A"))
    fresh = Image.new(colours.mode, colours.size)
    fresh.paste(colours)
    return fresh


def _in_srgb(image):
    """Return image's colours as RGB in sRGB, through its ICC profile if it has one."""
    profile = image.info.get("icc_profile")
    if profile:
        space = _colour_space(image.mode)
        try:
            source = ImageCms.getOpenProfile(io.BytesIO(profile))
            if source.profile.xcolor_space.strip() == space:
                return ImageCms.profileToProfile(
                    image.convert(PROFILE_MODES[space]),
                    source,
                    ImageCms.createProfile("sRGB"),
                    outputMode="RGB",
                )
        except ImageCms.PyCMSError:
            pass
    # No profile, or one that is broken or does not fit: browsers show it as sRGB.
    return image.convert("RGB")


def _colour_space(mode):
    """Return the colour space an ICC profile states for images of mode."""
    if mode == "CMYK":
        return "CMYK"
    return "GRAY" if ImageMode.getmode(mode).basemode == "L" else "RGB"


def _encode(image, name):
    image = pixels_only(image)
    has_alpha = image.mode == "RGBA"
    if image.width > settings.IMAGE_MAX_WIDTH:
        height = round(image.height * settings.IMAGE_MAX_WIDTH / image.width)
        image = image.resize(
            (settings.IMAGE_MAX_WIDTH, height), Image.Resampling.LANCZOS
        )
    buffer = io.BytesIO()
    if has_alpha:
        image.save(buffer, "PNG", optimize=True)
        ext = "png"
    else:
        image.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
        ext = "jpg"
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return ContentFile(buffer.getvalue(), name=f"{slugify(stem, 80) or 'anh'}.{ext}")


def clean_pdf(data, name):
    """Return a ContentFile of data if it is a PDF by its content, else refuse it."""
    raw = (
        data if isinstance(data, bytes) else _read_bounded(data, settings.PDF_MAX_BYTES)
    )
    if len(raw) > settings.PDF_MAX_BYTES:
        raise ImageRejected(
            f"Tệp “{name}” quá lớn: tối đa {filesizeformat(settings.PDF_MAX_BYTES)}."
        )
    # The PDF header must come first (readers accept it within 1 KB) and the
    # end-of-file marker last.
    if b"%PDF-" not in raw[:1024] or b"%%EOF" not in raw[-2048:]:
        raise ImageRejected(f"Tệp “{name}” không phải là tệp PDF hợp lệ.")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return ContentFile(raw, name=f"{slugify(stem, 80) or 'van-ban'}.pdf")
