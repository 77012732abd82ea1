import csv
import datetime
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Campaign, Document, Figure, Report, Ward
from publishing.text import format_vn_number

pytestmark = pytest.mark.django_db


def test_campaign_page_shows_headline_figures_in_vietnamese_format(
    client, election_report
):
    html = client.get(election_report.campaign.get_absolute_url()).content.decode()
    assert stat_cards(html) == [
        "293.695 cử tri trong danh sách",
        "292.145 cử tri đã bỏ phiếu",
        "99,47% cử tri đã bỏ phiếu",
    ]
    assert "Số liệu minh họa" in html
    assert election_report.title in html


def chart_of(html):
    """Return the ranked chart of a page: its figure, from its title to its table."""
    return re.search(r'<figure class="ranked-chart".*?</figure>', html, re.S).group(0)


def test_the_chart_ranks_the_wards_and_marks_the_average_ward(client, ward_report):
    wards = list(Ward.objects.values_list("name", flat=True))
    for url in (
        ward_report.get_absolute_url(),
        ward_report.campaign.get_absolute_url(),
    ):
        chart = chart_of(client.get(url).text)
        # The title first, then the key of the dashed line, the bars, the table.
        assert (
            chart.index("<h3") < chart.index("ranked-chart__key") < chart.index("<svg")
        )
        assert "Cử tri trong danh sách theo phường</h3>" in chart
        assert "Bình quân một phường: 7.500" in chart  # 105.000 voters, 14 wards
        svg = chart.split("<svg", 1)[1].split("</svg>", 1)[0]
        assert svg.count("<rect") == 14 and svg.count("<line") == 1
        # From the highest to the lowest, and no figure in the drawing: the
        # tables have them.
        assert re.findall(r"<text [^>]*>([^<]+)<", svg) == wards[::-1]
        assert not re.search(r">[\d.,]+<", svg)
        assert f"Cao nhất: {wards[-1]}, 14.000; thấp nhất: {wards[0]}, 1.000." in svg
        table = chart.split('<div class="ranked-chart__table">', 1)[1]
        assert re.findall(r'<th scope="row">([^<]+)</th><td>([^<]+)</td>', table)[
            :2
        ] == [
            (wards[-1], "14.000"),
            (wards[-2], "13.000"),
        ]
        assert "<summary>Xem bảng số liệu</summary></details>" in chart


def test_a_rate_is_marked_at_the_district_rate(client, ward_report, voters):
    _, voted, turnout = voters
    turnout.order = 0  # the first indicator: the one charted
    turnout.save()
    # Half the first ward's 1.000 voters voted: rates far apart enough to chart.
    first = Ward.objects.values_list("name", flat=True)[0]
    Figure.objects.filter(indicator=voted, ward__name=first).update(value=500)
    chart = chart_of(client.get(ward_report.get_absolute_url()).text)
    assert "Tỷ lệ cử tri đi bầu theo phường" in chart
    assert "Toàn quận: 99,87%" in chart  # 104.860 of 105.000
    assert f"thấp nhất: {first}, 50,00." in chart


def test_no_chart_of_two_wards_or_of_wards_alike(client, election_report, ward_report):
    html = client.get(election_report.get_absolute_url()).text
    assert "ranked-chart" not in html and "<svg" not in html  # two wards
    Figure.objects.filter(report=ward_report, ward__isnull=False).update(value=500)
    html = client.get(ward_report.get_absolute_url()).text
    assert "ranked-chart" not in html  # 14 wards alike: the table says it


def test_each_ward_figure_is_once_on_the_page_beside_the_charts_table(
    client, ward_report
):
    html = client.get(ward_report.get_absolute_url()).text
    chart = chart_of(html)
    rest = html.replace(chart, "")
    for value in ("1.000", "7.000", "14.000", "13.990"):
        assert rest.count(f"<td>{value}</td>") == 1, value
    assert chart.count("<td>14.000</td>") == 1
    assert chart.count("<td>13.990</td>") == 0  # only the charted indicator


def stat_cards(html):
    """Return the stat cards of a page as a reader reads them."""
    cards = re.findall(r'<li class="stat-card">(.*?)</li>', html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", card).split()) for card in cards]


def test_years_are_not_grouped(client, election_report):
    html = client.get(election_report.get_absolute_url()).content.decode()
    assert "2.021" not in html
    assert "28/05/2021" in html


def test_report_page_has_the_full_table_and_downloads(client, election_report):
    html = client.get(election_report.get_absolute_url()).content.decode()
    assert "<td>99,47</td>" in html  # Định Công turnout: 30.485 / 30.646
    assert all(f"so-lieu.{fmt}" in html for fmt in ("csv", "json", "xlsx"))


def page_numbers(client, report):
    html = client.get(report.get_absolute_url()).content.decode()
    table = html.split('<table class="figures figures--wards">', 1)[1]
    table = table.split("</table>", 1)[0]
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', table, re.S)
    return {label: re.findall(r"<td>([^<]*)</td>", cells) for label, cells in rows}


def test_csv_and_json_downloads_match_the_page(client, election_report):
    url = election_report.get_absolute_url()
    on_page = page_numbers(client, election_report)
    response = client.get(url + "so-lieu.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    data = json.loads(client.get(url + "so-lieu.json").content)
    assert data["so_lieu_minh_hoa"] is True
    columns = ["Cử tri trong danh sách", "Cử tri đã bỏ phiếu", "Tỷ lệ cử tri đi bầu"]
    for source in (rows, data["so_lieu"]):
        from_file = {}
        for row in source:
            value = str(row["gia_tri"])
            from_file.setdefault(row["phuong"], {})[row["chi_tieu"]] = value
        for ward, cells in on_page.items():
            expected = [c.replace(".", "").replace(",", ".") for c in cells]
            assert [from_file[ward].get(c, "") for c in columns] == expected, ward


def test_json_figures_are_numbers_and_csv_is_plain(client, election_report):
    url = election_report.get_absolute_url()
    records = json.loads(client.get(url + "so-lieu.json").content)["so_lieu"]
    assert all(isinstance(r["gia_tri"], int | float) for r in records)
    turnout = next(r for r in records if r["chi_tieu"] == "Tỷ lệ cử tri đi bầu")
    assert (turnout["phuong"], turnout["gia_tri"]) == ("Toàn quận", 99.47)
    assert turnout["gia_tri_hien_thi"] == "99,47%"
    listed = next(r for r in records if r["chi_tieu"] == "Cử tri trong danh sách")
    assert listed["gia_tri"] == 293695
    assert listed["ma_phuong"] == ""  # the district; a ward's is "00307"
    assert {r["ma_phuong"] for r in records} == {"", "00307", "00310"}
    text = client.get(url + "so-lieu.csv").content.decode("utf-8-sig")
    assert 'Toàn quận,,Tỷ lệ cử tri đi bầu,%,chính xác,99.47,"99,47%"' in text
    assert (
        "Toàn quận,,Cử tri trong danh sách,cử tri,chính xác,293695,293.695 cử tri"
    ) in text
    assert "Định Công,P00307,Cử tri trong danh sách,cử tri,chính xác,30646," in text


def test_xlsx_download_is_the_page_table_with_number_cells(client, election_report):
    from openpyxl import load_workbook

    url = election_report.get_absolute_url()
    response = client.get(url + "so-lieu.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="so-lieu-ket-qua-bau-cu.xlsx"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Phường",
        "Mã phường",
        "Cử tri trong danh sách (cử tri)",
        "Cử tri đã bỏ phiếu (cử tri)",
        "Tỷ lệ cử tri đi bầu (%)",
    )
    on_page = page_numbers(client, election_report)
    codes = dict(Ward.objects.values_list("name", "code"))
    for label, code, *values in rows[1:]:
        assert code == codes.get(label), label
        shown = [
            format_vn_number(v, 2 if i == 2 else None) for i, v in enumerate(values)
        ]
        assert shown == on_page[label], label
    assert [r[0] for r in rows[1:]] == ["Định Công", "Mai Động", "Toàn quận"]
    district = sheet.cell(4, 3)
    assert (district.value, district.number_format) == (293695, "#,##0")
    turnout = sheet.cell(4, 5)
    assert (turnout.value, turnout.number_format) == (99.47, "#,##0.00")
    about = dict(book.worksheets[1].iter_rows(values_only=True))
    assert about["Báo cáo"] == "Kết quả bầu cử"
    assert about["Nguồn"] == "http://testserver" + url
    assert "minh họa" in about["Ghi chú"]


def test_downloads_of_an_unknown_format_or_a_draft_are_404(
    client, election_report, make_report
):
    url = election_report.get_absolute_url()
    assert client.get(url + "so-lieu.xml").status_code == 404
    draft = make_report(status=Report.Status.DRAFT, published_at=None)
    assert client.get(draft.get_absolute_url()).status_code == 404
    for fmt in ("csv", "json", "xlsx"):
        path = draft.get_absolute_url() + f"so-lieu.{fmt}"
        assert client.get(path).status_code == 404


def test_future_report_is_hidden_until_due(client, make_report):
    report = make_report(published_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get(report.get_absolute_url()).status_code == 404
    assert (
        report.title
        not in client.get(report.campaign.get_absolute_url()).content.decode()
    )


def add_reports_and_figures(campaign, voters, make_report, reports, wards):
    for n in range(reports):
        report = make_report(
            title=f"Báo cáo thêm {n}",
            reported_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
        )
        for ward in Ward.objects.all()[:wards]:
            Figure.objects.create(
                report=report, indicator=voters[0], ward=ward, value=n
            )


def count_queries(client, url):
    from django.core.cache import cache

    assert client.get(url).status_code == 200
    cache.clear()  # measure the page as built, not as served from the cache
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_campaign_and_report_queries_do_not_grow(
    client, election_report, voters, make_report, make_article, open_poll
):
    campaign = election_report.campaign
    make_article(campaign=campaign)
    document = Document.objects.create(
        number="50-KH/QU",
        kind="ke-hoach",
        issuer="Quận ủy Hoàng Mai",
        issued_on=datetime.date(2021, 8, 24),
        summary="Kế hoạch.",
        status=Document.Status.PUBLISHED,
    )
    document.campaigns.add(campaign)
    urls = [campaign.get_absolute_url(), election_report.get_absolute_url()]
    before = [count_queries(client, url) for url in urls]
    add_reports_and_figures(campaign, voters, make_report, reports=8, wards=14)
    for ward in Ward.objects.all():
        Figure.objects.get_or_create(
            report=election_report,
            indicator=voters[0],
            ward=ward,
            defaults={"value": 100},
        )
    after = [count_queries(client, url) for url in urls]
    # 6 of them: the navigation and the side column, when not in the
    # cache (news/tests/test_query_budget.py).
    assert before == after == [13, 11]


def test_document_list_filters_and_detail(client, campaign):
    common = {"status": Document.Status.PUBLISHED, "summary": "Trích yếu."}
    directive = Document.objects.create(
        number="05-CT/TW",
        kind="chi-thi",
        issuer="Bộ Chính trị",
        issued_on=datetime.date(2016, 5, 15),
        **common,
    )
    plan = Document.objects.create(
        number="50-KH/QU",
        kind="ke-hoach",
        issuer="Quận ủy Hoàng Mai",
        issued_on=datetime.date(2021, 8, 24),
        **common,
    )
    Document.objects.create(
        number="99-CV/QU",
        kind="cong-van",
        issuer="Quận ủy Hoàng Mai",
        issued_on=datetime.date(2021, 9, 1),
        status=Document.Status.DRAFT,
        summary="Chưa công bố.",
    )
    plan.campaigns.add(campaign)

    def numbers(query):
        html = client.get("/van-ban/", query).content.decode()
        return re.findall(r"số ([\w/-]+)</a></h2>", html)

    assert numbers({}) == ["50-KH/QU", "05-CT/TW"]
    assert numbers({"loai": "chi-thi"}) == ["05-CT/TW"]
    assert numbers({"nam": "2021"}) == ["50-KH/QU"]
    assert numbers({"co-quan": "Bộ Chính trị"}) == ["05-CT/TW"]
    assert numbers({"loai": "<script>", "nam": "abcd", "co-quan": "x"}) == [
        "50-KH/QU",
        "05-CT/TW",
    ]
    assert directive.slug == "chi-thi-05-ct-tw"
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "Quận ủy Hoàng Mai" in html and "24/08/2021" in html
    assert campaign.name in html
    assert client.get("/van-ban/cong-van-99-cv-qu/").status_code == 404


def test_article_shows_its_campaign(client, make_article, campaign):
    article = make_article(campaign=campaign)
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{campaign.get_absolute_url()}"' in html


def test_an_article_does_not_link_a_campaign_readers_no_longer_see(
    client, make_article, campaign
):
    article = make_article(campaign=campaign)
    Campaign.objects.filter(pk=campaign.pk).update(active=False)
    html = client.get(article.get_absolute_url()).text
    assert campaign.get_absolute_url() not in html
    assert "Thuộc chiến dịch" not in html


def test_sitemap_lists_published_reports_and_documents_only(
    client, election_report, make_report
):
    import xml.etree.ElementTree as ET

    hidden = make_report(title="Nháp", status=Report.Status.DRAFT, published_at=None)
    root = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {loc.text for loc in root.findall("s:url/s:loc", ns)}
    assert f"http://testserver{election_report.get_absolute_url()}" in locs
    assert f"http://testserver{election_report.campaign.get_absolute_url()}" in locs
    assert f"http://testserver{hidden.get_absolute_url()}" not in locs
    assert "http://testserver/van-ban/" in locs


def test_report_and_article_point_at_each_other(client, election_report, make_article):
    article = make_article(title="Tin về bầu cử")
    election_report.articles.add(article)
    report_html = client.get(election_report.get_absolute_url()).content.decode()
    assert article.get_absolute_url() in report_html
    article_html = client.get(article.get_absolute_url()).content.decode()
    assert election_report.get_absolute_url() in article_html


@pytest.fixture
def inactive_report(make_report):
    """A published, due report of a campaign readers no longer see."""
    report = make_report(title="Báo cáo của phong trào tạm ẩn")
    report.campaign = Campaign.objects.create(
        name="Phong trào tạm ẩn", summary="Tóm tắt.", period="2020", active=False
    )
    report.save()
    return report


def test_reports_of_an_inactive_campaign_are_not_published(
    election_report, inactive_report
):
    assert list(Report.objects.published()) == [election_report]
    assert list(Report.objects.listed()) == [election_report]


def test_an_article_lists_only_the_reports_readers_may_open(
    client, election_report, inactive_report, make_article
):
    article = make_article()
    for report in (election_report, inactive_report):
        report.articles.add(article)
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{election_report.get_absolute_url()}"' in html
    assert inactive_report.title not in html
    assert "Phong trào tạm ẩn" not in html
    assert client.get(inactive_report.get_absolute_url()).status_code == 404


def test_an_article_preview_lists_the_reports_readers_see(
    admin_client, election_report, inactive_report, make_article
):
    article = make_article(status="draft")
    for report in (election_report, inactive_report):
        report.articles.add(article)
    url = f"/xem-truoc/bai-viet/{article.pk}/"
    html = admin_client.get(url).content.decode()
    assert f'href="{election_report.get_absolute_url()}"' in html
    assert inactive_report.title not in html


def test_an_inactive_campaigns_report_is_in_no_sitemap(client, inactive_report):
    assert inactive_report.slug not in client.get("/sitemap.xml").content.decode()


@pytest.mark.parametrize("year", ["0000", "²²²²", "①①①①", "٢٠٢١", "99999", "20 21"])
def test_a_bad_year_of_documents_is_ignored_with_a_notice(client, year):
    Document.objects.create(
        number="50-KH/QU",
        kind="ke-hoach",
        issuer="Quận ủy Hoàng Mai",
        issued_on=datetime.date(2021, 8, 24),
        status=Document.Status.PUBLISHED,
        summary="Trích yếu.",
    )
    response = client.get("/van-ban/", {"nam": year})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Năm “{year}” không hợp lệ nên được bỏ qua." in html
    assert "số 50-KH/QU</a>" in html


def test_the_preview_of_an_unpublished_report_says_so(editor_client, make_report):
    draft = make_report(status=Report.Status.DRAFT, published_at=None)
    page = editor_client.get(reverse("report_preview", args=[draft.pk])).text
    assert "Chưa đăng" in page and "Ngày đăng" not in page
