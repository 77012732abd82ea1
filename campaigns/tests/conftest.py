import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from campaigns.models import Campaign, Figure, Indicator, Report, Ward


@pytest.fixture
def campaign(db):
    return Campaign.objects.create(
        name="Bầu cử 2021", slug="bau-cu-2021", summary="Tóm tắt.", period="2021"
    )


@pytest.fixture
def voters(campaign):
    """The election's indicators: voters, ballots cast and the computed turnout."""
    listed = Indicator.objects.create(
        campaign=campaign, name="Cử tri trong danh sách", unit="cử tri", order=1
    )
    voted = Indicator.objects.create(
        campaign=campaign, name="Cử tri đã bỏ phiếu", unit="cử tri", order=2
    )
    turnout = Indicator.objects.create(
        campaign=campaign,
        name="Tỷ lệ cử tri đi bầu",
        unit="%",
        order=3,
        decimals=2,
        numerator=voted,
        denominator=listed,
    )
    return listed, voted, turnout


@pytest.fixture
def make_report(campaign):
    def make(**fields):
        fields.setdefault("title", f"Báo cáo {Report.objects.count() + 1}")
        fields.setdefault("period", "Năm 2021")
        fields.setdefault("reported_on", datetime.date(2021, 5, 28))
        fields.setdefault("summary", "Tóm tắt báo cáo.")
        fields.setdefault("status", Report.Status.PUBLISHED)
        fields.setdefault("published_at", timezone.now() - datetime.timedelta(hours=1))
        return Report.objects.create(campaign=campaign, **fields)

    return make


@pytest.fixture
def election_report(make_report, voters):
    """A published report with district totals and two wards' figures."""
    listed, voted, _ = voters
    report = make_report(title="Kết quả bầu cử", illustrative=True)
    dinh_cong = Ward.objects.get(name="Định Công")
    mai_dong = Ward.objects.get(name="Mai Động")
    for indicator, total, first, second in [
        (listed, 293695, 30646, 15323),
        (voted, 292145, 30485, 15242),
    ]:
        Figure.objects.create(report=report, indicator=indicator, value=Decimal(total))
        Figure.objects.create(
            report=report, indicator=indicator, ward=dinh_cong, value=first
        )
        Figure.objects.create(
            report=report, indicator=indicator, ward=mai_dong, value=second
        )
    return report


@pytest.fixture
def ward_report(make_report, voters):
    """A report with every ward's voters, 1.000 to 14.000 in the wards' order, and
    the voters who voted, 10 fewer in each ward."""
    listed, voted, _ = voters
    report = make_report(title="Kết quả bầu cử theo phường")
    wards = list(Ward.objects.all())
    for indicator, less in [(listed, 0), (voted, 10)]:
        values = [1000 * n - less for n in range(1, len(wards) + 1)]
        Figure.objects.create(report=report, indicator=indicator, value=sum(values))
        for ward, value in zip(wards, values, strict=True):
            Figure.objects.create(
                report=report, indicator=indicator, ward=ward, value=value
            )
    return report
