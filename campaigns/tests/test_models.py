from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from campaigns.figures import FigureTable, ratio
from campaigns.models import Figure, Indicator, Ward

pytestmark = pytest.mark.django_db


def test_the_fourteen_wards_exist_with_their_codes():
    assert Ward.objects.count() == 14
    assert Ward.objects.get(code="00307").name == "Định Công"


def test_one_value_per_indicator_report_and_ward(election_report, voters):
    ward = Ward.objects.get(name="Định Công")
    with pytest.raises(IntegrityError), transaction.atomic():
        Figure.objects.create(
            report=election_report, indicator=voters[0], ward=ward, value=1
        )


def test_one_district_wide_value_despite_null_wards(election_report, voters):
    with pytest.raises(IntegrityError), transaction.atomic():
        Figure.objects.create(report=election_report, indicator=voters[0], value=1)


def test_counts_are_never_negative(election_report, voters):
    ward = Ward.objects.get(name="Yên Sở")
    with pytest.raises(IntegrityError), transaction.atomic():
        Figure.objects.create(
            report=election_report, indicator=voters[0], ward=ward, value=-1
        )


def test_a_count_with_decimals_or_a_ratio_value_is_refused(election_report, voters):
    ward = Ward.objects.get(name="Yên Sở")
    with pytest.raises(ValidationError, match="không có phần thập phân"):
        Figure(
            report=election_report, indicator=voters[0], ward=ward, value=Decimal("1.5")
        ).full_clean()
    with pytest.raises(ValidationError, match="tính tự động"):
        Figure(
            report=election_report, indicator=voters[2], ward=ward, value=99
        ).full_clean()


def test_turnout_is_computed_from_its_parts(election_report, voters):
    table = FigureTable.for_report(election_report, list(voters))
    assert table.district.values == [
        Decimal(293695),
        Decimal(292145),
        Decimal("99.47"),
    ]
    assert ratio(Decimal(292145), Decimal(293695)) == Decimal("99.47")
    assert ratio(Decimal(5), None) is None


def test_an_indicator_cannot_be_a_ratio_of_another_campaign(campaign, voters):
    from campaigns.models import Campaign

    other = Campaign.objects.create(name="Khác", summary=".", period="2021")
    stray = Indicator(
        campaign=other, name="Tỷ lệ", numerator=voters[1], denominator=voters[0]
    )
    with pytest.raises(ValidationError):
        stray.full_clean()
