"""Bring every image of a body onto the portal's own host while it is sanitised.

Word and web pages paste images that point at other hosts or carry their bytes in a
data: URL. ImageLocaliser is nh3's attribute filter: it sees each <img src> exactly
as the sanitiser parsed it, and answers with a URL on the portal (the image fetched
or decoded, checked like any upload and stored) or with None, which drops it; the
editor gets a note saying why.

A save must answer long before gunicorn kills its worker, and the edit with it, so
the remote images of one body share REMOTE_IMAGES_TOTAL_SECONDS, one image at most
REMOTE_IMAGES_TIMEOUT of it: name lookup, connection and every read of the socket
end by the deadline, and images left when the time is up are dropped untried.
"""

import base64
import binascii
import functools
import http.client
import io
import ipaddress
import re
import socket
import threading
import time
from urllib.parse import unquote_to_bytes, urlsplit

from django.conf import settings

from .uploads import ImageRejected, clean_image, store_image

DATA_URL = re.compile(r"data:([\w/+.-]*)((?:;[\w=.-]+)*?)(;base64)?,(.*)", re.DOTALL)
MAX_IMAGES_PER_BODY = 50
FOLDER = "editor"
NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Schemes the sanitiser lets through to this filter only so that images using them
# are reported to the editor; links never keep them.
LOCAL_ONLY = ("data:", "file:", "cid:")


class ImageLocaliser:
    """nh3 attribute filter: image sources made local, data: links dropped."""

    def __init__(self):
        self.notes = []
        self._done = {}
        self._deadline = time.monotonic() + settings.REMOTE_IMAGES_TOTAL_SECONDS

    def __call__(self, tag, attribute, value):
        if attribute == "href" and value.strip().lower().startswith(LOCAL_ONLY):
            return None
        if tag == "img" and attribute == "src":
            return self.localise(value)
        return value

    def localise(self, src):
        """Return a URL on the portal for src, or None to drop the image."""
        if is_local(src):
            return src
        if src not in self._done:
            if len(self._done) >= MAX_IMAGES_PER_BODY:
                self.notes.append(
                    f"Đã bỏ ảnh {_short(src)}: quá {MAX_IMAGES_PER_BODY} ảnh."
                )
                self._done[src] = None
            else:
                self._done[src] = self._bring_home(src)
        return self._done[src]

    def _bring_home(self, src):
        src = src.strip()
        remote = not src.lower().startswith("data:")
        if remote and time.monotonic() >= self._deadline:
            self.notes.append(
                f"Đã bỏ ảnh {_short(src)}: đã hết "
                f"{settings.REMOTE_IMAGES_TOTAL_SECONDS} giây dành cho việc tải ảnh "
                "từ trang khác trong một lần lưu. Hãy lưu ảnh về máy rồi tải lên."
            )
            return None
        try:
            if remote:
                # One slow host may not take all the time of the images after it.
                deadline = min(
                    self._deadline, time.monotonic() + settings.REMOTE_IMAGES_TIMEOUT
                )
                data, name = _download(src, deadline)
            else:
                data, name = _decode_data_url(src), "anh-dan"
            return store_image(clean_image(data, name), FOLDER)
        except ImageRejected as error:
            self.notes.append(f"Đã bỏ ảnh {_short(src)}: {error}")
        except (OSError, ValueError, http.client.HTTPException) as error:
            self.notes.append(
                f"Đã bỏ ảnh {_short(src)}: không tải được ({_reason(error)})."
            )
        return None


def is_local(src):
    """Tell whether src loads from the portal itself, as a browser would read it."""
    src = src.strip()
    # Browsers read "\" as "/" and ignore tabs and newlines: refuse any of them.
    if "\\" in src or any(ord(c) < 32 for c in src):
        return False
    if src.startswith("/") and not src.startswith("//"):
        return True
    parts = urlsplit(src)
    return (
        parts.scheme in {"http", "https"}
        and "@" not in parts.netloc
        and parts.hostname in _own_hosts()
    )


def _own_hosts():
    return {host for host in settings.ALLOWED_HOSTS if host and "*" not in host}


def _decode_data_url(src):
    match = DATA_URL.fullmatch(src)
    if not match or not match.group(1).startswith("image/"):
        raise ValueError("dữ liệu nhúng không phải ảnh")
    payload = match.group(4)
    try:
        if match.group(3):
            return base64.b64decode(payload, validate=False)
        return unquote_to_bytes(payload)
    except binascii.Error as error:
        raise ValueError("dữ liệu nhúng bị hỏng") from error


def _remaining(deadline):
    """Return the seconds left before deadline; raise TimeoutError once it passed."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    return left


class _SocketReader(io.RawIOBase):
    """A socket's file whose every read is given only the time left.

    A socket's timeout bounds one recv: a host sending a byte a second would
    otherwise hold a buffered read of 64 KB, or a header line, for hours.
    """

    def __init__(self, file, sock, deadline):
        self.file = file
        self.sock = sock
        self.deadline = deadline

    def readable(self):
        return True

    def readinto(self, buffer):
        self.sock.settimeout(_remaining(self.deadline))
        return self.file.readinto(buffer)

    def close(self):
        self.file.close()
        super().close()


class _DeadlineResponse(http.client.HTTPResponse):
    """A response whose status line, headers and body are all read by the deadline."""

    def __init__(self, sock, *args, deadline, **kwargs):
        super().__init__(sock, *args, **kwargs)
        # The socket's own file, which keeps it open until the response is done.
        self.fp = io.BufferedReader(_SocketReader(self.fp.detach(), sock, deadline))


class _PinnedConnection:
    """Connect to the address that passed the check, not to a new DNS answer."""

    def __init__(self, host, port, address, deadline):
        super().__init__(host, port)
        self.address = address
        self.deadline = deadline
        self.response_class = functools.partial(_DeadlineResponse, deadline=deadline)

    def _open_socket(self):
        sock = socket.create_connection(
            (self.address, self.port), _remaining(self.deadline)
        )
        # Bounds sending the request and, for HTTPS, the whole TLS handshake.
        sock.settimeout(_remaining(self.deadline))
        return sock


class _PinnedHTTPConnection(_PinnedConnection, http.client.HTTPConnection):
    def connect(self):
        self.sock = self._open_socket()


class _PinnedHTTPSConnection(_PinnedConnection, http.client.HTTPSConnection):
    def connect(self):
        self.sock = self._context.wrap_socket(
            self._open_socket(), server_hostname=self.host
        )


def _download(url, deadline):
    """Fetch url, at most IMAGE_MAX_BYTES, by deadline, without redirects."""
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError("địa chỉ ảnh không hợp lệ")
    https = parts.scheme == "https"
    port = parts.port or (443 if https else 80)
    address = _allowed_address(parts.hostname, port, deadline)
    connection_class = _PinnedHTTPSConnection if https else _PinnedHTTPConnection
    connection = connection_class(parts.hostname, port, address, deadline)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(
            "GET", path, headers={"User-Agent": "HoangMaiPortal/1.0 (image import)"}
        )
        response = connection.getresponse()
        if response.status != 200:
            raise ValueError(f"máy chủ trả lời {response.status}")
        data = bytearray()
        # One recv at a time, so that the size is checked as the bytes come.
        while chunk := response.read1(64 * 1024):
            data += chunk
            if len(data) > settings.IMAGE_MAX_BYTES:
                break
    finally:
        connection.close()
    name = unquote_to_bytes(parts.path.rsplit("/", 1)[-1]).decode("utf-8", "replace")
    return bytes(data), name or "anh"


def _allowed_address(host, port, deadline):
    """Return an address of host to connect to, refusing non-public ones."""
    infos = _lookup(host, port, deadline)
    addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    if not settings.REMOTE_IMAGES_ALLOW_PRIVATE and not all(
        _is_public(a) for a in addresses
    ):
        raise ValueError("địa chỉ máy chủ ảnh không được phép")
    return str(addresses[0])


def _lookup(host, port, deadline):
    """Return getaddrinfo's answer for host, or raise TimeoutError at deadline.

    getaddrinfo takes no timeout and a resolver can hang for long: the lookup runs
    in a daemon thread, left to end on its own when the deadline passes first.
    """
    answer = {}

    def lookup():
        try:
            answer["infos"] = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
        except Exception as error:  # raised again in the caller's thread
            answer["error"] = error

    thread = threading.Thread(target=lookup, daemon=True)
    thread.start()
    thread.join(_remaining(deadline))
    if thread.is_alive():
        raise TimeoutError
    if "error" in answer:
        raise answer["error"]
    return answer["infos"]


def _is_public(address):
    if address.version == 6:
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return embedded.is_global
    return address.is_global


def _reason(error):
    if isinstance(error, TimeoutError | socket.timeout):
        return "quá thời gian chờ"
    return str(error) or type(error).__name__


def _short(src):
    src = src.strip()
    return f"“{src[:60]}…”" if len(src) > 60 else f"“{src}”"
