import csv
import datetime
import io
import json
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from import_export.tmp_storages import TempFolderStorage
from openpyxl import Workbook, load_workbook

from news.models import Article, Category
from publishing.exports import FORMATS
from publishing.tests.unclean import spoil, spoilt

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/news/article/import/"
PROCESS_URL = "/admin/news/article/process_import/"
EXPORT_URL = "/admin/news/article/export/"
HEADERS = ["id", "title", "slug", "category", "sapo", "body", "author", "status",
           "published_at", "is_featured"]  # fmt: skip
# The columns of an export, as the change form names the fields.
COLUMNS = dict(zip(HEADERS, ["Mã", "Tiêu đề", "Đường dẫn", "Chuyên mục",
    "Sapo (tóm tắt)", "Nội dung", "Tác giả", "Trạng thái", "Thời gian đăng",
    "Tin nổi bật"], strict=True))  # fmt: skip
CSV_FORMAT = str(FORMATS.index(next(f for f in FORMATS if f.__name__ == "SafeCSV")))
XLSX_FORMAT = str(FORMATS.index(next(f for f in FORMATS if f.__name__ == "SafeXLSX")))


def row(title, category="tin-tuc-su-kien", status="draft", body="<p>Nội dung</p>"):
    return ["", title, "", category, "Tóm tắt", body, "Phóng viên", status, "", "0"]


def csv_file(rows, name="bai-viet.csv"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8-sig"), "text/csv")


def xlsx_file(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for r in rows:
        sheet.append(r)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("bai-viet.xlsx", buffer.getvalue())


@pytest.fixture
def news_category(db):
    return Category.objects.create(name="Tin tức – Sự kiện")


def preview(client, upload, fmt=CSV_FORMAT):
    response = client.post(IMPORT_URL, {"import_file": upload, "format": fmt})
    assert response.status_code == 200
    return response


def confirm(client, response):
    """Post the confirm form the preview offered (or would have offered)."""
    form = response.context.get("confirm_form")
    data = dict(form.initial) if form else {}
    return client.post(PROCESS_URL, data)


def test_import_previews_then_saves_on_confirmation(approver_client, news_category):
    response = preview(
        approver_client,
        csv_file(
            [row("Tin một"), row("Tin hai", body="<p>X<script>bad()</script></p>")]
        ),
    )
    assert response.context.get("confirm_form") is not None
    assert not Article.objects.exists()
    confirm(approver_client, response)
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Tin hai",
        "Tin một",
    ]
    assert Article.objects.get(title="Tin hai").body == "<p>X</p>"


def test_xlsx_import(approver_client, news_category):
    response = preview(approver_client, xlsx_file([row("Tin từ Excel")]), XLSX_FORMAT)
    confirm(approver_client, response)
    assert Article.objects.get().slug == "tin-tu-excel"


def test_cells_holding_control_characters_are_imported_clean(
    approver_client, news_category
):
    title = "Phường Định Công họp dân"
    upload = csv_file([row(spoil(title), body=spoil("<p>Nội dung bài.</p>"))])
    confirm(approver_client, preview(approver_client, upload))
    article = Article.objects.get()
    assert (article.title, article.body) == (
        spoilt(title),
        spoilt("<p>Nội dung bài.</p>"),
    )
    assert article.slug == "phuong-dinh-cong-hop-dan"


def test_one_bad_row_saves_nothing_and_is_named(approver_client, news_category):
    rows = [
        row("Tin tốt"),
        row("Tin lỗi", category="khong-co"),
        row("Tin khác", status="xuat-ban"),
    ]
    response = preview(approver_client, csv_file(rows))
    html = response.content.decode()
    assert response.context.get("confirm_form") is None
    assert "Không có chuyên mục “khong-co”" in html
    assert (
        "“xuat-ban” không phải trạng thái nào: hãy ghi “Nháp”, “Chờ duyệt”, "
        "“Đã xuất bản”, “Đã gỡ”." in html
    )
    # The spreadsheet's row numbers: the header is row 1.
    errors = response.context["result"].invalid_rows
    assert [r.number for r in errors] == [3, 4]
    assert not Article.objects.exists()


def test_editor_import_cannot_publish(editor_client, news_category):
    response = preview(
        editor_client,
        csv_file([row("Tin nháp"), row("Tin lén đăng", status="published")]),
    )
    html = response.content.decode()
    assert "Chỉ người duyệt bài mới được xuất bản" in html
    assert response.context.get("confirm_form") is None
    assert not Article.objects.exists()


def test_editor_import_cannot_update_a_published_article(editor_client, make_article):
    article = make_article(title="Đã đăng")
    data = row("Đã đăng – sửa lén", category=article.category.slug, status="published")
    data[0] = str(article.pk)
    response = preview(editor_client, csv_file([data]))
    assert response.context.get("confirm_form") is None
    article.refresh_from_db()
    assert article.title == "Đã đăng"


def test_crafted_confirmation_of_a_bad_file_saves_nothing(editor_client, news_category):
    """A confirm POST for a file the preview refused still rolls back every row."""
    upload = csv_file([row("Tin nháp"), row("Tin lén đăng", status="published")])
    storage = TempFolderStorage(encoding="utf-8-sig", read_mode="r")
    storage.save(upload.read())
    editor_client.post(
        PROCESS_URL,
        {
            "import_file_name": storage.name,
            "original_file_name": "bai-viet.csv",
            "format": CSV_FORMAT,
            "resource": "",
        },
    )
    assert not Article.objects.exists()


def export(client, fmt):
    return client.post(
        EXPORT_URL,
        {
            "format": fmt,
            "resource": "",
            **{f"articleresource_{h}": "on" for h in HEADERS},
        },
    )


def test_export_escapes_formulae(approver_client, make_article):
    make_article(
        title='=HYPERLINK("http://evil")', sapo="+cmd|' /C calc'!A0", author="@SUM(1)"
    )
    response = export(approver_client, CSV_FORMAT)
    assert response.status_code == 200
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0]["Tiêu đề"] == '\'=HYPERLINK("http://evil")'
    assert rows[0]["Sapo (tóm tắt)"].startswith("'+cmd")
    assert rows[0]["Tác giả"] == "'@SUM(1)"

    response = export(approver_client, XLSX_FORMAT)
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for cell in sheet[2]]
    assert '\'=HYPERLINK("http://evil")' in values
    assert all(not (isinstance(v, str) and v.startswith("=")) for v in values)


def test_json_export_round_trips_vietnamese(approver_client, make_article):
    make_article(title="Đảng bộ phường Định Công")
    response = export(approver_client, str(len(FORMATS) - 1))
    assert (
        json.loads(response.content.decode("utf-8-sig"))[0]["Tiêu đề"]
        == "Đảng bộ phường Định Công"
    )


JSON_FORMAT = str(FORMATS.index(next(f for f in FORMATS if f.__name__ == "SafeJSON")))
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def at(*moment):
    """Return a moment in Hà Nội time."""
    return datetime.datetime(*moment, tzinfo=HANOI)


def scheduled(title, published_at):
    data = row(title, status="published")
    data[HEADERS.index("published_at")] = published_at
    return data


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("07/01/2022 17:58", at(2022, 1, 7, 17, 58)),
        ("07/01/2022 17:58:30", at(2022, 1, 7, 17, 58, 30)),
        ("13/12/2026 08:00", at(2026, 12, 13, 8, 0)),
        ("02/12/2026", at(2026, 12, 2)),
        (" 2/12/2026  8:05 ", at(2026, 12, 2, 8, 5)),
    ],
)
def test_import_reads_dates_day_first_in_hanoi_time(
    approver_client, news_category, cell, expected
):
    response = preview(approver_client, csv_file([scheduled("Tin hẹn giờ", cell)]))
    confirm(approver_client, response)
    assert Article.objects.get().published_at == expected


def test_import_reads_xlsx_date_cells_in_hanoi_time(approver_client, news_category):
    cell = datetime.datetime(2022, 1, 7, 17, 58)  # a real date cell, no time zone
    upload = xlsx_file([scheduled("Tin từ Excel", cell)])
    confirm(approver_client, preview(approver_client, upload, XLSX_FORMAT))
    assert Article.objects.get().published_at == at(2022, 1, 7, 17, 58)


@pytest.mark.parametrize(
    "cell",
    [
        "13/25/2022",
        "12/25/2022 17:58",
        "2022-01-07 17:58",
        "2022/01/07",
        "01-07-2022",
        "31/02/2022",
        "07/01/22 17:58",
        "ngày 7 tháng 1",
    ],
)
def test_import_refuses_a_date_not_written_day_first(
    approver_client, news_category, cell
):
    rows = [row("Tin tốt"), scheduled("Tin sai ngày", cell)]
    response = preview(approver_client, csv_file(rows))
    html = response.content.decode()
    assert response.context.get("confirm_form") is None
    assert [r.number for r in response.context["result"].invalid_rows] == [3]
    assert (
        f"“{cell.strip()}” không phải ngày giờ hợp lệ: hãy ghi theo dạng "
        "ngày/tháng/năm giờ:phút, ví dụ 07/01/2022 17:58." in html
    )
    confirm(approver_client, response)
    assert not Article.objects.exists()


def test_export_writes_dates_day_first_in_hanoi_time(approver_client, make_article):
    make_article(published_at=at(2022, 1, 7, 17, 58, 41, 123456))
    response = export(approver_client, CSV_FORMAT)
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["Thời gian đăng"] == "07/01/2022 17:58"

    # A spreadsheet gets a real date cell, shown day first, so Excel can sort it.
    response = export(approver_client, XLSX_FORMAT)
    cell = load_workbook(io.BytesIO(response.content)).active["I2"]
    assert cell.value == datetime.datetime(2022, 1, 7, 17, 58)
    assert cell.number_format == "dd/mm/yyyy hh:mm"


def test_export_writes_what_the_change_form_shows(approver_client, make_article):
    article = make_article(is_featured=True)
    make_article(status=Article.Status.REVIEW, author="Phóng viên")
    response = export(approver_client, CSV_FORMAT)
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0]) == list(COLUMNS.values())
    assert {(r["Trạng thái"], r["Tin nổi bật"]) for r in rows} == {
        ("Đã xuất bản", "Có"),
        ("Chờ duyệt", "Không"),
    }
    assert {r["Chuyên mục"] for r in rows} == {article.category.name}


def test_xlsx_export_has_real_numbers(approver_client, make_article):
    article = make_article()
    response = export(approver_client, XLSX_FORMAT)
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == list(COLUMNS.values())
    assert sheet["A2"].value == article.pk
    assert sheet["A2"].number_format == "#,##0"


def test_export_files_have_vietnamese_names(approver_client, make_article):
    import time_machine

    make_article()
    # The day in Hà Nội: at 06:30 it is still the 26th in UTC.
    with time_machine.travel(at(2026, 11, 27, 6, 30)):
        response = export(approver_client, CSV_FORMAT)
    assert response["Content-Disposition"] == (
        'attachment; filename="bai-viet-27-11-2026.csv"'
    )


def test_export_form_names_the_columns(approver_client):
    html = approver_client.get(EXPORT_URL).content.decode()
    for name in COLUMNS.values():
        assert f">{name}</label>" in html


@pytest.mark.parametrize(
    "status, category",
    [
        ("Chờ duyệt", "Tin tức – Sự kiện"),
        ("cho duyet", "tin tuc - su kien"),
        ("CHỜ DUYỆT", "tin-tuc-su-kien"),
        ("review", "Tin tức – Sự kiện"),
    ],
)
def test_import_reads_status_names_and_categories_by_name(
    approver_client, news_category, status, category
):
    data = row("Tin chờ duyệt", category=category, status=status)
    confirm(approver_client, preview(approver_client, csv_file([data])))
    article = Article.objects.get()
    assert (article.status, article.category) == (Article.Status.REVIEW, news_category)


def test_a_category_name_two_categories_share_is_refused(
    approver_client, news_category
):
    Category.objects.create(name="Tin tức – Sự kiện", slug="tin-tuc-2")
    response = preview(approver_client, csv_file([row("Tin", "Tin tức – Sự kiện")]))
    assert response.context.get("confirm_form") is None
    assert (
        "Có 2 chuyên mục tên “Tin tức – Sự kiện”: hãy ghi đường dẫn của chuyên mục "
        "muốn chọn." in response.content.decode()
    )


EXPORTS = {
    "csv": (CSV_FORMAT, "bai-viet.csv"),
    "xlsx": (XLSX_FORMAT, "bai-viet.xlsx"),
    "json": (JSON_FORMAT, "bai-viet.json"),
}


def stored(article):
    """Return what saving article could change, history included."""
    article.refresh_from_db()
    return (
        [getattr(article, name) for name in ["version", "updated_at", *HEADERS[1:]]],
        article.history.count(),
    )


@pytest.fixture
def newsroom(make_article):
    """Three published articles with their times to the microsecond, and a draft."""
    published = [
        make_article(
            title=f"Tin đã đăng {n}",
            published_at=at(2022, 1, n, 17, 58, 41, 123456 * n),
            author="=Phóng viên" if n == 1 else "",
        )
        for n in (1, 2, 3)
    ]
    return [*published, make_article(title="Bản nháp", status="draft")]


@pytest.mark.parametrize("fmt", EXPORTS)
@pytest.mark.parametrize("role", ["editor_client", "approver_client"])
def test_an_export_imported_again_changes_nothing(request, newsroom, role, fmt):
    client = request.getfixturevalue(role)
    before = [stored(article) for article in newsroom]
    code, name = EXPORTS[fmt]
    exported = export(client, code)
    assert exported.status_code == 200

    response = preview(client, SimpleUploadedFile(name, exported.content), code)
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert [r.import_type for r in result.rows] == ["skip"] * len(newsroom)
    confirm(client, response)
    assert [stored(article) for article in newsroom] == before


def edited_export(client, changes):
    """Return the CSV export with cells changed: {(article, field name): value}."""
    content = export(client, CSV_FORMAT).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    for (article, name), value in changes.items():
        next(r for r in rows if r["Mã"] == str(article.pk))[COLUMNS[name]] = value
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS.values()))
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile("bai-viet.csv", buffer.getvalue().encode("utf-8-sig"))


def test_an_approver_reimport_updates_exactly_what_changed(approver_client, newsroom):
    retitled, rescheduled, untouched, draft = newsroom
    kept = stored(untouched), stored(draft)
    moment = retitled.published_at
    upload = edited_export(
        approver_client,
        {
            (retitled, "title"): "Tin đã đăng – sửa tiêu đề",
            (rescheduled, "published_at"): "02/12/2026 08:00",
        },
    )
    response = preview(approver_client, upload)
    types = {r.object_id: r.import_type for r in response.context["result"].rows}
    assert types == {
        retitled.pk: "update",
        rescheduled.pk: "update",
        untouched.pk: "skip",
        draft.pk: "skip",
    }
    confirm(approver_client, response)
    retitled.refresh_from_db()
    assert retitled.title == "Tin đã đăng – sửa tiêu đề"
    assert retitled.published_at == moment, "its time kept to the microsecond"
    rescheduled.refresh_from_db()
    assert rescheduled.published_at == at(2026, 12, 2, 8, 0)
    assert (stored(untouched), stored(draft)) == kept


@pytest.mark.parametrize(
    "column, value",
    [("title", "Tin đã đăng – sửa lén"), ("published_at", "02/12/2026 08:00")],
)
def test_an_editor_reimport_changing_a_published_row_is_refused(
    editor_client, newsroom, column, value
):
    before = [stored(article) for article in newsroom]
    upload = edited_export(editor_client, {(newsroom[0], column): value})
    response = preview(editor_client, upload)
    assert response.context.get("confirm_form") is None
    assert "Chỉ người duyệt bài" in response.content.decode()
    confirm(editor_client, response)
    assert [stored(article) for article in newsroom] == before


def test_cells_rewritten_in_other_accepted_forms_change_nothing(
    approver_client, newsroom
):
    """Dates as text, numbers as text, codes for names, a slug for a category."""
    before = [stored(article) for article in newsroom]
    book = load_workbook(io.BytesIO(export(approver_client, XLSX_FORMAT).content))
    codes = {label: code for code, label in Article.Status.choices}
    for cells in book.active.iter_rows(min_row=2):
        for cell in cells:
            name = HEADERS[cell.column - 1]
            if name == "published_at" and cell.value:
                cell.value = f"{cell.value:%d/%m/%Y %H:%M}"
            elif name == "id":
                cell.value = str(cell.value)
            elif name == "status":
                cell.value = codes[cell.value]
            elif name == "category":
                cell.value = Category.objects.get(name=cell.value).slug
            elif name == "is_featured":
                cell.value = {"Có": 1, "Không": 0}[cell.value]
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("bai-viet.xlsx", buffer.getvalue())
    response = preview(approver_client, upload, XLSX_FORMAT)
    result = response.context["result"]
    assert [r.import_type for r in result.rows] == ["skip"] * len(newsroom)
    confirm(approver_client, response)
    assert [stored(article) for article in newsroom] == before


def test_a_file_with_vietnamese_columns_and_no_code_adds_articles(
    approver_client, news_category
):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["tieu de", "Chuyên mục", "SAPO (TÓM TẮT)", "Nội dung", "Trạng thái"]
    )
    writer.writerow(["Tin mới", "Tin tức – Sự kiện", "Tóm tắt", "<p>Bài</p>", "Nháp"])
    upload = SimpleUploadedFile("moi.csv", buffer.getvalue().encode("utf-8-sig"))
    confirm(approver_client, preview(approver_client, upload))
    article = Article.objects.get()
    assert (article.title, article.status) == ("Tin mới", Article.Status.DRAFT)


def test_a_row_without_status_says_which_are_accepted(approver_client, news_category):
    response = preview(approver_client, csv_file([row("Tin", status="")]))
    assert response.context.get("confirm_form") is None
    assert (
        "Chưa ghi trạng thái: hãy ghi “Nháp”, “Chờ duyệt”, “Đã xuất bản”, “Đã gỡ”."
        in response.content.decode()
    )
    assert not Article.objects.exists()


def test_blank_lines_are_skipped_and_rows_keep_their_numbers(
    approver_client, news_category, rows_read
):
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    sheet.append(row("Tin một"))
    sheet.append([None] * len(HEADERS))
    sheet.append(["  "] * len(HEADERS))
    sheet.append(row("Tin lỗi", category="khong-co"))
    # Formatted empty rows down to row 1.048.576, as LibreOffice leaves them.
    sheet.cell(1048576, 1).font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("bai-viet.xlsx", buffer.getvalue())
    response = preview(approver_client, upload, XLSX_FORMAT)
    assert [r.number for r in response.context["result"].invalid_rows] == [5]
    assert not Article.objects.exists()
    assert len(rows_read) < 10

    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADERS, row("Tin một"), [], [""] * 10, row("Hai")])
    buffer.write("\r\n" * 50)
    upload = SimpleUploadedFile("bai-viet.csv", buffer.getvalue().encode())
    confirm(approver_client, preview(approver_client, upload))
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Hai",
        "Tin một",
    ]


def test_a_file_with_more_rows_than_the_limit_is_refused_at_once(
    approver_client, news_category
):
    # A row after 5.000 empty ones is the file's 5.001st row below its header.
    text = "\r\n".join([",".join(HEADERS), *[""] * 5000, ",".join(row("Tin cuối"))])
    upload = SimpleUploadedFile("bai-viet.csv", text.encode())
    response = preview(approver_client, upload)
    assert response.context.get("result") is None
    assert (
        "Tệp có nội dung ở dòng 5.002, quá dòng 5.001: mỗi tệp chỉ dùng dòng tiêu đề "
        "và 5.000 dòng dưới nó. Hãy chia thành nhiều tệp, hoặc xóa các dòng trống ở "
        "giữa." in response.content.decode()
    )
    assert not Article.objects.exists()


def test_a_file_larger_than_the_limit_is_refused_unread(
    approver_client, news_category, monkeypatch
):
    from publishing.exports import SafeCSV

    def never(*args, **kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(SafeCSV, "create_dataset", never)
    upload = SimpleUploadedFile("bai-viet.csv", b"a" * (10 * 1024 * 1024 + 1))
    response = preview(approver_client, upload)
    assert "Tệp lớn hơn 10 MB: hãy chia thành nhiều tệp nhỏ hơn." in (
        response.content.decode()
    )
