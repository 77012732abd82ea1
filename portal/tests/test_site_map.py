"""The site map for readers (/so-do-trang/): what sitemap.xml lists, in HTML."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.models import Campaign, Document
from news.models import Category
from pages.models import Page
from polls.models import Poll

from .screens import keep

pytestmark = pytest.mark.django_db

SITE_MAP = "/so-do-trang/"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def add_content(n):
    """Add a shown and a hidden item of every kind; return the shown ones."""
    now = timezone.now()
    shown = [
        Category.objects.create(name=f"Chuyên mục số {n}", order=n),
        Campaign.objects.create(
            name=f"Phong trào số {n}", summary="Tóm tắt.", period="Năm 2021"
        ),
        Document.objects.create(
            number=f"{n}-KH/QU",
            kind=Document.Kind.PLAN,
            issuer="Quận ủy Hoàng Mai",
            issued_on=datetime.date(2021, 8, n),
            summary=f"Kế hoạch số {n} về công tác tuyên truyền.",
            status=Document.Status.PUBLISHED,
            published_at=now - datetime.timedelta(days=1),
        ),
        Page.objects.create(
            title=f"Trang thông tin số {n}", slug=f"trang-{n}", body="<p>Nội dung.</p>"
        ),
    ]
    Campaign.objects.create(
        name=f"Phong trào đã ẩn số {n}", summary=".", period="2020", active=False
    )
    Document.objects.create(
        number=f"{n}-CV/QU",
        kind=Document.Kind.OFFICIAL_LETTER,
        issuer="Quận ủy Hoàng Mai",
        summary="Công văn còn là bản nháp.",
    )
    Page.objects.create(
        title=f"Trang nháp số {n}", slug=f"nhap-{n}", body="<p>.</p>", published=False
    )
    Poll.objects.create(
        question=f"Bình chọn đã kết thúc số {n}",
        opens_at=now - datetime.timedelta(days=60),
        closes_at=now - datetime.timedelta(days=30),
        status=Poll.Status.PUBLISHED,
        published_at=now - datetime.timedelta(days=60),
    )
    return shown


def links(html):
    main = html[html.index('<main id="noi-dung"') : html.index("</main>")]
    return set(re.findall(r'<a href="(/[^"]*)"', main))


def test_the_site_map_lists_what_sitemap_xml_lists_but_articles(client, open_poll):
    shown = add_content(1) + add_content(2)
    html = client.get(SITE_MAP).content.decode()
    for heading in ["Tin tức", "Chiến dịch", "Văn bản", "Bình chọn", "Giới thiệu"]:
        assert f'class="section-title">{heading}</h2>' in html
    listed = links(html)
    for item in [*shown, open_poll]:
        assert item.get_absolute_url() in listed, item
    assert "Kế hoạch số 1-KH/QU" in html and "Trang thông tin số 2" in html
    # One rule for both: every address of sitemap.xml (its articles and reports
    # aside) is on the page, and the page links nothing sitemap.xml leaves out.
    root = ET.fromstring(client.get("/sitemap.xml").content)
    in_xml = {
        loc.text.removeprefix("http://testserver")
        for loc in root.findall("s:url/s:loc", SITEMAP_NS)
    }
    assert in_xml - listed == {SITE_MAP}  # itself
    assert listed - in_xml == {"/tim-kiem/"}
    for hidden in ["đã ẩn", "CV/QU", "Trang nháp", "đã kết thúc"]:
        assert hidden not in html


def test_every_footer_links_the_site_map_and_sitemap_xml_stays(client, open_poll):
    for url in ["/", SITE_MAP, open_poll.get_absolute_url()]:
        html = client.get(url).content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        assert f'<a href="{SITE_MAP}">Sơ đồ trang</a>' in footer
        assert "/sitemap.xml" not in footer
    response = client.get("/sitemap.xml")
    assert response["Content-Type"] == "application/xml"
    assert f"http://testserver{SITE_MAP}" in response.content.decode()


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_site_map_reads_a_fixed_number_of_queries(client, settings, open_poll):
    settings.PAGE_CACHE_SECONDS = 0  # measure the page as built, not as served
    add_content(1)
    cold, warm = queries_for(client, SITE_MAP), queries_for(client, SITE_MAP)
    for n in range(2, 12):
        add_content(n)
    cache.clear()
    assert (queries_for(client, SITE_MAP), queries_for(client, SITE_MAP)) == (
        cold,
        warm,
    )
    # Its own five lists, and what every page shares while not in the cache: the
    # navigation (2) and the side column (4).
    assert (cold, warm) == (5 + 6, 5)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [360, 1366])
def test_a_reader_finds_the_site_map_in_the_footer(
    browser, live_server, open_poll, width
):
    add_content(1)
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        page.locator("footer").get_by_role("link", name="Sơ đồ trang").click()
        page.wait_for_url(f"**{SITE_MAP}")
        assert page.get_by_role("heading", level=1).inner_text() == "Sơ đồ trang"
        for name in [
            "Chuyên mục số 1",
            "Phong trào số 1",
            "Kế hoạch số 1-KH/QU",
            "Trang thông tin số 1",
            open_poll.question,
        ]:
            assert page.locator("main").get_by_role("link", name=name).count() == 1
        overflow = page.evaluate(
            "document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        keep(page, f"site-map-{width}")
        page.get_by_role("link", name=open_poll.question).click()
        page.wait_for_url(f"**{open_poll.get_absolute_url()}")
    finally:
        context.close()
