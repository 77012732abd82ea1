import datetime
import io
from collections import defaultdict

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from campaigns.models import Campaign, Document, Figure, Report
from demo.campaigns import split
from demo.pdf import document_pdf
from publishing.uploads import ImageRejected, clean_pdf

pytestmark = pytest.mark.django_db


def test_split_adds_up_exactly():
    assert sum(split(293695, [9, 8, 12, 6, 7, 10, 8, 7, 5, 9, 11, 4, 13, 6])) == 293695
    assert split(32, [1, 1]) == [16, 16]


def test_demo_ward_figures_add_up_to_the_district_totals():
    call_command("seed_demo", stdout=io.StringIO())
    assert Campaign.objects.count() == 5
    assert Report.objects.published().count() == 5
    sums, totals = defaultdict(int), {}
    for figure in Figure.objects.all():
        key = (figure.report_id, figure.indicator_id)
        if figure.ward_id is None:
            totals[key] = figure.value
        else:
            sums[key] += figure.value
    assert sums
    for key, total in sums.items():
        assert total == totals[key], key
    turnout = Report.objects.get(campaign__slug="bau-cu-2021")
    assert turnout.illustrative


def test_demo_pages_label_illustrative_figures(client):
    call_command("seed_demo", stdout=io.StringIO())
    html = client.get("/chien-dich/bau-cu-2021/").content.decode()
    assert "Số liệu minh họa" in html
    assert "99,47%" in html
    clearance = Report.objects.get(campaign__slug="giai-phong-mat-bang")
    clearance = client.get(clearance.get_absolute_url()).text
    assert "Số liệu minh họa" not in clearance  # the 19 + 13 households are real
    assert ">19<" in clearance and ">13<" in clearance


def test_demo_documents_are_pdfs_linked_to_their_campaigns():
    call_command("seed_demo", stdout=io.StringIO())
    plan = Document.objects.get(number="50-KH/QU")
    assert plan.campaigns.get().slug == "vung-xanh-covid-19"
    with plan.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_pdf_is_checked_by_its_content_not_its_name():
    with pytest.raises(ImageRejected, match="không phải là tệp PDF"):
        clean_pdf(b"<html>not a pdf</html>", "van-ban.pdf")
    cleaned = clean_pdf(
        document_pdf([("body", "Kế hoạch 50")], "Kế hoạch"), "Kế hoạch 50-KH/QU.PDF"
    )
    assert cleaned.name == "ke-hoach-50-kh-qu.pdf"


def test_pdf_size_is_limited(settings):
    settings.PDF_MAX_BYTES = 100
    with pytest.raises(ImageRejected, match="quá lớn"):
        clean_pdf(document_pdf([("body", "x" * 200)], "x"), "lon.pdf")


def test_document_admin_refuses_a_fake_pdf(approver_client):
    response = approver_client.post(
        "/admin/campaigns/document/add/",
        {
            "number": "50-KH/QU",
            "kind": "ke-hoach",
            "issuer": "Quận ủy Hoàng Mai",
            "issued_on": "24/08/2021",
            "summary": "Kế hoạch.",
            "file": SimpleUploadedFile("ke-hoach.pdf", b"MZ not a pdf"),
            "status": "draft",
            "loaded_version": "",
        },
    )
    assert response.status_code == 200
    assert "không phải là tệp PDF hợp lệ" in response.content.decode()
    assert not Document.objects.exists()


def test_report_admin_shows_the_day_first(approver_client, make_report):
    make_report(reported_on=datetime.date(2021, 5, 13))
    html = approver_client.get("/admin/campaigns/report/").content.decode()
    assert "13/05/2021" in html
