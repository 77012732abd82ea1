"""The 14 wards of Hoàng Mai with their national statistics codes."""

import csv
from pathlib import Path

from django.apps import apps as global_apps

WARDS_CSV = Path(__file__).resolve().parent / "data" / "wards.csv"


def ensure_wards(using="default", apps=global_apps, **kwargs):
    """Create or update the wards; run after every migrate (and test flush)."""
    Ward = apps.get_model("campaigns", "Ward")
    with open(WARDS_CSV, encoding="utf-8", newline="") as handle:
        for order, row in enumerate(csv.DictReader(handle), start=1):
            Ward.objects.using(using).update_or_create(
                code=row["code"], defaults={"name": row["name"], "order": order}
            )
