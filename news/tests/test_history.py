"""An article's history as a clerk reads it: names, local times, paragraphs."""

import datetime
import html as htmllib
import re
import zoneinfo

import pytest
from django.test import Client

from news.models import Article, Category
from portal.tests.live import read_form
from portal.tests.staff_login import login_verified

pytestmark = pytest.mark.django_db

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
BODY = "<p>Đoạn mở đầu.</p><p>Đoạn sẽ bị bỏ.</p><p>Đoạn kết.</p>"


def change_url(article):
    return f"/admin/news/article/{article.pk}/change/"


def history_texts(client, article):
    """Return the history page's HTML and its text, tags dropped."""
    html = client.get(f"/admin/news/article/{article.pk}/history/").content.decode()
    text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html, flags=re.S)
    text = htmllib.unescape(re.sub(r"<[^>]+>", " ", text))
    return html, " ".join(text.split())


def save_form(client, article, **changes):
    fields = read_form(client.get(change_url(article)).content.decode(), "article_form")
    fields.update(changes)
    response = client.post(change_url(article), {**fields, "_save": "Lưu"})
    assert response.status_code == 302, response.content.decode()[-2000:]


def test_history_names_statuses_categories_and_local_times(
    approver_client, make_article, category
):
    article = make_article(status=Article.Status.DRAFT, body=BODY)
    other = Category.objects.create(name="Hoạt động phường", order=2)
    save_form(
        approver_client,
        article,
        status="published",
        category=str(other.pk),
        published_at_0="07/01/2022",
        published_at_1="17:58:41",
    )
    html, text = history_texts(approver_client, article)
    assert "Trạng thái: “Nháp” → “Đã xuất bản”" in text
    assert f"Chuyên mục: “{category.name}” → “Hoạt động phường”" in text
    assert "Thời gian đăng: “(trống)” → “07/01/2022 17:58”" in text
    saved = article.history.first().history_date.astimezone(HANOI)
    assert f"{saved:%d/%m/%Y %H:%M}" in text
    for raw in ["published", "+00:00", "Cập nhật lúc", "Phiên bản"]:
        assert raw not in text


def test_a_body_is_compared_paragraph_by_paragraph(approver_client, make_article):
    article = make_article(body=BODY)
    body = (
        "<p>Đoạn mở đầu.</p><p>Đoạn kết.</p>"
        "<p>Đoạn mới, viết thêm cho đủ dài để thư viện cũ phải cắt bớt nó đi "
        "bằng dấu ngoặc vuông và số ký tự bị bỏ qua ở giữa đoạn văn này.</p>"
    )
    save_form(approver_client, article, body=body)
    html, text = history_texts(approver_client, article)
    assert "Bỏ đoạn: “Đoạn sẽ bị bỏ.”" in text
    assert (
        "Thêm đoạn: “Đoạn mới, viết thêm cho đủ dài để thư viện cũ phải cắt bớt nó "
        "đi bằng dấu ngoặc vuông và số ký tự bị bỏ qua ở giữa đoạn văn này.”" in text
    )
    assert "Đoạn mở đầu" not in text, "an unchanged paragraph is not listed"
    assert "chars]" not in text and "&lt;p&gt;" not in html


def test_a_save_that_changes_nothing_leaves_no_entry(approver_client, make_article):
    article = make_article()
    save_form(approver_client, article)
    save_form(approver_client, article)
    assert article.history.count() == 1
    save_form(approver_client, article, title="Tiêu đề mới")
    assert article.history.count() == 2


def test_changing_only_the_related_reports_is_recorded(approver_client, make_article):
    from campaigns.models import Campaign, Report

    campaign = Campaign.objects.create(name="Bầu cử", slug="bau-cu", period="2021")
    report = Report.objects.create(
        campaign=campaign,
        title="Kết quả bầu cử",
        period="2021",
        reported_on=datetime.date(2021, 5, 28),
        summary="Tóm tắt.",
    )
    article = make_article()
    save_form(approver_client, article, reports=str(report.pk))
    assert article.history.count() == 2
    reason = article.history.first().history_change_reason
    assert reason == "Cập nhật; báo cáo liên quan: “Kết quả bầu cử”"


def test_a_pending_proposal_shows_what_it_proposes(
    editor, approver_client, make_article
):
    editor_client = login_verified(Client(), editor)
    article = make_article(title="Tiêu đề đã duyệt", body=BODY)
    save_form(
        editor_client,
        article,
        title="Tiêu đề đề xuất",
        body="<p>Đoạn mở đầu.</p><p>Đoạn kết, viết lại.</p>",
    )
    article.refresh_from_db()
    assert article.title == "Tiêu đề đã duyệt" and article.pending_changes
    html, text = history_texts(approver_client, article)
    assert "Đề xuất thay đổi, chờ duyệt" in text
    assert "Đề xuất – Tiêu đề: “Tiêu đề đã duyệt” → “Tiêu đề đề xuất”" in text
    assert "Bỏ đoạn: “Đoạn sẽ bị bỏ.”" in text
    assert "Thêm đoạn: “Đoạn kết, viết lại.”" in text
    assert not re.search(r"\{'|pending_changes|Thay đổi chờ duyệt:", text)

    # The same proposal sent again is not a new entry.
    entries = article.history.count()
    save_form(editor_client, article)
    assert article.history.count() == entries


PICTURE = (
    '<figure class="image"><img src="/media/editor/hoi-nghi.jpg" alt="Hội nghị" '
    'width="800" height="533"></figure>'
)


def test_a_proposal_of_title_and_campaign_shows_exactly_those_two(
    editor, approver_client, make_article
):
    from campaigns.models import Campaign

    campaign = Campaign.objects.create(name="Bầu cử", slug="bau-cu", period="2021")
    article = make_article(title="Tiêu đề đã duyệt", body=f"<p>Mở đầu.</p>{PICTURE}")
    editor_client = login_verified(Client(), editor)
    # The editor gives back the body as CKEditor writes it: the same text and
    # picture, with a style the sanitiser drops.
    as_edited = article.body.replace("<img ", '<img style="aspect-ratio:800/533;" ')
    save_form(
        editor_client,
        article,
        title="Tiêu đề đề xuất",
        campaign=str(campaign.pk),
        body=as_edited,
    )
    article.refresh_from_db()
    assert set(article.pending_changes) == {"title", "campaign"}
    html, text = history_texts(approver_client, article)
    said = re.findall(r"Đề xuất – [^:]+", text)
    assert said == ["Đề xuất – Tiêu đề", "Đề xuất – Chiến dịch, phong trào"]
    assert "Chiến dịch, phong trào: “(trống)” → “Bầu cử”" in text
    assert "Nội dung:" not in text and "định dạng thay đổi" not in text


def test_a_body_is_said_to_change_format_only_when_it_did(
    approver_client, make_article
):
    article = make_article(body=f"<p>Mở đầu.</p>{PICTURE}")
    save_form(
        approver_client, article, body=f"<p><strong>Mở đầu.</strong></p>{PICTURE}"
    )
    html, text = history_texts(approver_client, article)
    assert "Nội dung: định dạng thay đổi, chữ giữ nguyên" in text


def test_history_says_a_picture_moved_and_a_row_removed(approver_client, make_article):
    table = (
        '<figure class="table"><table><tbody><tr><th>Phường</th><th>Cử tri</th></tr>'
        "<tr><td>Định Công</td><td>30.646</td></tr>"
        "<tr><td>Mai Động</td><td>25.120</td></tr></tbody></table></figure>"
    )
    article = make_article(body=f"<p>Một.</p>{PICTURE}<p>Hai.</p>{table}<p>Ba.</p>")
    body = f"<p>Một.</p><p>Hai.</p>{table}<p>Ba.</p>{PICTURE}".replace(
        "<tr><td>Mai Động</td><td>25.120</td></tr>", ""
    )
    save_form(approver_client, article, body=body)
    html, text = history_texts(approver_client, article)
    assert "Bỏ dòng: “Mai Động | 25.120”" in text
    assert "Chuyển ảnh: “Hội nghị”" in text
    assert "Thêm đoạn" not in text and "Bỏ đoạn" not in text
