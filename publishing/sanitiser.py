"""The one sanitiser for every stored HTML body (articles, pages, reports)."""

import re

import nh3

from .body_images import ImageLocaliser

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6",
    "strong", "b", "em", "i", "u", "s", "sub", "sup", "span",
    "ul", "ol", "li", "blockquote", "a",
    "figure", "figcaption", "img",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "col": {"span"},
    "colgroup": {"span"},
}
# The editor marks wrapped tables and images with these classes; keep them for CSS.
ALLOWED_CLASSES = {
    "figure": {"table", "image", "image-style-side", "image-style-align-center"},
}
# Tags removed together with what they contain, rather than unwrapped to text.
DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "noscript",
    "template", "svg", "math", "head", "title",
}  # fmt: skip


URL_SCHEMES = {"http", "https", "mailto", "tel"}
# An <img> left without a source (its image could not be brought home). In
# sanitised output every value is double-quoted with its quotes escaped.
_IMG_WITHOUT_SRC = re.compile(r'<img(?![^>]*\ssrc=")[^>]*>')


def sanitize_html(html, attribute_filter=None, url_schemes=URL_SCHEMES):
    """Return html with only the allowed tags, attributes and URL schemes left."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=url_schemes,
        attribute_filter=attribute_filter,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def clean_body(html):
    """Return (html, notes): sanitised, with every image on the portal's host.

    The sanitiser parses the HTML once; while it does, ImageLocaliser replaces each
    image source it keeps (data: included) by a copy in the portal's media, or
    drops it. The notes tell the editor which images were removed, and why.
    """
    localiser = ImageLocaliser()
    html = sanitize_html(html, localiser, URL_SCHEMES | {"data", "file", "cid"})
    # Sanitised output escapes ">" inside attributes, so a tag ends at its first ">".
    return _IMG_WITHOUT_SRC.sub("", html), localiser.notes
