"""Bring every image of a body onto the portal's own host while it is sanitised.

Word and web pages paste images that point at other hosts or carry their bytes in a
data: URL. ImageLocaliser is nh3's attribute filter: it sees each <img src> exactly
as the sanitiser parsed it, and answers with a URL on the portal (the image fetched
or decoded, checked like any upload and stored) or with None, which drops it; the
editor gets a note saying why.
"""

import base64
import binascii
import http.client
import ipaddress
import re
import socket
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
        try:
            if src.strip().lower().startswith("data:"):
                data, name = _decode_data_url(src.strip()), "anh-dan"
            else:
                data, name = _download(src.strip())
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


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connect to the address that passed the check, not to a new DNS answer."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _download(url):
    """Fetch url, at most IMAGE_MAX_BYTES, within a few seconds, without redirects."""
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError("địa chỉ ảnh không hợp lệ")
    https = parts.scheme == "https"
    port = parts.port or (443 if https else 80)
    address = _allowed_address(parts.hostname, port)
    timeout = settings.REMOTE_IMAGES_TIMEOUT
    connection_class = _PinnedHTTPSConnection if https else _PinnedHTTPConnection
    connection = connection_class(parts.hostname, port, address, timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    deadline = time.monotonic() + 2 * timeout
    try:
        connection.request(
            "GET", path, headers={"User-Agent": "HoangMaiPortal/1.0 (image import)"}
        )
        response = connection.getresponse()
        if response.status != 200:
            raise ValueError(f"máy chủ trả lời {response.status}")
        data = bytearray()
        while chunk := response.read(64 * 1024):
            data += chunk
            if len(data) > settings.IMAGE_MAX_BYTES:
                break
            if time.monotonic() > deadline:
                raise TimeoutError
    finally:
        connection.close()
    name = unquote_to_bytes(parts.path.rsplit("/", 1)[-1]).decode("utf-8", "replace")
    return bytes(data), name or "anh"


def _allowed_address(host, port):
    """Return an address of host to connect to, refusing non-public ones."""
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    if not settings.REMOTE_IMAGES_ALLOW_PRIVATE and not all(
        _is_public(a) for a in addresses
    ):
        raise ValueError("địa chỉ máy chủ ảnh không được phép")
    return str(addresses[0])


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
