"""Image files for upload tests, made with Pillow."""

import io
import struct
from html.parser import HTMLParser

from django.conf import settings
from django.core.files.storage import default_storage
from PIL import Image, ImageCms


def jpeg_bytes(size=(40, 20), orientation=None, gps=False):
    """Return a JPEG; left half red, right half blue, with optional EXIF."""
    buffer = io.BytesIO()
    halves(size).save(buffer, "JPEG", exif=phone_exif(orientation, gps))
    return buffer.getvalue()


def halves(size=(40, 20), mode="RGB"):
    """Return an image whose left half is red and right half blue."""
    image = Image.new(mode, size, "blue")
    image.paste("red", (0, 0, size[0] // 2, size[1]))
    return image


def phone_exif(orientation=None, gps=False):
    """Return EXIF as a phone writes it: orientation, maker and GPS position."""
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x010F] = "PhoneMaker"
        gps_ifd = exif.get_ifd(0x8825)
        gps_ifd[1] = "N"
        gps_ifd[2] = (20.0, 58.0, 40.0)
        gps_ifd[3] = "E"
        gps_ifd[4] = (105.0, 51.0, 30.0)
    return exif.tobytes()


def png_bytes(size=(30, 30), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def swapped_profile():
    """Return an RGB ICC profile: sRGB with its red and blue primaries swapped.

    Pixels tagged with it that read (255, 0, 0) are pure blue in sRGB, a change no
    rounding can hide.
    """
    profile = bytearray(
        ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    )
    entries = {}
    for index in range(struct.unpack_from(">I", profile, 128)[0]):
        signature, offset, size = struct.unpack_from(">4sII", profile, 132 + 12 * index)
        entries[signature] = (132 + 12 * index, offset, size)
    (red_at, *red), (blue_at, *blue) = entries[b"rXYZ"], entries[b"bXYZ"]
    struct.pack_into(">4sII", profile, red_at, b"rXYZ", *blue)
    struct.pack_into(">4sII", profile, blue_at, b"bXYZ", *red)
    return bytes(profile)


def jpeg_segments(data):
    """Return the markers of a JPEG's segments up to its image data, as bytes."""
    assert data[:2] == b"\xff\xd8"
    markers, at = [], 2
    while data[at + 1] != 0xDA:  # start of scan: the pixels follow
        markers.append(data[at : at + 2])
        at += 2 + struct.unpack_from(">H", data, at + 2)[0]
    return markers


def png_chunks(data):
    """Return the types of a PNG's chunks, in order."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    types, at = [], 8
    while at < len(data):
        length, kind = struct.unpack_from(">I4s", data, at)
        types.append(kind)
        at += 12 + length
    return types


def webp_chunks(data):
    """Return the four-letter types of a WebP file's chunks, in order."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    types, at = [], 12
    while at < len(data):
        kind, length = struct.unpack_from("<4sI", data, at)
        types.append(kind)
        at += 8 + length + length % 2
    return types


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.found.append(dict(attrs))


def img_tags(html):
    """Return the attributes of every <img> of html, in page order."""
    parser = _Images()
    parser.feed(html)
    return parser.found


def srcset_candidates(srcset):
    """Return [(url, width)] of a srcset= of width descriptors."""
    candidates = []
    for candidate in srcset.split(","):
        url, descriptor = candidate.split()
        assert descriptor.endswith("w"), candidate
        candidates.append((url, int(descriptor[:-1])))
    return candidates


def stored_size(url):
    """Return the pixel size of the uploaded file at a /media/ URL."""
    name = url.removeprefix(settings.MEDIA_URL)
    with default_storage.open(name) as file, Image.open(file) as image:
        return image.size
