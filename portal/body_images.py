"""Bring every image of a body onto the portal's own host before it is stored.

Word and web pages paste images that point at other hosts or carry their bytes in a
data: URL. Each is fetched or decoded, checked like any upload and stored in the
portal's media; one that cannot be is removed, with a note for the editor.
"""

import base64
import binascii
import html
import ipaddress
import re
import socket
import urllib.error
import urllib.request
from urllib.parse import unquote_to_bytes, urlsplit

from django.conf import settings

from .uploads import ImageRejected, clean_image, store_image

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
SRC_ATTR = re.compile(
    r"""(\ssrc\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE
)
DATA_URL = re.compile(r"data:([\w/+.-]*)((?:;[\w=.-]+)*?)(;base64)?,(.*)", re.DOTALL)
MAX_IMAGES_PER_BODY = 50
FOLDER = "editor"


def localise_images(body):
    """Return (body, notes): foreign and data: images stored locally or removed."""
    notes = []
    seen = {}

    def replace(match):
        tag = match.group(0)
        src_match = SRC_ATTR.search(tag)
        if not src_match:
            return tag
        src = html.unescape(next(g for g in src_match.groups()[1:] if g is not None))
        if _is_local(src):
            return tag
        if src not in seen:
            if len(seen) >= MAX_IMAGES_PER_BODY:
                seen[src] = None
                notes.append(f"Đã bỏ ảnh {_short(src)}: quá {MAX_IMAGES_PER_BODY} ảnh.")
            else:
                seen[src] = _bring_home(src, notes)
        url = seen[src]
        if url is None:
            return ""
        start, end = src_match.span()
        return f'{tag[:start]}{src_match.group(1)}"{html.escape(url)}"{tag[end:]}'

    return IMG_TAG.sub(replace, body or ""), notes


def _is_local(src):
    parts = urlsplit(src.strip())
    if parts.scheme or parts.netloc:
        return (
            parts.scheme in {"http", "https"}
            and parts.hostname is not None
            and parts.hostname in _own_hosts()
        )
    return True


def _own_hosts():
    return {host for host in settings.ALLOWED_HOSTS if host and "*" not in host}


def _bring_home(src, notes):
    """Store the image at src locally and return its URL, or None with a note."""
    try:
        if src.strip().lower().startswith("data:"):
            data, name = _decode_data_url(src.strip()), "anh-dan"
        else:
            data, name = _download(src.strip())
        return store_image(clean_image(data, name), FOLDER)
    except ImageRejected as error:
        notes.append(f"Đã bỏ ảnh {_short(src)}: {error}")
    except (OSError, ValueError) as error:
        notes.append(f"Đã bỏ ảnh {_short(src)}: không tải được ({_reason(error)}).")
    return None


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


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Refuse redirects: each hop would need the address check again."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _download(url):
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError("địa chỉ ảnh không hợp lệ")
    _check_address(
        parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
    )
    # The scheme is checked above: http or https only.
    request = urllib.request.Request(  # noqa: S310
        url, headers={"User-Agent": "HoangMaiPortal/1.0 (image import)"}
    )
    timeout = settings.REMOTE_IMAGES_TIMEOUT
    with _opener.open(request, timeout=timeout) as response:
        if response.status != 200:
            raise ValueError(f"máy chủ trả lời {response.status}")
        data = response.read(settings.IMAGE_MAX_BYTES + 1)
    name = unquote_to_bytes(parts.path.rsplit("/", 1)[-1]).decode("utf-8", "replace")
    return data, name or "anh"


def _check_address(host, port):
    """Refuse hosts on private, loopback or link-local addresses (unless allowed)."""
    if settings.REMOTE_IMAGES_ALLOW_PRIVATE:
        return
    for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP):
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise ValueError("địa chỉ máy chủ ảnh không được phép")


def _reason(error):
    if isinstance(error, urllib.error.HTTPError):
        return f"máy chủ trả lời {error.code}"
    if isinstance(error, TimeoutError | socket.timeout):
        return "quá thời gian chờ"
    return str(getattr(error, "reason", error))


def _short(src):
    src = src.strip()
    return f"“{src[:60]}…”" if len(src) > 60 else f"“{src}”"
