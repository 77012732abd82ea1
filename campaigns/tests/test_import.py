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
    assert list(rows[0]) == [*HEADERS, "Đường dẫn báo cáo"]
    # Two countable indicators × (district + 14 wards); the turnout is computed.
    assert len(rows) == 1 + 2 * 15
    assert {r[2] for r in rows[1:]} == {
        "Toàn quận",
        *Ward.objects.values_list("name", flat=True),
    }
    # Named by its title; the slug, for two reports of one title, hidden.
    assert all(r[0] == "Báo cáo nháp" for r in rows[1:])
    assert all(r[4] == draft_report.slug for r in rows[1:])
    assert sheet.column_dimensions["E"].hidden


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
    assert ["Kết quả bầu cử", "Cử tri trong danh sách", "Toàn quận", "293.695"] in rows


def template(client, report):
    """Return the workbook "Tải tệp mẫu" hands out for report."""
    response = client.get(f"/admin/campaigns/report/{report.pk}/tep-mau.xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def saved(book):
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("so-lieu.xlsx", buffer.getvalue())


def template_row(sheet, indicator, ward):
    return next(
        row
        for row in sheet.iter_rows(min_row=2)
        if (row[1].value, row[2].value) == (indicator, ward)
    )


def test_the_template_imports_as_handed_out_with_a_few_cells_filled(
    approver_client, election_report
):
    before = values(election_report)
    history = election_report.history.count()
    book = template(approver_client, election_report)
    template_row(book.active, "Cử tri trong danh sách", "Yên Sở")[3].value = 1250
    template_row(book.active, "Cử tri đã bỏ phiếu", "Định Công")[3].value = 30500
    response = preview(approver_client, saved(book), XLSX_FORMAT)
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors(), (
        response.content.decode()[-3000:]
    )
    # The rows left blank are not in the preview; the figures already there are
    # read back unchanged.
    changed = sorted(r.import_type for r in result.rows if r.import_type != "skip")
    assert changed == ["new", "update"]
    assert len(result.rows) == len(before) + 1
    confirm(approver_client, response)
    assert values(election_report) == {
        **before,
        ("Cử tri trong danh sách", "Yên Sở"): Decimal(1250),
        ("Cử tri đã bỏ phiếu", "Định Công"): Decimal(30500),
    }
    report = Report.objects.get(pk=election_report.pk)
    assert report.history.count() == history
    assert report.version == election_report.version


def test_an_untouched_template_changes_nothing(approver_client, election_report):
    before = values(election_report)
    response = preview(
        approver_client, saved(template(approver_client, election_report)), "1"
    )
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert [r.import_type for r in result.rows] == ["skip"] * len(before)
    confirm(approver_client, response)
    assert values(election_report) == before


def test_template_errors_name_the_spreadsheet_row_in_words(
    approver_client, election_report
):
    book = template(approver_client, election_report)
    book.active.cell(6, 4).value = "nhiều"
    response = preview(approver_client, saved(book), XLSX_FORMAT)
    html = response.content.decode()
    assert [r.number for r in response.context["result"].invalid_rows] == [6]
    # Beside its row number as text, not in a box shown on mouse-over.
    assert re.search(
        r'<th scope="row" class="import-row-number">6</th>\s*'
        r'<td class="import-row-errors">\s*<ul>\s*'
        r"<li><strong>Giá trị:</strong> “nhiều” không phải là số.</li>",
        html,
    ), html[html.find("import-invalid") :][:2000]
    assert "validation-error-container" not in html
    assert ">None<" not in html
    assert not Figure.objects.filter(value=0).exists()


def test_a_title_two_reports_share_asks_for_the_slug(
    approver_client, make_report, voters
):
    first = make_report(title="Báo cáo tháng 5")
    second = make_report(title="Báo cáo tháng 5")
    rows = [["bao cao thang 5", "Cử tri trong danh sách", "Định Công", "100"]]
    response = preview(approver_client, csv_upload(rows))
    assert (
        "Có 2 báo cáo tên “bao cao thang 5”: hãy ghi đường dẫn của báo cáo muốn "
        "nhập vào cột “Đường dẫn báo cáo”." in response.content.decode()
    )
    assert not Figure.objects.exists()
    upload = csv_upload(
        [[*rows[0], second.slug]], headers=[*HEADERS, "Đường dẫn báo cáo"]
    )
    confirm(approver_client, preview(approver_client, upload))
    assert values(second) == {("Cử tri trong danh sách", "Định Công"): Decimal(100)}
    assert values(first) == {}


def test_a_sheet_claiming_a_million_rows_is_read_by_its_cells(
    approver_client, election_report, rows_read
):
    import zipfile

    from openpyxl.styles import Font

    book = template(approver_client, election_report)
    sheet = book.active
    template_row(sheet, "Cử tri trong danh sách", "Yên Sở")[3].value = 7
    # What LibreOffice leaves after Sheet ▸ Delete Rows: formatted empty rows,
    # down to the sheet's last, row 1.048.576.
    for number in [*range(40, 60), 1048576]:
        sheet.cell(number, 1).font = Font(bold=True)
    upload = saved(book)
    with zipfile.ZipFile(io.BytesIO(upload.read())) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    upload.seek(0)
    assert re.search(r'<dimension ref="A1:E1048576" ?/>', xml)
    assert '<row r="1048576"' in xml
    response = preview(approver_client, upload, XLSX_FORMAT)
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.total_rows == 2 * 15
    confirm(approver_client, response)
    assert values(election_report)[("Cử tri trong danh sách", "Yên Sở")] == 7
    assert len(rows_read) < 100


def test_ward_figures_of_a_rate_are_not_added_up(approver_client, draft_report):
    from campaigns.models import Indicator

    Indicator.objects.create(
        campaign=draft_report.campaign, name="Tỷ lệ hộ đạt chuẩn", unit="%", decimals=2
    )
    name = draft_report.title
    rows = [
        [name, "Tỷ lệ hộ đạt chuẩn", "Toàn quận", "95,5"],
        [name, "Tỷ lệ hộ đạt chuẩn", "Định Công", "96,1"],
        [name, "Tỷ lệ hộ đạt chuẩn", "Mai Động", "94,8"],
    ]
    response = preview(approver_client, csv_upload(rows))
    assert not response.context["result"].has_validation_errors()
    assert "các phường cộng lại" not in response.content.decode()


def test_ward_figures_over_the_district_total_are_flagged(
    approver_client, draft_report
):
    name = draft_report.title
    rows = [
        [name, "Cử tri trong danh sách", "Toàn quận", "32"],
        [name, "Cử tri trong danh sách", "Định Công", "1.250"],
        [name, "Cử tri trong danh sách", "Mai Động", "39"],
        [name, "Cử tri đã bỏ phiếu", "Toàn quận", "32"],
        [name, "Cử tri đã bỏ phiếu", "Định Công", "30"],
    ]
    response = preview(approver_client, csv_upload(rows))
    warning = (
        "Báo cáo “Báo cáo nháp”, chỉ tiêu “Cử tri trong danh sách”: các phường cộng "
        "lại 1.289, hơn số toàn quận 32. Hãy kiểm tra lại số liệu."
    )
    html = response.content.decode()
    assert warning in html
    assert "“Cử tri đã bỏ phiếu”: các phường" not in html
    from django.contrib.messages import get_messages

    done = confirm(approver_client, response)
    shown = get_messages(done.wsgi_request)
    assert [str(m) for m in shown if m.level_tag == "warning"] == [warning]
    assert values(draft_report)[("Cử tri trong danh sách", "Định Công")] == 1250


def test_the_template_and_the_figures_download_name_their_sheets_in_vietnamese(
    approver_client, election_report, client
):
    assert template(approver_client, election_report).sheetnames == ["Số liệu"]
    response = client.get(election_report.get_absolute_url() + "so-lieu.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Số liệu", "Thông tin"]
