"""Every picture of a body has a description before readers or reviewers see it.

A description (the <img>'s alt) is what a screen reader says instead of the
picture, and what a search engine and a slow connection show. A draft may keep
pictures without one; sending it for review, publishing it or proposing a change
to a live item may not. Every write path (the change form, list actions, imports,
restores) goes through check_descriptions().
"""

import os
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError


class _Pictures(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pictures = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.pictures.append(dict(attrs))


def pictures_without_description(html):
    """Return (position, file name) of each picture of html without a description.

    Positions count every picture of the body from 1; a description of spaces
    only is none.
    """
    parser = _Pictures()
    parser.feed(html or "")
    parser.close()
    return [
        (position, file_name(attrs.get("src") or ""))
        for position, attrs in enumerate(parser.pictures, start=1)
        if not (attrs.get("alt") or "").strip()
    ]


def check_pictures(html):
    """Raise ValidationError naming each picture of html without a description."""
    missing = pictures_without_description(html)
    if not missing:
        return
    named = [
        f"ảnh thứ {position}" + (f" (“{name}”)" if name else "")
        for position, name in missing
    ]
    listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} và {named[-1]}"
    raise ValidationError(
        f"{listed[0].upper()}{listed[1:]} chưa có mô tả. Hãy bấm vào ảnh trong khung "
        "soạn thảo, chọn nút “Mô tả ảnh” và ghi ngắn gọn ảnh cho thấy gì, để người "
        "khiếm thị cũng hiểu được. Nội dung có ảnh chưa mô tả chỉ lưu được dưới dạng "
        "nháp, chưa gửi duyệt hay xuất bản được."
    )


def check_descriptions(before, after, sent_out):
    """Raise ValidationError if saving after over before sends out an undescribed
    picture: to review, to readers, or as a change proposed to a live item.

    sent_out(item) says where item is out, to reviewers or readers (its status,
    its "published" box: each model's own), and is empty while it is not. A save
    that sends nothing new (out the same way before, with the same body) passes,
    so that an item published before this rule can still be withdrawn,
    unfeatured or retitled.
    """
    body = getattr(after, "body", None)
    if body is None or not sent_out(after):
        return
    if before is not None and (sent_out(before), before.body) == (
        sent_out(after),
        body,
    ):
        return
    check_pictures(body)


def file_name(src):
    """Return the file name of a picture's src, as a clerk knows it ("" if none)."""
    src = src.strip()
    if src.lower().startswith("data:"):
        return ""
    return unquote(os.path.basename(urlsplit(src).path.rstrip("/")))
