"""The one sanitiser for every stored HTML body (articles, pages, reports)."""

import nh3

from .body_images import localise_images

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


def sanitize_html(html):
    """Return html with only the allowed tags, attributes and URL schemes left."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def clean_body(html):
    """Return (html, notes): images brought onto the portal's host, then sanitised.

    The notes tell the editor which images had to be removed, and why.
    """
    html, notes = localise_images(html)
    return sanitize_html(html), notes
