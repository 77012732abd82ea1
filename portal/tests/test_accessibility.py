"""Every public page, checked with axe-core in Debian's chromium on phone and desktop.

axe-core (portal/tests/vendor/axe.min.js, MPL-2.0, see the README there) is
injected into each page; any violation of impact "serious" or "critical" of the
WCAG 2.0/2.1 A and AA rules and axe's best practices fails the test. The file is
read from the disk: no test reaches the internet.
"""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import timezone

from campaigns.models import Campaign, Document, Report
from demo.polls import QUESTION
from news.models import Article, Category
from polls.models import Poll
from weather.models import WeatherReading

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
VIEWPORTS = {"phone": (360, 740), "desktop": (1280, 900)}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = {"serious", "critical"}
SHOWN_TARGETS = 3

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RUN_AXE = """tags => axe.run(document, {
  runOnly: {type: 'tag', values: tags},
  resultTypes: ['violations'],
}).then(results => results.violations.map(v => ({
  id: v.id,
  impact: v.impact,
  help: v.help,
  url: v.helpUrl,
  targets: v.nodes.map(n => n.target.join(' ')),
  summary: v.nodes.length ? v.nodes[0].failureSummary : '',
})))"""


def audit(page, name, viewport):
    """Run axe on the page as it stands; return its serious and critical findings."""
    page.add_script_tag(path=AXE)
    violations = page.evaluate(RUN_AXE, TAGS)
    found = []
    for v in violations:
        if v["impact"] not in BLOCKING:
            continue
        targets = v["targets"]
        shown = ", ".join(targets[:SHOWN_TARGETS])
        if len(targets) > SHOWN_TARGETS:
            shown += f" … ({len(targets)} elements)"
        summary = " ".join(v["summary"].split())
        found.append(
            f"{name} [{viewport}] {page.url}\n"
            f"    {v['id']} ({v['impact']}): {v['help']}\n"
            f"    at: {shown}\n"
            f"    first: {summary}\n"
            f"    see: {v['url']}"
        )
    return found


def public_pages():
    """Return {name: path} of every kind of public HTML page of the demo."""
    article = Article.objects.published().get(
        title__startswith="Những hoạt động nổi bật"
    )
    pages = {
        "home": "/",
        "news": "/tin-tuc/",
        "news page 2": "/tin-tuc/?page=2",
        "about": "/trang/gioi-thieu/",
        "campaigns": "/chien-dich/",
        "documents": "/van-ban/",
        "documents, none match": "/van-ban/?nam=1999",
        "search form": "/tim-kiem/",
        "search with results": "/tim-kiem/?q=hoang+mai",
        "search with filters": "/tim-kiem/?q=vung+xanh&loai=article&sap-xep=moi-nhat"
        "&tu=2021-01-01&den=2030-12-31",
        "search, no results": "/tim-kiem/?q=khongcoketquanao",
        "search, bad input": "/tim-kiem/?q=%21%21%21&tu=hom-qua",
        f"article {article.slug}": article.get_absolute_url(),
        "404": "/khong-co-trang-nay/",
    }
    # Campaigns, reports and documents differ by what they hold (charts, tables
    # of any width, stat cards, files), so every one of the demo is checked.
    # Articles share one template and differ only by their sanitised body: the
    # latest of each category, and one body each with a table, a quote and a
    # sub-heading, are enough.
    published = Article.objects.published().order_by("-published_at")
    for category in Category.objects.all():
        pages[f"category {category.slug}"] = category.get_absolute_url()
        latest = published.filter(category=category).first()
        if latest:
            pages[f"article {latest.slug}"] = latest.get_absolute_url()
    for tag in ("<table", "<blockquote", "<h2"):
        item = published.filter(body__contains=tag).first()
        if item:
            pages[f"article {item.slug}"] = item.get_absolute_url()
    for campaign in Campaign.objects.active():
        pages[f"campaign {campaign.slug}"] = campaign.get_absolute_url()
    for report in Report.objects.published():
        pages[f"report {report.slug}"] = report.get_absolute_url()
    for document in Document.objects.published():
        pages[f"document {document.slug}"] = document.get_absolute_url()
    return pages


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_public_pages_have_no_serious_accessibility_violation(
    browser, live_server, viewport
):
    call_command("seed_demo", stdout=io.StringIO())
    # One reading out of date, so that the widget's warning is checked too.
    WeatherReading.objects.filter(place__name="Đà Nẵng").update(
        observed_at=timezone.now() - datetime.timedelta(days=1)
    )
    poll = Poll.objects.get(question=QUESTION)
    width, height = VIEWPORTS[viewport]
    # The portal's Content-Security-Policy forbids inline scripts, and axe is
    # injected as one; bypassing it concerns this test's browser only.
    context = browser.new_context(
        viewport={"width": width, "height": height}, bypass_csp=True
    )
    page = context.new_page()
    found = []
    try:
        for name, path in public_pages().items():
            response = page.goto(live_server.url + path, wait_until="load")
            expected = 404 if name == "404" else 200
            assert response.status == expected, (name, path, response.status)
            found += audit(page, name, viewport)

        # The poll before voting (form, results hidden), then after: the
        # confirmation, the chart and the tables.
        page.goto(live_server.url + poll.get_absolute_url(), wait_until="load")
        found += audit(page, "poll", viewport)
        form = page.locator(".poll-form")
        form.get_by_label("Hài lòng", exact=True).check()
        form.get_by_role("button", name="Gửi bình chọn").click()
        page.wait_for_selector("table.poll-results")
        found += audit(page, "poll results after voting", viewport)
        # The side column's widget then thanks this browser instead of the form.
        page.goto(live_server.url + "/", wait_until="load")
        page.wait_for_selector(".poll-voted", state="visible")
        found += audit(page, "home after voting", viewport)

        # The error page is static HTML; shown at the portal's address so that
        # its style sheet loads as it does for a citizen.
        page.goto(live_server.url + "/khong-co-trang-nay/", wait_until="load")
        page.set_content(render_to_string("500.html"), wait_until="load")
        found += audit(page, "500", viewport)
    finally:
        context.close()
    assert not found, "axe-core found serious or critical violations:\n" + "\n".join(
        found
    )
