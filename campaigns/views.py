import json

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from publishing import params
from publishing.exports import attachment, csv_response, xlsx_response
from publishing.methods import safe
from publishing.workflow import apply_pending

from .figures import FigureTable
from .models import Campaign, Document, Report

DOCUMENTS_PER_PAGE = 20


@safe
def campaign_list(request):
    """List the active campaigns."""
    campaigns = Campaign.objects.active()
    return render(request, "campaigns/campaign_list.html", {"campaigns": campaigns})


@safe
def campaign_detail(request, slug):
    """Show a campaign: headline figures, ward chart, reports, documents, news."""
    campaign = get_object_or_404(Campaign.objects.active(), slug=slug)
    indicators = list(campaign.indicators.all())
    reports = list(Report.objects.listed().filter(campaign=campaign))
    latest = reports[0] if reports else None
    table = FigureTable.for_report(latest, indicators) if latest else None
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": campaign,
            "reports": reports,
            "latest": latest,
            "table": table,
            "documents": Document.objects.published().filter(campaigns=campaign),
            "articles": campaign.articles.listed()[:6],
        },
    )


def _published_report(campaign, slug):
    return get_object_or_404(
        Report.objects.published().select_related("campaign"),
        campaign__slug=campaign,
        slug=slug,
    )


@safe
def report_detail(request, campaign, slug):
    """Show a published report with its figure table and charts."""
    return _render_report(request, _published_report(campaign, slug))


@safe
def report_preview(request, pk):
    """Show staff a report as readers will see it, whatever its status."""
    if not (request.user.is_staff and request.user.has_perm("campaigns.view_report")):
        raise Http404("Không tìm thấy trang.")
    report = get_object_or_404(Report.objects.select_related("campaign"), pk=pk)
    response = _render_report(request, apply_pending(report), preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def _render_report(request, report, preview=False):
    indicators = list(report.campaign.indicators.all())
    return render(
        request,
        "campaigns/report_detail.html",
        {
            "report": report,
            "campaign": report.campaign,
            "table": FigureTable.for_report(report, indicators),
            "articles": report.articles.listed(),
            "preview": preview,
        },
    )


@safe
def report_data(request, campaign, slug, fmt):
    """Download a report's figure table: CSV (with a BOM for Excel) or JSON, plain
    open data, or XLSX laid out as on the page (see docs/how-it-works.md)."""
    if fmt not in {"csv", "json", "xlsx"}:
        raise Http404("Không có định dạng này.")
    report = _published_report(campaign, slug)
    table = FigureTable.for_report(report, list(report.campaign.indicators.all()))
    filename = f"so-lieu-{report.slug[:80]}.{fmt}"
    source = request.build_absolute_uri(report.get_absolute_url())
    if fmt == "xlsx":
        about = [
            ("Báo cáo", report.title),
            ("Chiến dịch", report.campaign.name),
            ("Kỳ báo cáo", report.period),
            ("Nguồn", source),
        ]
        if report.illustrative and table.has_ward_figures:
            about.append(
                (
                    "Ghi chú",
                    "Số liệu theo phường là minh họa; tổng toàn quận là số "
                    "liệu chính thức.",
                )
            )
        return xlsx_response(table.workbook(about), filename)
    if fmt == "json":
        payload = {
            "bao_cao": report.title,
            "chien_dich": report.campaign.name,
            "ky_bao_cao": report.period,
            "so_lieu_minh_hoa": report.illustrative,
            "nguon": source,
            "so_lieu": table.records(),
        }
        response = HttpResponse(
            json.dumps(payload, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        return attachment(response, filename)
    return csv_response(table.csv(), filename)


@safe
@params.reads("loai", "nam", "co-quan", "page")
def document_list(request):
    """List published documents, filterable by kind, year and issuing body."""
    documents = Document.objects.published()
    kind = params.get(request, "loai")
    year_text = params.get(request, "nam")
    issuer = params.get(request, "co-quan")
    notices = []
    if kind in Document.Kind.values:
        documents = documents.filter(kind=kind)
    else:
        kind = ""
    year = params.year(year_text)
    if year:
        documents = documents.filter(issued_on__year=year)
    elif year_text:
        notices.append(f"Năm “{year_text[:20]}” không hợp lệ nên được bỏ qua.")
    issuers = sorted(set(Document.objects.published().values_list("issuer", flat=True)))
    if issuer in issuers:
        documents = documents.filter(issuer=issuer)
    else:
        issuer = ""
    years = Document.objects.published().dates("issued_on", "year", order="DESC")
    page_obj = params.page(request, documents, DOCUMENTS_PER_PAGE)
    return render(
        request,
        "campaigns/document_list.html",
        {
            "page_obj": page_obj,
            "kinds": Document.Kind.choices,
            "years": [d.year for d in years],
            "issuers": issuers,
            "selected": {"loai": kind, "nam": str(year or ""), "issuer": issuer},
            "notices": notices,
        },
    )


@safe
def document_detail(request, slug):
    """Show one published document with its PDF."""
    document = get_object_or_404(Document.objects.published(), slug=slug)
    campaigns = document.campaigns.active()
    return render(
        request,
        "campaigns/document_detail.html",
        {"document": document, "campaigns": campaigns},
    )
