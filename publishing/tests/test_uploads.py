import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

from portal.tests.images import (
    halves,
    jpeg_bytes,
    jpeg_segments,
    phone_exif,
    png_bytes,
    png_chunks,
    swapped_profile,
)
from publishing.uploads import ImageRejected, clean_image, store_image

UPLOAD_URL = "/tai-anh-bien-tap/"


def test_text_file_named_jpg_is_refused():
    with pytest.raises(ImageRejected, match="không phải là ảnh hợp lệ"):
        clean_image(b"Day la van ban, khong phai anh.", "anh-dep.jpg")


def test_decompression_bomb_is_refused_with_a_message():
    bomb = png_bytes((14000, 14000), mode="1")
    assert len(bomb) < 10 * 1024 * 1024
    with pytest.raises(ImageRejected, match="vượt giới hạn 40 megapixel"):
        clean_image(bomb, "bom.png")


def test_pixel_limit_applies_before_decoding(settings):
    settings.IMAGE_MAX_PIXELS = 1000
    with pytest.raises(ImageRejected, match="50×50 điểm ảnh"):
        clean_image(png_bytes((50, 50)), "vua.png")


def test_files_over_10_mb_are_refused():
    with pytest.raises(ImageRejected, match="quá lớn"):
        clean_image(io.BytesIO(b"\xff" * (10 * 1024 * 1024 + 1)), "lon.jpg")


def test_phone_photo_is_turned_upright_and_loses_all_metadata():
    raw = jpeg_bytes((40, 20), orientation=6, gps=True)
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(0x8825)
    cleaned = clean_image(raw, "Ảnh điện thoại.JPG")
    image = Image.open(io.BytesIO(cleaned.read()))
    assert image.size == (20, 40)
    # Orientation 6 means "rotate 90° clockwise to view": red (left) ends on top.
    assert image.getpixel((10, 2))[0] > 200
    assert image.getpixel((10, 37))[2] > 200
    assert not image.getexif()
    assert "exif" not in image.info and "xmp" not in image.info
    assert cleaned.name == "anh-dien-thoai.jpg"


def test_wide_images_are_scaled_down(settings):
    settings.IMAGE_MAX_WIDTH = 100
    image = Image.open(clean_image(jpeg_bytes((400, 200)), "rong.jpg"))
    assert image.size == (100, 50)


def test_transparent_png_stays_png():
    cleaned = clean_image(png_bytes((10, 10), mode="RGBA"), "logo.png")
    assert Image.open(cleaned).format == "PNG"
    assert cleaned.name == "logo.png"


def test_two_uploads_with_the_same_name_both_survive():
    first = store_image(clean_image(jpeg_bytes(), "Đường 2,5.jpg"), "editor")
    second = store_image(clean_image(jpeg_bytes(), "Đường 2,5.jpg"), "editor")
    assert first != second
    for url in (first, second):
        name = url.removeprefix("/media/")
        assert default_storage.exists(name)
        assert name.startswith("editor/20")
        assert "/duong-25" in name


@pytest.mark.django_db
def test_editor_upload_is_for_staff_only(client, django_user_model):
    upload = SimpleUploadedFile("a.jpg", jpeg_bytes(), "image/jpeg")
    response = client.post(UPLOAD_URL, {"upload": upload})
    assert response.status_code == 403
    assert "Chỉ cán bộ" in response.json()["error"]["message"]
    client.force_login(django_user_model.objects.create_user("dan", password="x"))
    upload.seek(0)
    assert client.post(UPLOAD_URL, {"upload": upload}).status_code == 403


@pytest.mark.django_db
def test_editor_upload_stores_a_cleaned_image(editor_client):
    raw = jpeg_bytes((40, 20), orientation=6, gps=True)
    upload = SimpleUploadedFile("Ảnh hội nghị.jpg", raw, "image/jpeg")
    response = editor_client.post(UPLOAD_URL, {"upload": upload})
    assert response.status_code == 200
    url = response.json()["url"]
    assert url.startswith("/media/editor/") and url.endswith("/anh-hoi-nghi.jpg")
    with default_storage.open(url.removeprefix("/media/")) as stored:
        image = Image.open(stored)
        assert image.size == (20, 40)
        assert not image.getexif()


@pytest.mark.django_db
def test_editor_upload_refuses_a_fake_image_with_a_vietnamese_message(editor_client):
    upload = SimpleUploadedFile("virus.jpg", b"MZ\x90\x00not an image", "image/jpeg")
    response = editor_client.post(UPLOAD_URL, {"upload": upload})
    assert response.status_code == 400
    assert "không phải là ảnh hợp lệ" in response.json()["error"]["message"]
    assert not default_storage.exists("editor")


@pytest.mark.django_db
def test_editor_upload_without_a_file_gets_a_message(editor_client):
    response = editor_client.post(UPLOAD_URL, {})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Chưa chọn tệp ảnh."


def test_phone_mpo_jpeg_is_accepted():
    frames = [Image.new("RGB", (30, 20), "red"), Image.new("RGB", (30, 20), "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "MPO", save_all=True, append_images=frames[1:])
    assert Image.open(io.BytesIO(buffer.getvalue())).format == "MPO"
    cleaned = clean_image(buffer.getvalue(), "IMG_0001.JPG")
    assert Image.open(cleaned).size == (30, 20)


COMMENT = b"<html><script>alert('tuyen giao')</script></html>"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>Toa do 20.97, 105.85'
    b"</rdf:RDF></x:xmpmeta>"
)
# Text of the originals' metadata; none of it may be left in a cleaned file.
LEFTOVERS = [
    b"<script",
    b"PhoneMaker",
    b"Exif",
    b"xmpmeta",
    b"Toa do",
    b"ns.adobe.com",
    b"ICC_PROFILE",
    b"acsp",
    b"sRGB built-in",
    "Tọa độ".encode(),
]
# A fresh progressive JPEG: JFIF header, tables, frame; no APP1-15 and no COM.
JPEG_PIXELS_ONLY = {b"\xff\xe0", b"\xff\xdb", b"\xff\xc2", b"\xff\xc4"}


def encoded(image, kind, **params):
    buffer = io.BytesIO()
    image.save(buffer, kind, **params)
    return buffer.getvalue()


def assert_nothing_left(data):
    assert [text for text in LEFTOVERS if text in data] == []


def test_jpeg_keeps_its_pixels_only_in_srgb():
    raw = encoded(
        halves(),
        "JPEG",
        comment=COMMENT,
        exif=phone_exif(gps=True),
        xmp=XMP,
        icc_profile=swapped_profile(),
    )
    assert {b"\xff\xe1", b"\xff\xe2", b"\xff\xfe"} <= set(jpeg_segments(raw))
    cleaned = clean_image(raw, "anh.jpg").read()
    assert set(jpeg_segments(cleaned)) <= JPEG_PIXELS_ONLY, jpeg_segments(cleaned)
    assert_nothing_left(cleaned)
    # The profile swaps red and blue: what it called red is blue in sRGB.
    image = Image.open(io.BytesIO(cleaned))
    assert image.info.get("icc_profile") is None
    left, right = image.getpixel((5, 10)), image.getpixel((35, 10))
    assert left[2] > 200 and left[0] < 60, left
    assert right[0] > 200 and right[2] < 60, right


def test_transparent_png_keeps_its_pixels_only_in_srgb():
    image = halves(mode="RGBA")
    image.putalpha(Image.new("L", image.size, 128))
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", COMMENT.decode())
    text.add_itxt("Description", "Tọa độ của phóng viên", lang="vi", tkey="Mô tả")
    text.add_text("Author", "PhoneMaker, Toa do 20.97", zip=True)
    raw = encoded(
        image,
        "PNG",
        pnginfo=text,
        icc_profile=swapped_profile(),
        exif=phone_exif(gps=True),
    )
    assert {b"iCCP", b"tEXt", b"iTXt", b"zTXt", b"eXIf"} <= set(png_chunks(raw))
    cleaned = clean_image(raw, "logo.png").read()
    assert set(png_chunks(cleaned)) == {b"IHDR", b"IDAT", b"IEND"}
    assert_nothing_left(cleaned)
    image = Image.open(io.BytesIO(cleaned))
    assert image.mode == "RGBA"
    left = image.getpixel((5, 10))
    assert left[2] > 200 and left[0] < 60 and left[3] == 128, left


def test_webp_keeps_its_pixels_only_in_srgb():
    raw = encoded(
        halves(),
        "WEBP",
        lossless=True,
        icc_profile=swapped_profile(),
        exif=phone_exif(gps=True),
        xmp=XMP,
    )
    cleaned = clean_image(raw, "anh.webp").read()
    assert set(jpeg_segments(cleaned)) <= JPEG_PIXELS_ONLY, jpeg_segments(cleaned)
    assert_nothing_left(cleaned)
    left = Image.open(io.BytesIO(cleaned)).getpixel((5, 10))
    assert left[2] > 200 and left[0] < 60, left


def test_gif_comment_is_not_carried_into_the_jpeg():
    raw = encoded(halves().convert("P"), "GIF", comment=COMMENT)
    assert COMMENT in raw
    cleaned = clean_image(raw, "anh.gif").read()
    assert set(jpeg_segments(cleaned)) <= JPEG_PIXELS_ONLY, jpeg_segments(cleaned)
    assert_nothing_left(cleaned)
    left = Image.open(io.BytesIO(cleaned)).getpixel((5, 10))
    assert left[0] > 200 and left[2] < 60, left


@pytest.mark.parametrize(
    ("mode", "profile"),
    [("RGBA", b"not an ICC profile at all"), ("LA", swapped_profile())],
    ids=["broken", "for another colour space"],
)
def test_a_profile_that_cannot_apply_is_ignored_as_browsers_do(mode, profile):
    raw = encoded(halves(mode=mode), "PNG", icc_profile=profile)
    cleaned = clean_image(raw, "logo.png").read()
    assert set(png_chunks(cleaned)) == {b"IHDR", b"IDAT", b"IEND"}
    assert profile not in cleaned
    original = Image.open(io.BytesIO(raw)).convert("RGBA")
    assert Image.open(io.BytesIO(cleaned)).getpixel((5, 10)) == original.getpixel(
        (5, 10)
    )
