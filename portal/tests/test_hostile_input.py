"""No query string, however hostile, makes any public URL fail or reflect markup.

Every pattern of the URLconf is requested with the demo content's real slugs, and
every query parameter the demo pages use (in their links and GET forms, plus
`page`, and `p` that Django's sitemap views read) gets each value of a corpus.
"""

import io
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from .urlconf import demo_urls

pytestmark = pytest.mark.django_db

# Read by views although no demo page links them with a value: the page of a
# list that fits on one page, and the page of a sitemap (Django's view reads p).
UNLINKED = {
    "page": ["news:list", "news:category", "campaigns:documents", "search"],
    "p": ["sitemap", "sitemap_section"],
}
# A search that finds demo content: the search page reads its page number and
# highlights results only when there is one.
A_SEARCH = "hoang mai"
MARKUP = ['"><script>alert("hm")</script>', "<img src=x onerror=alert(1)>"]
REFLECTED = ["<script>alert(", "<img src=x"]
HOSTILE = [
    "",
    " ",
    "0",
    "00",
    "0000",
    "-1",
    "-2021",
    "+1",
    "1.5",
    "1e309",
    "NaN",
    "Infinity",
    "99999999999999999999999999",
    "9" * 400,
    "0001",
    "9999",
    "10000",
    "²²²²",
    "①①①①",
    "٢٠٢١",
    "２０２１",
    "1_000",
    "\x00",
    "2021\x00",
    "%00",
    "\ufffd",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "2021-02-30",
    "+12021-01-01",
    "2021-W01-1",
    "' OR '1'='1",
    "\r\nX-Injected: 1",
    "../../etc/passwd",
    "{{ 7|add:7 }}",
    "a" * 3000,
    "ạ" * 3000,
    *MARKUP,
    ["2021", "²²²²"],
    ["", "①", "x"],
]
# Query strings as they arrive from the wire, percent-escaped or not: invalid
# UTF-8, a lone surrogate, broken escapes, and more fields than Django accepts.
RAW = [
    "{name}=\xff\xfe",
    "{name}=%FF%FE",
    "{name}=%C0%AF",
    "{name}=%ED%A0%80",
    "{name}=%",
    "{name}=%zz",
    "{name}",
    "{name}==",
    "&&{name}&&",
    "&".join(["{name}=1"] * 1001),
]


class QueryNames(HTMLParser):
    """Collect {name: paths} of the query parameters of a page's links and GET forms."""

    def __init__(self, path):
        super().__init__()
        self.path = path
        self.names = {}
        self.form = None  # the path a GET form being read sends its fields to

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            url = urlsplit(attrs["href"])
            if not url.netloc:
                for name, _ in parse_qsl(url.query, keep_blank_values=True):
                    self.names.setdefault(name, set()).add(url.path or self.path)
        elif tag == "form":
            get = (attrs.get("method") or "get").lower() == "get"
            self.form = (attrs.get("action") or self.path) if get else None
        elif tag in {"input", "select", "textarea"} and self.form and attrs.get("name"):
            self.names.setdefault(attrs["name"], set()).add(self.form)

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None


def query_names(client, urls):
    """Return {name: paths} of the query parameters the pages at urls send."""
    names = {name: {urls[view] for view in views} for name, views in UNLINKED.items()}
    for url in urls.values():
        response = client.get(url)
        if response.get("Content-Type", "").startswith("text/html"):
            page = QueryNames(url)
            page.feed(response.content.decode())
            for name, paths in page.names.items():
                names.setdefault(name, set()).update(paths)
    return names


def problems(response, label):
    """Return what is wrong with one answer: a 5xx, or markup sent back as is."""
    if response.status_code >= 500:
        return [f"{label}: {response.status_code}"]
    body = response.getvalue().decode(errors="replace")
    return [f"{label}: reflects {mark!r}" for mark in REFLECTED if mark in body]


def test_no_hostile_query_string_breaks_a_page_or_is_reflected():
    call_command("seed_demo", stdout=io.StringIO())
    client = Client(raise_request_exception=False)
    urls = demo_urls()
    names = query_names(client, urls)
    assert {"q", "loai", "nam", "co-quan", "tu", "den", "sap-xep"} <= names.keys()
    requests = []
    # Every value in every parameter at once, at every URL.
    for url in urls.values():
        requests += [(url, dict.fromkeys(names, value)) for value in HOSTILE]
        requests += [
            (url, "&".join(raw.format(name=name) for name in names)) for raw in RAW
        ]
    # Then each parameter alone where it is used, since one refused value (a
    # page number out of range) can stop a view before it reads the others, and
    # beside a search that finds something, since the search reads some only then.
    for name, paths in names.items():
        search = {} if name == "q" else {"q": A_SEARCH}
        for url in paths:
            requests += [(url, {**search, name: value}) for value in HOSTILE]
            requests += [
                (url, "&".join([urlencode(search), raw.format(name=name)]))
                for raw in RAW
            ]
    found = []
    for url, query in requests:
        if isinstance(query, str):
            response = client.get(url, QUERY_STRING=query)
            label = f"{url}?{query[:200]!r}"
        else:
            response = client.get(url, query)
            label = f"{url}?{urlencode(query, doseq=True)[:200]}"
        found += problems(response, label)
    assert not found, "\n".join(found[:50])


def test_too_many_fields_read_as_an_empty_query_even_on_an_error_page(client):
    too_many = "&".join(["q=1"] * 1001)
    assert client.get("/khong-co/", QUERY_STRING=too_many).status_code == 404
    assert client.get("/tim-kiem/", QUERY_STRING=too_many).status_code == 200
