import gzip
import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

pytestmark = pytest.mark.django_db

BUDGET = 50 * 1024


@pytest.fixture
def home_html(client):
    call_command("seed_demo", stdout=io.StringIO())
    return client.get("/").content.decode()


def test_home_page_html_css_and_js_weigh_under_50_kb_compressed(home_html):
    assets = re.findall(
        r'<(?:link rel="stylesheet"|script)[^>]* (?:href|src)="/static/([^"]+)"',
        home_html,
    )
    assert assets, "the page links its stylesheet"
    total = len(gzip.compress(home_html.encode()))
    for asset in assets:
        with open(finders.find(asset), "rb") as handle:
            total += len(gzip.compress(handle.read()))
    assert total < BUDGET, f"{total} bytes compressed"


def test_home_page_loads_nothing_from_another_host(home_html):
    loaded = re.findall(r"<(?:img|script|link|iframe|source)\b[^>]*>", home_html)
    for tag in loaded:
        if (
            tag.startswith("<link")
            and 'rel="stylesheet"' not in tag
            and 'rel="icon"' not in tag
        ):
            continue
        urls = re.findall(r'(?:src|href)="([^"]+)"', tag)
        for srcset in re.findall(r'srcset="([^"]+)"', tag):
            urls += [candidate.split()[0] for candidate in srcset.split(",")]
        for url in urls:
            assert not urlsplit(url).netloc, tag
    assert "@import" not in Path(finders.find("css/site.css")).read_text()
