"""Each article's "Chia sẻ": a plain Facebook link, and a button for the script."""

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def share_box(html):
    return re.search(r'<div class="share">.*?</div>', html, re.S).group(0)


def test_an_article_has_a_facebook_link_and_a_button_the_script_shows(
    client, make_article
):
    article = make_article(title="Tin “vùng xanh” & Đại Kim")
    html = client.get(article.get_absolute_url()).text
    box = share_box(html)
    canonical = f"http://testserver{article.get_absolute_url()}"
    link = re.search(r'<a class="share__link" href="([^"]+)"', box).group(1)
    parts = urlsplit(link.replace("&amp;", "&"))
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "www.facebook.com",
        "/sharer/sharer.php",
    )
    assert parse_qs(parts.query) == {"u": [canonical]}
    assert 'target="_blank"' in box and 'rel="noopener"' in box
    # Hidden until the script knows what this browser can do.
    button = re.search(r"<button [^>]*>", box).group(0)
    assert " hidden" in button and f'data-url="{canonical}"' in button
    assert 'data-title="Tin “vùng xanh” &amp; Đại Kim"' in button
    assert '<p class="share__status" role="status"></p>' in box
    assert '<script src="/static/js/share.js" defer></script>' in html


def test_the_share_script_is_our_own_and_loads_nothing(client, make_article):
    script = Path(finders.find("js/share.js")).read_text(encoding="utf-8")
    assert "navigator.share" in script and "navigator.clipboard.writeText" in script
    assert "://" not in script  # no address of its own to load
    assert "Đã sao chép liên kết" in script


def test_a_preview_has_no_share_box(approver_client, make_article):
    article = make_article(status="draft", published_at=None)
    url = reverse("article_preview", args=[article.pk])
    html = approver_client.get(url).text
    assert article.title in html
    assert 'class="share"' not in html
