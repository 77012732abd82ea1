"""Load the demo campaigns for seed_demo; running it again changes nothing."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile

from campaigns.models import Campaign, Document, Figure, Indicator, Report, Ward
from publishing.sanitiser import clean_body
from publishing.text import fold
from search import index as search

from .campaigns_content import CAMPAIGNS, DOCUMENTS, FORMER_NAMES, WARD_WEIGHTS
from .pdf import document_pdf
from .revisions import bring_up_to_date


def split(total, weights):
    """Split total into whole parts proportional to weights, adding up exactly."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    parts = [int(share) for share in shares]
    by_remainder = sorted(
        range(len(weights)), key=lambda i: shares[i] - parts[i], reverse=True
    )
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def load_campaigns():
    """Create the demo campaigns and their indicators if missing."""
    for order, data in enumerate(CAMPAIGNS, start=1):
        campaign, _ = Campaign.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "period": data["period"],
                "summary": data["summary"],
                "order": order,
            },
        )
        _indicators(campaign, data["indicators"])


def load_reports():
    """Create each demo campaign's report, figures and documents if missing.

    An earlier run's report takes the demo's current text.

    A report links the news articles of its campaign.
    """
    hanoi = ZoneInfo(settings.TIME_ZONE)
    wards = list(Ward.objects.all())
    by_name = {ward.name: ward for ward in wards}
    for data in CAMPAIGNS:
        campaign = Campaign.objects.get(slug=data["slug"])
        indicators = {i.name: i for i in campaign.indicators.all()}
        report_data = data["report"]
        existing = Report.objects.filter(
            campaign=campaign, title=report_data["title"]
        ).first()
        if existing:
            bring_up_to_date(
                existing,
                summary=report_data["summary"],
                body=clean_body(report_data["body"])[0],
            )
            continue
        reported_on = datetime.date.fromisoformat(report_data["reported_on"])
        report = Report.objects.create(
            campaign=campaign,
            title=report_data["title"],
            period=report_data["period"],
            reported_on=reported_on,
            summary=report_data["summary"],
            body=report_data["body"],
            illustrative=any(spec[3] is True for spec in data["indicators"]),
            status=Report.Status.PUBLISHED,
            published_at=datetime.datetime.combine(
                reported_on, datetime.time(8, 0), tzinfo=hanoi
            ),
        )
        report.articles.set(campaign.articles.all())
        for name, _, total, by_ward, *_ in data["indicators"]:
            if by_ward is None:
                continue
            indicator = indicators[name]
            Figure.objects.create(report=report, indicator=indicator, value=total)
            if by_ward is True:
                values = dict(zip(wards, split(total, WARD_WEIGHTS), strict=True))
            elif by_ward:
                values = {by_name[ward]: value for ward, value in by_ward.items()}
            else:
                values = {}
            Figure.objects.bulk_create(
                Figure(report=report, indicator=indicator, ward=ward, value=value)
                for ward, value in values.items()
            )
        # Its search entry holds its ward figures, which bulk_create did not tell.
        search.index(report)
    for data in DOCUMENTS:
        _document(data, hanoi)


def _indicators(campaign, specs):
    for former, name in FORMER_NAMES.items():
        if not campaign.indicators.filter(name=name).exists():
            campaign.indicators.filter(name=former).update(name=name)
    indicators = {}
    for order, (name, unit, total, _, *qualifier) in enumerate(specs, start=1):
        defaults = {
            "unit": unit,
            "qualifier": "".join(qualifier),
            "order": order,
            "headline": order <= 4,
        }
        if isinstance(total, tuple):
            _, numerator, denominator = total
            defaults.update(
                numerator=indicators[numerator],
                denominator=indicators[denominator],
                decimals=2,
            )
        indicators[name], _ = Indicator.objects.get_or_create(
            campaign=campaign, name=name, defaults=defaults
        )
    return indicators


def _document(data, hanoi):
    if Document.objects.filter(number=data["number"]).exists():
        return
    issued_on = data["issued_on"] and datetime.date.fromisoformat(data["issued_on"])
    published_on = datetime.date.fromisoformat(
        data.get("published_on") or data["issued_on"]
    )
    document = Document(
        number=data["number"],
        kind=data["kind"],
        issuer=data["issuer"],
        issued_on=issued_on,
        summary=data["summary"],
        status=Document.Status.PUBLISHED,
        published_at=datetime.datetime.combine(
            published_on, datetime.time(9, 0), tzinfo=hanoi
        ),
    )
    kind = Document.Kind(data["kind"]).label
    pdf = document_pdf(
        [
            ("title", kind.upper()),
            ("heading", f"Số {data['number']}"),
            ("body", f"Cơ quan ban hành: {data['issuer']}"),
            ("body", f"Ngày ban hành: {_day(issued_on)}"),
            ("body", f"Trích yếu: {data['summary']}"),
            (
                "note",
                "Bản minh họa cho bản trình diễn của cổng thông tin (dữ liệu mẫu), "
                "không phải văn bản gốc: toàn văn do cơ quan ban hành lưu giữ.",
            ),
        ],
        title=f"{kind} số {data['number']}",
    )
    document.file.save(
        f"{data['number'].replace('/', '-')}.pdf", ContentFile(pdf), save=False
    )
    document.save()
    if data["campaign"]:
        document.campaigns.set(Campaign.objects.filter(slug=data["campaign"]))


def _day(date):
    return f"{date:%d/%m/%Y}" if date else "chưa rõ"


def campaign_of(title, sapo):
    """Return the demo campaign an article speaks of, by its keywords, or None."""
    text = fold(f"{title} {sapo}").lower()
    for data in CAMPAIGNS:
        if any(fold(word).lower() in text for word in data["keywords"]):
            return Campaign.objects.get(slug=data["slug"])
    return None
