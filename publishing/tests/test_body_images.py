import base64
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from portal.tests.images import jpeg_bytes
from portal.tests.slow_hosts import silent_host, tls_trickle_host, trickle_host
from publishing.sanitiser import clean_body

pytestmark = pytest.mark.django_db

PHOTO = jpeg_bytes((40, 20), orientation=6, gps=True)


class FakeImageHost(BaseHTTPRequestHandler):
    """Another web site, on 127.0.0.1, that Word documents link images from."""

    routes = {
        "/anh/hoi-nghi.jpg": (200, "image/jpeg", PHOTO),
        "/anh/van-ban.jpg": (200, "image/jpeg", b"<html>not an image</html>"),
        "/anh/mat.jpg": (404, "text/html", b"not found"),
    }

    def do_GET(self):
        if self.path == "/anh/cham.jpg":
            time.sleep(2)
        if self.path == "/anh/chuyen.jpg":
            self.send_response(302)
            self.send_header("Location", "/anh/hoi-nghi.jpg")
            self.end_headers()
            return
        status, content_type, body = self.routes.get(
            self.path, (200, "image/jpeg", PHOTO)
        )
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def image_host(settings):
    settings.REMOTE_IMAGES_ALLOW_PRIVATE = True
    settings.REMOTE_IMAGES_TIMEOUT = 1
    # The portal's own host; the fake server on localhost is "another host".
    settings.ALLOWED_HOSTS = ["tuyengiao.hoangmai.vn"]
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeImageHost)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def stored_image(url):
    assert url.startswith("/media/editor/")
    with default_storage.open(url.removeprefix("/media/")) as handle:
        image = Image.open(handle)
        image.load()
        return image


def test_image_from_another_host_is_copied_and_cleaned(image_host):
    html, notes = clean_body(
        f'<p><img src="{image_host}/anh/hoi-nghi.jpg" alt="Hội nghị"></p>'
    )
    assert notes == []
    src = html.split('src="')[1].split('"')[0]
    assert src.endswith("/hoi-nghi.jpg")
    image = stored_image(src)
    assert image.size == (20, 40) and not image.getexif()
    assert 'alt="Hội nghị"' in html


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/anh/mat.jpg", "máy chủ trả lời 404"),
        ("/anh/van-ban.jpg", "không phải là ảnh hợp lệ"),
        ("/anh/cham.jpg", "không tải được"),
        ("/anh/chuyen.jpg", "máy chủ trả lời 302"),
    ],
)
def test_image_that_cannot_be_fetched_is_removed_with_a_note(image_host, path, reason):
    html, notes = clean_body(f'<p>Trước<img src="{image_host}{path}">sau</p>')
    assert html == "<p>Trướcsau</p>"
    assert len(notes) == 1 and reason in notes[0], notes


def test_data_url_image_is_stored_as_a_file():
    encoded = base64.b64encode(jpeg_bytes((8, 8))).decode()
    html, notes = clean_body(f'<p><img src="data:image/jpeg;base64,{encoded}"></p>')
    assert notes == []
    src = html.split('src="')[1].split('"')[0]
    assert stored_image(src).size == (8, 8)


def test_broken_data_url_and_local_file_paths_are_removed():
    html, notes = clean_body(
        '<p><img src="data:text/html;base64,PHNjcmlwdD4="></p>'
        '<p><img src="file:///C:/Users/bientap/anh.jpg"></p>'
    )
    assert html == "<p></p><p></p>"
    assert len(notes) == 2


def test_private_addresses_are_refused_by_default(image_host, settings):
    settings.REMOTE_IMAGES_ALLOW_PRIVATE = False
    html, notes = clean_body(f'<img src="{image_host}/anh/hoi-nghi.jpg">')
    assert html == ""
    assert "không được phép" in notes[0]


def test_images_already_on_the_portal_are_left_alone(settings):
    settings.ALLOWED_HOSTS = ["tuyengiao.hoangmai.vn"]
    body = (
        '<img src="/media/editor/2026/11/a.jpg" alt="A">'
        '<img src="https://tuyengiao.hoangmai.vn/media/b.jpg" alt="B">'
    )
    assert clean_body(body) == (body, [])


def test_the_same_remote_image_twice_is_fetched_once(image_host):
    url = f"{image_host}/anh/hoi-nghi.jpg"
    html, _ = clean_body(f'<img src="{url}"><img src="{url}">')
    sources = [part.split('"')[0] for part in html.split('src="')[1:]]
    assert len(sources) == 2 and sources[0] == sources[1]


@pytest.mark.parametrize(
    "body",
    [
        '<img alt=">" src="https://evil.example/a.png">',
        '<img alt=" src=/ok.png" src="https://evil.example/a.png">',
        '<img/src="https://evil.example/a.png">',
        '<image src="https://evil.example/a.png">',
        "<IMG SRC=https://evil.example/a.png>",
        '<img src="/\\evil.example/a.png">',
        '<img src="\\\\evil.example/a.png">',
        '<img src="https://evil.example\\@testserver/e.png">',
        '<img src="https://user@evil.example/e.png">',
        '<img src=" //evil.example/a.png">',
        '<img src="/\t/evil.example/a.png">',
    ],
)
def test_no_trick_leaves_an_image_on_another_host(body, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.REMOTE_IMAGES_ALLOW_PRIVATE = False
    html, notes = clean_body(f"<p>{body}</p>")
    assert "evil.example" not in html
    assert "<img" not in html
    assert notes


def test_links_never_keep_data_or_file_urls():
    html, _ = clean_body(
        '<a href="data:text/html,hi">a</a><a href="file:///etc/passwd">b</a>'
    )
    assert html == (
        '<a rel="noopener noreferrer">a</a><a rel="noopener noreferrer">b</a>'
    )


def test_dns_rebinding_cannot_reach_a_private_address(
    image_host, monkeypatch, settings
):
    """The address that passed the check is the one connected to."""
    settings.REMOTE_IMAGES_ALLOW_PRIVATE = False
    port = int(image_host.rsplit(":", 1)[1])
    answers = iter(["93.184.216.34", "127.0.0.1", "127.0.0.1"])
    real = socket.getaddrinfo

    def rebinding(host, *args, **kwargs):
        if host != "rebind.attacker.example":
            return real(host, *args, **kwargs)
        address = next(answers)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    connected = []
    real_connect = socket.create_connection

    def record(address, *args, **kwargs):
        connected.append(address[0])
        raise OSError("no network in tests")

    monkeypatch.setattr(socket, "create_connection", record)
    html, notes = clean_body(
        f'<img src="http://rebind.attacker.example:{port}/anh/hoi-nghi.jpg">'
    )
    assert connected == ["93.184.216.34"]
    assert html == "" and notes
    monkeypatch.setattr(socket, "create_connection", real_connect)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("169.254.169.254", False),
        ("::ffff:127.0.0.1", False),
        ("64:ff9b::a00:1", False),
        ("2002:7f00:1::", False),
        ("2606:4700::1111", True),
    ],
)
def test_address_check(address, public):
    import ipaddress

    from publishing.body_images import _is_public

    assert _is_public(ipaddress.ip_address(address)) is public


@pytest.fixture
def elsewhere(settings):
    """Hosts on 127.0.0.1 count as other web sites."""
    settings.REMOTE_IMAGES_ALLOW_PRIVATE = True
    settings.ALLOWED_HOSTS = ["tuyengiao.hoangmai.vn"]


@pytest.fixture
def slow_hosts(elsewhere):
    """A host sending a byte a second and one never answering."""
    with trickle_host() as trickle, silent_host() as silent:
        yield trickle, silent


def test_slow_hosts_cannot_hold_a_save_past_its_total(slow_hosts, settings):
    """Every read is bounded by what is left: a byte a second cannot stretch it."""
    settings.REMOTE_IMAGES_TIMEOUT = 2
    settings.REMOTE_IMAGES_TOTAL_SECONDS = 5
    trickle, silent = slow_hosts
    body = (
        "<p>Nội dung đã sửa</p>"
        f'<img src="{trickle.url}/than/anh-1.jpg">'
        f'<img src="{trickle.url}/dau/anh-2.jpg">'
        f'<img src="{silent}/anh-3.jpg">'
        f'<img src="{trickle.url}/than/anh-4.jpg">'
    )
    started = time.monotonic()
    html, notes = clean_body(body)
    elapsed = time.monotonic() - started
    assert html == "<p>Nội dung đã sửa</p>"
    assert 4.5 < elapsed < 6, elapsed
    assert len(notes) == 4, notes
    assert all("quá thời gian chờ" in note for note in notes[:3]), notes
    assert "anh-4.jpg" in notes[3] and "hết 5 giây" in notes[3], notes
    # The last image was dropped without even connecting to its host.
    assert trickle.paths == ["/than/anh-1.jpg", "/dau/anh-2.jpg"]
    assert trickle.connections == 2


def test_a_dns_lookup_that_hangs_does_not_hang_the_save(
    image_host, monkeypatch, settings
):
    settings.REMOTE_IMAGES_TIMEOUT = 1
    settings.REMOTE_IMAGES_TOTAL_SECONDS = 3
    released = threading.Event()
    real = socket.getaddrinfo

    def hanging(host, *args, **kwargs):
        if host == "anh.treo.example":
            released.wait(30)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", hanging)
    started = time.monotonic()
    try:
        html, notes = clean_body(
            '<p>Bài</p><img src="http://anh.treo.example/a.jpg">'
            f'<img src="{image_host}/anh/hoi-nghi.jpg">'
        )
    finally:
        released.set()
    assert time.monotonic() - started < 2.5
    assert len(notes) == 1 and "quá thời gian chờ" in notes[0], notes
    # One image's wait is bounded too: the next image still came home.
    assert html.startswith('<p>Bài</p><img src="/media/editor/'), html


def test_a_tls_handshake_sent_a_byte_a_second_ends_by_the_deadline(elsewhere, settings):
    settings.REMOTE_IMAGES_TIMEOUT = 2
    with tls_trickle_host() as url:
        started = time.monotonic()
        html, notes = clean_body(f'<p>Bài</p><img src="{url}/a.jpg">')
        assert time.monotonic() - started < 2.5
    assert html == "<p>Bài</p>"
    assert len(notes) == 1 and "quá thời gian chờ" in notes[0], notes


def test_saving_an_article_with_slow_images_keeps_the_text(
    slow_hosts, settings, make_article
):
    settings.REMOTE_IMAGES_TIMEOUT = 2
    settings.REMOTE_IMAGES_TOTAL_SECONDS = 3
    trickle, silent = slow_hosts
    article = make_article(body="<p>Bản cũ</p>")
    article.body = (
        f'<p>Bản mới</p><img src="{trickle.url}/than/a.jpg">'
        f'<img src="{silent}/b.jpg"><img src="{trickle.url}/dau/c.jpg">'
    )
    started = time.monotonic()
    article.save()
    assert time.monotonic() - started < 4
    article.refresh_from_db()
    assert article.body == "<p>Bản mới</p>"
    assert len(article.body_notes) == 3
    assert "hết 3 giây" in article.body_notes[2]
