import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.uploads import ImageRejected, clean_image, store_image

from .images import jpeg_bytes, png_bytes

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
