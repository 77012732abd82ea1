"""The figures list in the admin, as a clerk reads it."""

import re

import pytest

from campaigns.models import Figure, Indicator

pytestmark = pytest.mark.django_db


def test_figure_list_shows_whole_counts_and_the_district(
    approver_client, election_report, campaign
):
    area = Indicator.objects.create(
        campaign=campaign, name="Diện tích", unit="ha", decimals=2
    )
    Figure.objects.create(report=election_report, indicator=area, value="99.47")
    html = approver_client.get("/admin/campaigns/figure/").content.decode()
    cells = [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r'<td class="field-[^"]+">(.*?)</td>', html, re.S)
    ]
    rows = [cells[i : i + 3] for i in range(0, len(cells), 3)]
    assert ["Cử tri trong danh sách (cử tri)", "Toàn quận", "293.695"] in rows
    assert ["Cử tri trong danh sách (cử tri)", "Định Công", "30.646"] in rows
    assert ["Diện tích (ha)", "Toàn quận", "99,47"] in rows
    assert ",00" not in html
