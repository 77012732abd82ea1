"""What pages show around their content, and what an article page lists.

Each list starts from the queryset that says what readers may see; these tests
hold the pages to it with drafts, scheduled, withdrawn and closed items about.
"""

import datetime
import re

import pytest
from django.utils import timezone

from campaigns.models import Campaign, Report
from polls.models import Choice, Poll

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def test_an_article_lists_its_published_reports_newest_first(client, make_article):
    article = make_article()
    now = timezone.now()
    campaign = Campaign.objects.create(name="Bầu cử 2021", summary="Tóm tắt.")
    for title, fields in [
        ("Báo cáo tháng 5", {"reported_on": datetime.date(2021, 5, 28)}),
        ("Báo cáo năm", {"reported_on": datetime.date(2022, 1, 1)}),
        ("Báo cáo nháp", {"status": Report.Status.DRAFT}),
        ("Báo cáo hẹn giờ", {"published_at": now + HOUR}),
    ]:
        fields.setdefault("status", Report.Status.PUBLISHED)
        fields.setdefault("published_at", now - HOUR)
        fields.setdefault("reported_on", datetime.date(2021, 6, 1))
        report = Report.objects.create(
            campaign=campaign, title=title, period="2021", **fields
        )
        report.articles.add(article)
    html = client.get(article.get_absolute_url()).content.decode()
    listed = re.findall(r'<li><a href="[^"]+">(Báo cáo[^<]*)</a>', html)
    assert listed == ["Báo cáo năm", "Báo cáo tháng 5"]
    assert "– Bầu cử 2021" in html


def make_poll(question, **fields):
    fields.setdefault("status", Poll.Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - HOUR)
    fields.setdefault("opens_at", timezone.now() - HOUR)
    poll = Poll.objects.create(question=question, **fields)
    for order, text in enumerate(["Hài lòng", "Chưa hài lòng"]):
        Choice.objects.create(poll=poll, text=f"{text} ({question})", order=order)
    return poll


def test_the_side_column_shows_the_latest_open_poll(client):
    now = timezone.now()
    make_poll("Nháp", status=Poll.Status.DRAFT, opens_at=now - HOUR / 4)
    make_poll("Chưa đăng", published_at=now + HOUR, opens_at=now - HOUR / 4)
    make_poll("Tạm dừng", active=False, opens_at=now - HOUR / 4)
    make_poll("Đã đóng", opens_at=now - HOUR / 4, closes_at=now - HOUR / 8)
    make_poll("Chưa mở", opens_at=now + HOUR)
    make_poll("Cũ hơn", opens_at=now - 2 * HOUR)
    make_poll("Mới nhất", opens_at=now - HOUR / 2, closes_at=now + HOUR)
    html = client.get("/").content.decode()
    legend = re.search(r'class="side-box poll-widget".*?<legend>([^<]+)<', html, re.S)
    assert legend.group(1) == "Mới nhất"
    choices = re.findall(r'class="poll-choice"><input [^>]+> ([^<]+)<', html)
    assert choices == ["Hài lòng (Mới nhất)", "Chưa hài lòng (Mới nhất)"]


def test_no_poll_widget_without_an_open_poll(client):
    make_poll("Đã đóng", closes_at=timezone.now() - HOUR / 8)
    assert "poll-widget" not in client.get("/").content.decode()


def test_most_read_lists_published_articles_by_views(client, make_article):
    for views in [5, 50, 500]:
        make_article(title=f"Đọc {views}", view_count=views)
    make_article(title="Nháp đọc nhiều", status="draft", view_count=10_000)
    html = client.get("/").content.decode()
    side = html.split('id="tin-doc-nhieu"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r'">([^<]+)</a></li>', side) == ["Đọc 500", "Đọc 50", "Đọc 5"]


def test_a_change_shows_at_once_in_what_pages_share(
    client, make_article, category, django_capture_on_commit_callbacks
):
    """Fragments are kept under the page cache's generation: a save starts a new one."""
    make_article(title="Tin đầu")
    client.get("/")  # fragments now in the cache
    with django_capture_on_commit_callbacks(execute=True):
        category.name = "Thời sự"
        category.save()
        make_article(title="Tin vừa đăng", is_featured=True)
    html = client.get("/").content.decode()
    assert ">Thời sự</a>" in html
    assert "Tin vừa đăng" in html.split('id="tin-noi-bat"', 1)[1]
