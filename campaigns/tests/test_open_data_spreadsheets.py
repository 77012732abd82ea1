"""The open data files opened as a citizen opens them: in LibreOffice Calc, set to
Vietnamese or to English.

Each file is converted by LibreOffice (headless, a profile of its own per run, its
language set in the profile as a user's settings set it) and read back: a CSV file
into a workbook whose cells say what Calc made of each field, the XLSX file into a
CSV of its cells as Calc shows them. A cell may be the number meant or text, never
another number.
"""

import csv
import io
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from campaigns.models import Figure, Indicator, Ward

pytestmark = pytest.mark.django_db

# A language's code as LibreOffice's CSV filter names it (its token 6).
LANGUAGES = {"vi-VN": 1066, "en-US": 1033}

PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry">
<item oor:path="/org.openoffice.Setup/L10N">
<prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{locale}</value></prop>
</item>
</oor:items>
"""


def open_in_libreoffice(libreoffice, folder, jobs):
    """Run LibreOffice's conversions, in a profile for each language.

    jobs maps a name to (locale, import filter or None, target, file); return the
    converted file of each name. The languages' conversions run side by side,
    each language's one after the other in its profile (a new profile costs
    a second or two more).
    """
    waiting = dict(jobs)
    converted = {}
    while waiting:
        batch = {}
        for name, job in waiting.items():
            if job[0] not in {locale for locale, *_ in batch.values()}:
                batch[name] = job
        running = {
            name: _start(libreoffice, folder / name, *job)
            for name, job in batch.items()
        }
        for name, process in running.items():
            output, _ = process.communicate(timeout=180)
            _, _, target, path = waiting.pop(name)
            result = folder / name / f"{path.stem}.{target.split(':', 1)[0]}"
            assert result.exists(), f"LibreOffice did not convert {name}:\n{output}"
            converted[name] = result
    return converted


def _start(libreoffice, outdir, locale, import_filter, target, path):
    """Start LibreOffice converting path to target in outdir, set to locale."""
    profile = outdir.parent / f"profile-{locale}"
    if not profile.exists():
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(
            PROFILE.format(locale=locale)
        )
    command = [str(libreoffice), f"-env:UserInstallation={profile.as_uri()}"]
    if import_filter:
        command.append(f"--infilter={import_filter}")
    command += ["--headless", "--norestore", "--convert-to", target]
    command += ["--outdir", str(outdir), str(path)]
    return subprocess.Popen(  # noqa: S603 - LibreOffice, on the test's own files
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


@pytest.fixture
def open_data_report(make_report, voters):
    """A report with what open data must carry: a ratio with decimals, figures over
    a thousand, minimums and estimates, a unit-less count, a decimal count, and
    the ward whose code starts with zeros (Thanh Trì, 00301)."""
    listed, voted, _ = voters
    campaign = listed.campaign
    followers, trained, visits, hours = (
        Indicator.objects.create(campaign=campaign, order=order, **fields)
        for order, fields in enumerate(
            [
                {
                    "name": "Người theo dõi fanpage",
                    "unit": "người",
                    "qualifier": Indicator.Qualifier.OVER,
                },
                {
                    "name": "Người dự tập huấn",
                    "unit": "người",
                    "qualifier": Indicator.Qualifier.ABOUT,
                },
                {"name": "Lượt truy cập cổng thông tin", "unit": ""},
                {"name": "Giờ tuyên truyền mỗi tổ", "unit": "giờ", "decimals": 1},
            ],
            start=4,
        )
    )
    report = make_report(title="Số liệu mở", illustrative=True)
    thanh_tri = Ward.objects.get(code="00301")
    dinh_cong = Ward.objects.get(name="Định Công")
    for indicator, district, first, second in [
        (listed, 293695, 20000, 30646),
        (voted, 292145, 19990, 30485),
        (followers, 5000, 1200, None),
        (trained, 2823, None, None),
        (visits, 1234, None, None),
        (hours, Decimal("12.5"), Decimal("3.5"), None),
    ]:
        for ward, value in [(None, district), (thanh_tri, first), (dinh_cong, second)]:
            if value is not None:
                Figure.objects.create(
                    report=report, indicator=indicator, ward=ward, value=value
                )
    return report


def read_as_meant(cell, text, numbers):
    """Tell whether a spreadsheet cell is the CSV field text, or one of numbers."""
    if text == "":
        return cell is None
    if isinstance(cell, str):
        return cell == text
    return isinstance(cell, int | float) and any(
        abs(Decimal(str(cell)) - number) < Decimal("0.000001") for number in numbers
    )


def test_calc_in_vietnamese_or_english_reads_no_figure_as_another_number(
    client, open_data_report, libreoffice, tmp_path
):
    url = open_data_report.get_absolute_url() + "so-lieu."
    (tmp_path / "so-lieu.csv").write_bytes(client.get(url + "csv").content)
    (tmp_path / "so-lieu.xlsx").write_bytes(client.get(url + "xlsx").content)
    jobs = {}
    for locale, language in LANGUAGES.items():
        # Comma, double quotes, UTF-8, from line 1, the locale's language, quoted
        # fields not forced to text, "detect special numbers" on: it reads more
        # fields as numbers (percentages, dates) than off, which reads a field
        # as a number only where "on" reads the same number.
        jobs[f"csv-{locale}"] = (
            locale,
            f"Text - txt - csv (StarCalc):44,34,76,1,,{language},false,true",
            "xlsx",
            tmp_path / "so-lieu.csv",
        )
        # The workbook's cells as Calc shows them (token 9: as shown).
        jobs[f"xlsx-{locale}"] = (
            locale,
            None,
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
            tmp_path / "so-lieu.xlsx",
        )
    converted = open_in_libreoffice(libreoffice, tmp_path, jobs)

    text = client.get(url + "csv").content.decode("utf-8-sig")
    written = list(csv.reader(io.StringIO(text)))
    header = written[0]
    for locale in LANGUAGES:
        sheet = load_workbook(converted[f"csv-{locale}"]).active
        read = list(sheet.iter_rows(values_only=True))
        assert list(read[0]) == header
        assert len(read) == len(written)
        for fields, cells in zip(written[1:], read[1:], strict=True):
            record = dict(zip(header, fields, strict=True))
            meant = Decimal(record["gia_tri"])
            for name, text, cell in zip(header, fields, cells, strict=True):
                numbers = []
                if name == "gia_tri":
                    numbers = [meant]
                elif name == "gia_tri_hien_thi" and record["don_vi"] == "%":
                    numbers = [meant / 100]  # "99,47%" read as a percentage
                assert read_as_meant(cell, text, numbers), (
                    f"{locale}: {name} {text!r} became {cell!r}"
                )
            value = cells[header.index("gia_tri")]
            if locale == "en-US" or meant == meant.to_integral_value():
                # A number for SUM: every figure in English, whole ones in
                # Vietnamese (a decimal stays text there, "99.47").
                assert isinstance(value, int | float), (locale, record)
        codes = {row[header.index("ma_phuong")] for row in read[1:]}
        assert codes == {None, "P00301", "P00307"}

    shown = {
        locale: {
            row[0]: row
            for row in csv.reader(
                io.StringIO(converted[f"xlsx-{locale}"].read_text("utf-8"))
            )
        }
        for locale in LANGUAGES
    }
    assert shown["vi-VN"]["Phường"] == [
        "Phường",
        "Mã phường",
        "Cử tri trong danh sách (cử tri)",
        "Cử tri đã bỏ phiếu (cử tri)",
        "Tỷ lệ cử tri đi bầu (%)",
        "Người theo dõi fanpage (người)",
        "Người theo dõi fanpage: mức chính xác",
        "Người dự tập huấn (người)",
        "Người dự tập huấn: mức chính xác",
        "Lượt truy cập cổng thông tin",
        "Giờ tuyên truyền mỗi tổ (giờ)",
    ]
    # The same number cells, each language writing them its own way; "trên"
    # and "khoảng" on the number and in the column beside it; codes as text.
    assert shown["vi-VN"]["Toàn quận"] == [
        "Toàn quận", "", "293.695", "292.145", "99,47",
        "trên 5.000", "trên", "khoảng 2.823", "khoảng", "1.234", "12,5",
    ]  # fmt: skip
    assert shown["en-US"]["Toàn quận"] == [
        "Toàn quận", "", "293,695", "292,145", "99.47",
        "trên 5,000", "trên", "khoảng 2,823", "khoảng", "1,234", "12.5",
    ]  # fmt: skip
    assert shown["vi-VN"]["Thanh Trì"] == [
        "Thanh Trì", "00301", "20.000", "19.990", "99,95",
        "trên 1.200", "trên", "", "", "", "3,5",
    ]  # fmt: skip
    assert shown["en-US"]["Thanh Trì"][:6] == [
        "Thanh Trì", "00301", "20,000", "19,990", "99.95", "trên 1,200",
    ]  # fmt: skip
