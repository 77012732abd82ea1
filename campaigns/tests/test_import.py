import csv
import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from campaigns.models import Figure, Report, Ward
from publishing.exports import FORMATS

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/campaigns/figure/import/"
PROCESS_URL = "/admin/campaigns/figure/process_import/"
EXPORT_URL = "/admin/campaigns/figure/export/"
HEADERS = ["Báo cáo", "Chỉ tiêu", "Phường", "Giá trị"]
CSV_FORMAT = str([f.__name__ for f in FORMATS].index("SafeCSV"))
XLSX_FORMAT = str([f.__name__ for f in FORMATS].index("SafeXLSX"))
JSON_FORMAT = str([f.__name__ for f in FORMATS].index("SafeJSON"))


def csv_upload(rows, headers=HEADERS):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return SimpleUploadedFile("so-lieu.csv", buffer.getvalue().encode("utf-8-sig"))


def xlsx_upload(rows):
    book = Workbook()
    book.active.append(HEADERS)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("so-lieu.xlsx", buffer.getvalue())


def preview(client, upload, fmt=CSV_FORMAT):
    response = client.post(IMPORT_URL, {"import_file": upload, "format": fmt})
    assert response.status_code == 200
    return response


def confirm(client, response):
    form = response.context.get("confirm_form")
    assert form is not None, response.content.decode()[-3000:]
    return client.post(PROCESS_URL, dict(form.initial))


def values(report):
    return {
        (f.indicator.name, f.ward.name if f.ward else None): f.value
        for f in Figure.objects.filter(report=report).select_related(
            "indicator", "ward"
        )
    }


@pytest.fixture
def draft_report(make_report, voters):
    return make_report(
        title="Báo cáo nháp", status=Report.Status.DRAFT, published_at=None
    )


def test_vietnamese_numbers_and_ward_spellings_import(approver_client, draft_report):
    slug = draft_report.slug
    rows = [
        [slug, "Cử tri trong danh sách", "dinh cong", "1.250"],
        [slug, "cu tri da bo phieu", "ĐỊNH CÔNG", "1.200"],
        [slug, "Cử tri trong danh sách", "Phường Mai Động", "99"],
        [slug, "Cử tri trong danh sách", "00340", "7"],
        [slug, "Cử tri trong danh sách", "Toàn quận", "293.695"],
    ]
    response = preview(approver_client, csv_upload(rows))
    assert not Figure.objects.exists(), "the preview saved nothing"
    confirm(approver_client, response)
    assert values(draft_report) == {
        ("Cử tri trong danh sách", "Định Công"): Decimal(1250),
        ("Cử tri đã bỏ phiếu", "Định Công"): Decimal(1200),
        ("Cử tri trong danh sách", "Mai Động"): Decimal(99),
        ("Cử tri trong danh sách", "Yên Sở"): Decimal(7),
        ("Cử tri trong danh sách", None): Decimal(293695),
    }


def test_decimal_comma_imports_for_an_indicator_with_decimals(
    approver_client, draft_report, campaign
):
    from campaigns.models import Indicator

    Indicator.objects.create(campaign=campaign, name="Diện tích", unit="ha", decimals=2)
    rows = [[draft_report.slug, "Diện tích", "Định Công", "99,47"]]
    confirm(approver_client, preview(approver_client, csv_upload(rows)))
    assert values(draft_report) == {("Diện tích", "Định Công"): Decimal("99.47")}


def test_one_unknown_ward_saves_nothing_and_names_the_row(
    approver_client, draft_report
):
    slug = draft_report.slug
    rows = [
        [slug, "Cử tri trong danh sách", "Định Công", "100"],
        [slug, "Cử tri trong danh sách", "Phường Không Có", "100"],
        [slug, "Cử tri trong danh sách", "Mai Động", "-5"],
        [slug, "Cử tri trong danh sách", "Tân Mai", "nhiều"],
        [slug, "Cử tri trong danh sách", "Giáp Bát", "1,250"],
        [slug, "Không có chỉ tiêu này", "Giáp Bát", "1"],
        [slug, "Cử tri trong danh sách", "Yên Sở", "99,47"],
    ]
    response = preview(approver_client, csv_upload(rows))
    html = response.content.decode()
    assert response.context.get("confirm_form") is None
    # Numbered as a spreadsheet numbers them: the header is row 1.
    invalid = [r.number for r in response.context["result"].invalid_rows]
    assert invalid == [3, 4, 5, 6, 7, 8]
    for message in [
        "Không có phường “Phường Không Có” trong quận Hoàng Mai.",
        "Số liệu không được âm: “-5”.",
        "“nhiều” không phải là số.",
        "Số “1,250” không rõ nghĩa",
        "Chiến dịch của báo cáo không có chỉ tiêu “Không có chỉ tiêu này”.",
        "“Cử tri trong danh sách” là số đếm, không có phần thập phân.",
    ]:
        assert message in html, message
    assert not Figure.objects.exists()


def test_reimporting_the_same_file_updates_instead_of_duplicating(
    approver_client, draft_report
):
    rows = [[draft_report.slug, "Cử tri trong danh sách", "Định Công", "100"]]
    confirm(approver_client, preview(approver_client, xlsx_upload(rows), XLSX_FORMAT))
    confirm(approver_client, preview(approver_client, xlsx_upload(rows), XLSX_FORMAT))
    assert Figure.objects.count() == 1
    rows[0][3] = 150
    confirm(approver_client, preview(approver_client, xlsx_upload(rows), XLSX_FORMAT))
    assert list(Figure.objects.values_list("value", flat=True)) == [Decimal(150)]


def test_headers_without_diacritics_are_accepted(approver_client, draft_report):
    rows = [[draft_report.slug, "Cử tri trong danh sách", "Định Công", "100"]]
    upload = csv_upload(rows, headers=["bao cao", "CHI TIEU", "Phuong", "gia tri"])
    confirm(approver_client, preview(approver_client, upload))
    assert Figure.objects.count() == 1


def test_editor_cannot_change_figures_of_a_published_report(
    editor_client, election_report
):
    before = values(election_report)
    rows = [[election_report.slug, "Cử tri trong danh sách", "Định Công", "1"]]
    response = preview(editor_client, csv_upload(rows))
    assert "chỉ người duyệt bài được sửa số liệu" in response.content.decode()
    assert values(election_report) == before


def test_template_file_has_the_columns_and_a_row_per_ward(
    approver_client, draft_report
):
    response = approver_client.get(
        f"/admin/campaigns/report/{draft_report.pk}/tep-mau.xlsx"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert list(rows[0]) == HEADERS
    # Two countable indicators × (district + 14 wards); the turnout is computed.
    assert len(rows) == 1 + 2 * 15
    assert {r[2] for r in rows[1:]} == {
        "Toàn quận",
        *Ward.objects.values_list("name", flat=True),
    }
    assert all(r[0] == draft_report.slug for r in rows[1:])


def test_exports_escape_formulae(approver_client, make_report, voters):
    report = make_report(title="=cmd|' /C calc'!A0")
    Figure.objects.create(report=report, indicator=voters[0], value=1)
    response = approver_client.post(
        EXPORT_URL,
        {
            "format": CSV_FORMAT,
            **{
                f"figureresource_{f}": "on"
                for f in ["report", "indicator", "ward", "value"]
            },
        },
    )
    text = response.content.decode("utf-8-sig")
    assert "=cmd" not in text.replace("'=cmd", "")


def export(client, fmt):
    return client.post(
        EXPORT_URL,
        {
            "format": fmt,
            **{
                f"figureresource_{f}": "on"
                for f in ["report", "indicator", "ward", "value"]
            },
        },
    )


@pytest.mark.parametrize(
    "fmt, name",
    [
        (CSV_FORMAT, "so-lieu.csv"),
        (XLSX_FORMAT, "so-lieu.xlsx"),
        (JSON_FORMAT, "so-lieu.json"),
    ],
)
@pytest.mark.parametrize("role", ["editor_client", "approver_client"])
def test_an_export_imported_again_changes_nothing(
    request, election_report, campaign, role, fmt, name
):
    from campaigns.models import Indicator

    area = Indicator.objects.create(
        campaign=campaign, name="Diện tích", unit="ha", decimals=2
    )
    dinh_cong = Ward.objects.get(name="Định Công")
    Figure.objects.create(report=election_report, indicator=area, value="99.47")
    Figure.objects.create(
        report=election_report, indicator=area, ward=dinh_cong, value="1250.50"
    )
    client = request.getfixturevalue(role)
    before = values(election_report)
    exported = export(client, fmt)
    response = preview(client, SimpleUploadedFile(name, exported.content), fmt)
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert [r.import_type for r in result.rows] == ["skip"] * len(before)
    confirm(client, response)
    assert values(election_report) == before


def test_xlsx_export_has_number_cells_with_vietnamese_formats(
    approver_client, election_report, campaign
):
    from campaigns.models import Indicator

    area = Indicator.objects.create(
        campaign=campaign, name="Diện tích", unit="ha", decimals=2
    )
    Figure.objects.create(report=election_report, indicator=area, value="99.47")
    sheet = load_workbook(io.BytesIO(export(approver_client, XLSX_FORMAT).content))
    rows = list(sheet.active.iter_rows(min_row=2))
    cells = {(r[1].value, r[2].value): r[3] for r in rows}
    total = cells[("Cử tri trong danh sách", "Toàn quận")]
    assert (total.value, total.number_format) == (293695, "#,##0")
    share = cells[("Diện tích", "Toàn quận")]
    assert (share.value, share.number_format) == (99.47, "#,##0.00")
    assert sum(r[3].value for r in rows if r[1].value == "Cử tri đã bỏ phiếu") == (
        292145 + 30485 + 15242
    )


def test_csv_export_keeps_vietnamese_text_and_names_the_file(
    approver_client, election_report
):
    response = export(approver_client, CSV_FORMAT)
    assert re.fullmatch(
        r'attachment; filename="so-lieu-\d\d-\d\d-\d{4}\.csv"',
        response["Content-Disposition"],
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADERS
    assert ["ket-qua-bau-cu", "Cử tri trong danh sách", "Toàn quận", "293.695"] in rows
