"""Image files for upload tests, made with Pillow."""

import io

from PIL import Image


def jpeg_bytes(size=(40, 20), orientation=None, gps=False):
    """Return a JPEG; left half red, right half blue, with optional EXIF."""
    image = Image.new("RGB", size, "blue")
    image.paste("red", (0, 0, size[0] // 2, size[1]))
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
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def png_bytes(size=(30, 30), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()
