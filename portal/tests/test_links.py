"""Every internal link of the public site answers, and hidden items stay hidden.

An anonymous visitor starts from the home page, robots.txt, the sitemap and the
feed, and follows every same-site link (href, src, the action of GET forms,
the poll widget's state URL; the <link> and <loc> of feeds and sitemaps): each
must answer 200, or redirect to a page that does. The demo is loaded, then
items readers must not see: an inactive campaign with published reports,
withdrawn and scheduled articles, reports and documents, closed and paused polls,
a draft page. No crawled page may name them.
"""

import datetime
import html
import io
import re
import xml.etree.ElementTree as ET
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from campaigns.models import Campaign, Document, Report
from news.models import Article
from pages.models import Page
from polls.models import Choice, Poll

pytestmark = pytest.mark.django_db

HOST = "testserver"
REDIRECTS = {301, 302, 303, 307, 308}
# Far more than the demo has: a crawl past it is following an endless list.
MAX_URLS = 2000
DAY = datetime.timedelta(days=1)
# What HTML and Open Graph readers accept without question: a date, or a moment to
# the second with its offset. Not the six-digit fraction timezone.now() carries.
MACHINE_MOMENT = re.compile(
    r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2}))?"
)
MOMENTS = re.compile(
    r'\sdatetime="([^"]*)"|<meta property="[\w:]+_time" content="([^"]*)"'
)


class PageLinks(HTMLParser):
    """Collect the URLs an HTML page links to or loads."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        names = ["href", "src", "data-state-url"]
        # A POST form's action is not a page (it answers 405 to GET).
        if tag == "form" and (attrs.get("method") or "get").lower() == "get":
            names.append("action")
        self.urls += [attrs[name] for name in names if attrs.get(name)]


def xml_links(content):
    """Return the URLs of a feed or sitemap: <link>, <guid>, <loc> and href."""
    urls = []
    for element in ET.fromstring(content).iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in {"link", "guid", "loc"} and (element.text or "").strip():
            urls.append(element.text.strip())
        if element.get("href"):
            urls.append(element.get("href"))
    return urls


def robots_links(text):
    return [
        line.split(":", 1)[1].strip()
        for line in text.splitlines()
        if line.lower().startswith("sitemap:")
    ]


def internal(url, base):
    """Return url as a path (and query) of this site, or None for anything else."""
    parts = urlsplit(urljoin(f"http://{HOST}{base}", url.strip()))
    if parts.scheme not in {"http", "https"} or parts.netloc != HOST:
        return None  # mailto:, tel:, javascript: and other sites
    return parts.path + (f"?{parts.query}" if parts.query else "")


def links_of(response, url):
    kind = response.get("Content-Type", "").split(";")[0]
    if kind == "text/html":
        parser = PageLinks()
        parser.feed(response.content.decode())
        found = parser.urls
    elif kind in {"application/rss+xml", "application/atom+xml", "application/xml"}:
        found = xml_links(response.content)
    elif url == "/robots.txt":
        found = robots_links(response.content.decode())
    else:
        return []  # images, PDFs, downloads: checked to answer, not read
    links = []
    for link in found:
        if link.startswith("#"):
            continue
        path = internal(link, url)
        if path is not None:
            links.append(path)
    return links


def crawl(client, start):
    """Visit every internal link from start; return (texts, broken).

    texts maps each URL read (HTML, feed, sitemap) to its text, unescaped;
    broken lists "url → status (found on page)" for each link that does not
    answer 200, directly or after its redirects.
    """
    found_on = {url: "(start)" for url in start}
    queue = deque(start)
    texts = {}
    broken = []
    while queue:
        url = queue.popleft()
        assert len(found_on) <= MAX_URLS, "the crawl does not end"
        response = client.get(url)
        target, hops = url, 0
        while response.status_code in REDIRECTS and hops < 5:
            target = internal(response["Location"], target)
            if target is None:
                break
            response = client.get(target)
            hops += 1
        if response.status_code != 200:
            status = response.status_code
            broken.append(f"{url} → {status}, found on {found_on[url]}")
            continue
        if response.streaming:
            # A static or uploaded file: read through, which also closes it the
            # test client's way (response.close() would close the database
            # connection of the test's transaction on PostgreSQL).
            b"".join(response.streaming_content)
            continue
        links = links_of(response, target)
        if links or response.get("Content-Type", "").startswith("text/html"):
            texts[url] = html.unescape(response.content.decode())
        for link in links:
            if link not in found_on:
                found_on[link] = url
                queue.append(link)
    return texts, broken


@pytest.fixture
def hidden(db):
    """Load the demo, add what readers must not see; return its names."""
    call_command("seed_demo", stdout=io.StringIO())
    now = timezone.now()
    cited = list(Article.objects.published().exclude(campaign=None)[:2])
    active = Campaign.objects.active().first()
    names = []

    inactive = Campaign.objects.create(
        name="Phong trào đã tạm ẩn khỏi cổng",
        summary="Chiến dịch không còn hiển thị với bạn đọc.",
        period="2020",
        active=False,
    )
    names.append(inactive.name)
    # An article of the inactive campaign is still news; only the link goes.
    Article.objects.filter(pk=cited[1].pk).update(campaign=inactive)
    reports = [
        (inactive, "Báo cáo của phong trào đã tạm ẩn", {}),
        (active, "Báo cáo đã gỡ khỏi cổng", {"status": Report.Status.WITHDRAWN}),
        (active, "Báo cáo hẹn giờ chưa đến lúc đăng", {"published_at": now + DAY}),
    ]
    for campaign, title, fields in reports:
        fields = {"status": Report.Status.PUBLISHED, "published_at": now - DAY} | fields
        report = Report.objects.create(
            campaign=campaign,
            title=title,
            period="Năm 2021",
            reported_on=datetime.date(2021, 12, 1),
            summary=f"Tóm tắt: {title}.",
            **fields,
        )
        report.articles.set(cited)
        names.append(title)
    documents = [
        (inactive, "31-HD/AN", {}),
        (active, "32-TB/GO", {"status": Document.Status.WITHDRAWN}),
        (active, "33-TB/HG", {"published_at": now + DAY}),
    ]
    for campaign, number, fields in documents:
        fields = {"status": Document.Status.PUBLISHED, "published_at": now - DAY} | (
            fields
        )
        document = Document.objects.create(
            number=number,
            kind=Document.Kind.NOTICE,
            issuer="Ban Tuyên giáo Quận ủy",
            issued_on=datetime.date(2021, 12, 1),
            summary=f"Văn bản thử {number}.",
            **fields,
        )
        document.campaigns.set([campaign])
    names += ["32-TB/GO", "33-TB/HG"]
    articles = [
        ("Tin đã gỡ khỏi cổng", {"status": Article.Status.WITHDRAWN}),
        ("Tin hẹn giờ chưa đến lúc đăng", {"published_at": now + DAY}),
    ]
    for title, fields in articles:
        fields = {
            "status": Article.Status.PUBLISHED,
            "published_at": now - DAY,
        } | fields
        Article.objects.create(
            title=title,
            sapo=f"Sapo: {title}.",
            body="<p>Nội dung.</p>",
            category=cited[0].category,
            campaign=active,
            is_featured=True,
            view_count=10**6,
            **fields,
        )
        names.append(title)
    names += Article.objects.exclude(pk__in=Article.objects.published()).values_list(
        "title", flat=True
    )
    draft = Page.objects.create(
        slug="trang-nhap",
        title="Trang thông tin còn là nháp",
        body="<p>Nháp.</p>",
        published=False,
    )
    names.append(draft.title)
    # Newer than the demo poll: a side column that forgets a rule shows them.
    polls = [
        ("Bình chọn đã kết thúc từ trước", {"closes_at": now - DAY / 24}),
        ("Bình chọn đang tạm dừng", {"active": False}),
        ("Bình chọn hẹn giờ chưa đăng", {"published_at": now + DAY}),
    ]
    for question, fields in polls:
        fields = {"status": Poll.Status.PUBLISHED, "published_at": now - DAY} | fields
        poll = Poll.objects.create(question=question, opens_at=now - DAY / 12, **fields)
        Choice.objects.create(poll=poll, text="Hài lòng")
        names.append(question)
    return names


@pytest.fixture
def published_just_now(hidden):
    """An article published "now", to the microsecond, as "Xuất bản ngay" does."""
    moment = timezone.now().replace(microsecond=629280) - DAY / 24
    with time_machine.travel(moment, tick=False):
        article = Article.objects.create(
            title="Tin vừa xuất bản ngay",
            sapo="Sapo.",
            body="<p>Nội dung.</p>",
            category=Article.objects.published().first().category,
            is_featured=True,
            status=Article.Status.PUBLISHED,
        )
    assert article.published_at.microsecond == 629280
    return article


def test_every_internal_link_answers_and_hidden_items_appear_nowhere(
    client, hidden, published_just_now
):
    start = ["/", "/robots.txt", "/sitemap.xml", "/tin-tuc/rss/"]
    # Search pages that would list the hidden items if the index forgot a rule.
    start += [f"/tim-kiem/?q={word}" for word in ["tạm ẩn", "gỡ", "hẹn giờ"]]
    texts, broken = crawl(client, start)
    assert not broken, "Links that do not answer 200:\n" + "\n".join(broken)
    assert len(texts) > 50  # the demo's pages, feeds and sitemaps were read
    shown = [
        f"{name!r} on {url}"
        for name in hidden
        for url, text in texts.items()
        if name in text
    ]
    assert not shown, "Hidden items shown:\n" + "\n".join(shown)
    moments = {
        url: [a or b for a, b in MOMENTS.findall(text)] for url, text in texts.items()
    }
    assert moments[published_just_now.get_absolute_url()]
    bad = [
        f"{moment!r} on {url}"
        for url, found in moments.items()
        for moment in found
        if not MACHINE_MOMENT.fullmatch(moment)
    ]
    assert not bad, "Invalid datetime values:\n" + "\n".join(bad)


def test_the_crawler_reports_a_dead_link_with_its_page(client, make_article):
    Page.objects.create(slug="gioi-thieu", title="Giới thiệu", body="<p>Ban.</p>")
    article = make_article(body='<p><a href="/tin-tuc/khong-co/bai-nay/">x</a></p>')
    texts, broken = crawl(client, [article.get_absolute_url()])
    assert broken == [
        f"/tin-tuc/khong-co/bai-nay/ → 404, found on {article.get_absolute_url()}"
    ]
    assert article.get_absolute_url() in texts
