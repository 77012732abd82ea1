"""How figures read: stat cards as one phrase, units said once, ties named."""

import io
import json
import re

import pytest
from openpyxl import load_workbook

from campaigns.figures import lower_first
from campaigns.models import Figure, Indicator, Ward

from .test_pages import stat_cards

pytestmark = pytest.mark.django_db


@pytest.fixture
def fanpage_report(campaign, make_report):
    """A report of the Steering Committee 35 kind: minimums, and one ward figure."""
    followers = Indicator.objects.create(
        campaign=campaign,
        name="Người theo dõi hai fanpage",
        unit="người",
        qualifier=Indicator.Qualifier.OVER,
        order=1,
    )
    trained = Indicator.objects.create(
        campaign=campaign,
        name="Người dự tập huấn",
        unit="người",
        qualifier=Indicator.Qualifier.ABOUT,
        order=2,
    )
    helpers = Indicator.objects.create(
        campaign=campaign, name="Cộng tác viên", unit="người", order=3
    )
    councils = Indicator.objects.create(
        campaign=campaign, name="HĐND các cấp", unit="đại biểu", order=4
    )
    report = make_report(title="Hoạt động trên không gian mạng")
    for indicator, value in [
        (followers, 5000),
        (trained, 2823),
        (helpers, 42),
        (councils, 3),
    ]:
        Figure.objects.create(report=report, indicator=indicator, value=value)
    Figure.objects.create(
        report=report,
        indicator=helpers,
        ward=Ward.objects.get(name="Định Công"),
        value=5,
    )
    return report


def test_stat_cards_read_as_one_phrase_with_no_unit_in_brackets(client, fanpage_report):
    html = client.get(fanpage_report.get_absolute_url()).text
    assert stat_cards(html) == [
        "Trên 5.000 người theo dõi hai fanpage",
        "Khoảng 2.823 người dự tập huấn",
        "42 cộng tác viên",
        "3 HĐND các cấp",
    ]
    assert "(trên)" not in html and "(người)</span>" not in html.split("<table")[0]


def test_a_unit_the_name_already_says_is_not_repeated(client, election_report):
    html = client.get(election_report.get_absolute_url()).text
    assert "Cử tri trong danh sách" in html
    assert "(cử tri)" not in html
    wards = html.split('class="figures figures--wards"', 1)[1].split("</thead>")[0]
    headings = [
        " ".join(re.sub(r"<[^>]+>", " ", cell).split())
        for cell in re.findall(r"<th scope=\"col\">(.*?)</th>", wards, re.S)
    ]
    assert headings == [
        "Phường",
        "Cử tri trong danh sách",
        "Cử tri đã bỏ phiếu",
        "Tỷ lệ cử tri đi bầu (%)",
    ]


def test_a_unit_the_name_does_not_say_is_shown(client, fanpage_report):
    html = client.get(fanpage_report.get_absolute_url()).text
    wards = html.split('class="figures figures--wards"', 1)[1].split("</table>")[0]
    assert 'Cộng tác viên\n      <span class="unit">(người)</span></th>' in wards
    assert "<td>5</td>" in wards and "<td>42</td>" in wards  # the ward, the district


def test_each_district_figure_is_said_once_with_its_qualifier_and_unit(
    client, fanpage_report
):
    # Not a card: the other figures' list has them; the wards' indicator has its
    # district figure in the ward table's "Toàn quận" row.
    Indicator.objects.exclude(name="Người theo dõi hai fanpage").update(headline=False)
    html = client.get(fanpage_report.get_absolute_url()).text
    assert stat_cards(html) == ["Trên 5.000 người theo dõi hai fanpage"]
    others = html.split('<ul class="figure-list"', 1)[1].split("</ul>")[0]
    rows = [
        " ".join(re.sub(r"<[^>]+>", " ", row).split())
        for row in re.findall(r"<li>(.*?)</li>", others, re.S)
    ]
    assert rows == [
        "Người dự tập huấn: khoảng 2.823",
        "HĐND các cấp: 3 đại biểu",
    ]
    assert "Số liệu toàn quận khác</h3>" in html
    assert html.count(">trên 5.000<") + html.count(">khoảng 2.823<") == 1


def test_the_ward_table_has_only_indicators_with_ward_figures(client, fanpage_report):
    html = client.get(fanpage_report.get_absolute_url()).text
    wards = html.split('class="figures figures--wards"', 1)[1].split("</table>")[0]
    assert "Cộng tác viên" in wards
    assert "Người theo dõi" not in wards and "HĐND" not in wards


def test_a_report_without_ward_figures_has_no_ward_table(client, make_report, voters):
    report = make_report()
    Figure.objects.create(report=report, indicator=voters[0], value=100)
    html = client.get(report.get_absolute_url()).text
    assert "100 cử tri trong danh sách" in " ".join(stat_cards(html))
    assert "figures--wards" not in html and "ranked-chart" not in html


def test_downloads_keep_the_qualifier_beside_the_value(client, fanpage_report):
    url = fanpage_report.get_absolute_url()
    data = json.loads(client.get(url + "so-lieu.json").content)
    followers = next(r for r in data["so_lieu"] if r["chi_tieu"].startswith("Người"))
    assert followers["gia_tri"] == 5000  # a JSON number
    assert followers["muc_chinh_xac"] == "trên"
    assert followers["gia_tri_hien_thi"] == "trên 5.000 người"
    helpers = next(r for r in data["so_lieu"] if r["chi_tieu"] == "Cộng tác viên")
    assert helpers["muc_chinh_xac"] == "chính xác"
    csv = client.get(url + "so-lieu.csv").content.decode("utf-8-sig")
    assert csv.splitlines()[0] == (
        "phuong,ma_phuong,chi_tieu,don_vi,muc_chinh_xac,gia_tri,gia_tri_hien_thi"
    )
    assert (
        "Toàn quận,,Người theo dõi hai fanpage,người,trên,5000,trên 5.000 người"
    ) in csv
    assert "Toàn quận,,Người dự tập huấn,người,khoảng,2823,khoảng 2.823 người" in csv
    assert "Định Công,P00307,Cộng tác viên,người,chính xác,5,5 người" in csv


def test_the_xlsx_download_shows_the_qualifier_on_and_beside_the_number(
    client, fanpage_report
):
    url = fanpage_report.get_absolute_url()
    book = load_workbook(io.BytesIO(client.get(url + "so-lieu.xlsx").content))
    sheet = book["Số liệu"]
    assert [c.value for c in sheet[1]] == [
        "Phường",
        "Mã phường",
        "Người theo dõi hai fanpage (người)",
        "Người theo dõi hai fanpage: mức chính xác",
        "Người dự tập huấn (người)",
        "Người dự tập huấn: mức chính xác",
        "Cộng tác viên (người)",
        "HĐND các cấp (đại biểu)",
    ]
    ward, district = list(sheet.iter_rows(min_row=2))
    assert [c.value for c in ward] == [
        "Định Công", "00307", None, None, None, None, 5, None,
    ]  # fmt: skip
    assert (ward[1].data_type, ward[1].number_format) == ("s", "@")
    assert [c.value for c in district] == [
        "Toàn quận", None, 5000, "trên", 2823, "khoảng", 42, 3,
    ]  # fmt: skip
    # The number cells show the qualifier and stay numbers: "trên 5.000".
    assert [c.number_format for c in district[2:]] == [
        '"trên "#,##0', "General", '"khoảng "#,##0', "General", "#,##0", "#,##0",
    ]  # fmt: skip
    about = dict(book["Thông tin"].iter_rows(values_only=True))
    assert about["Mức chính xác"].startswith("“trên”: số tối thiểu; “khoảng”")


def test_a_tie_for_the_highest_is_named(client, campaign, make_report):
    praised = Indicator.objects.create(
        campaign=campaign, name="Tập thể được khen thưởng", unit="tập thể"
    )
    report = make_report()
    wards = list(Ward.objects.all())
    for ward, value in zip(wards, [2] * 7 + [1] * 7, strict=True):
        Figure.objects.create(report=report, indicator=praised, ward=ward, value=value)
    html = client.get(report.get_absolute_url()).text
    assert "7 phường cùng cao nhất: 2; 7 phường cùng thấp nhất: 1." in html
    assert "Cao nhất:" not in html


@pytest.mark.parametrize(
    "name, after_a_number",
    [
        ("Cử tri trong danh sách", "cử tri trong danh sách"),
        ("Tin, bài tuyên truyền", "tin, bài tuyên truyền"),
        ("Ảnh đăng tải", "ảnh đăng tải"),
        ("HĐND quận", "HĐND quận"),
        ("Hà Nội và các tỉnh", "Hà Nội và các tỉnh"),
        ("Ý kiến", "ý kiến"),
    ],
)
def test_a_name_after_a_number_loses_its_capital_unless_a_proper_name(
    name, after_a_number
):
    assert lower_first(name) == after_a_number


def test_a_ratio_card_names_what_its_numerator_counts(client, election_report):
    election_report.figures.filter(ward__isnull=False).delete()
    html = client.get(election_report.get_absolute_url()).text
    assert "99,47% cử tri đã bỏ phiếu" in stat_cards(html)
