"""Indicators named "… (trên)" get their qualifier in its own field, and back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("campaigns", "0005_document_dispatch_and_undated")]
AFTER = [("campaigns", "0006_indicator_qualifier")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def names(apps, *fields):
    Indicator = apps.get_model("campaigns", "Indicator")
    return sorted(Indicator.objects.values_list("name", *fields))


@pytest.mark.django_db(transaction=True)
def test_qualifiers_move_out_of_names_and_back_without_loss():
    old = migrate(BEFORE)
    try:
        Campaign = old.get_model("campaigns", "Campaign")
        Indicator = old.get_model("campaigns", "Indicator")
        campaign = Campaign.objects.create(
            name="Ban Chỉ đạo 35", slug="bcd-35", summary=".", period="2021"
        )
        for name in [
            "Người theo dõi hai fanpage (trên)",
            "Lượt tiếp cận (hơn)",
            "Người dự tập huấn (khoảng)",
            "Bài viết đăng tải",
            # The shorter name is taken: this one stays as it is.
            "Lượt chia sẻ (trên)",
            "Lượt chia sẻ",
            # Decomposed Unicode (NFD), as some keyboards type it.
            "Ảnh đăng tải (trên)".replace("ê", "e\u0302"),
        ]:
            Indicator.objects.create(campaign=campaign, name=name, unit="lượt")
        new = migrate(AFTER)
        assert names(new, "qualifier") == [
            ("Bài viết đăng tải", ""),
            ("Lượt chia sẻ", ""),
            ("Lượt chia sẻ (trên)", ""),
            ("Lượt tiếp cận", "tren"),
            ("Người dự tập huấn", "khoang"),
            ("Người theo dõi hai fanpage", "tren"),
            ("Ảnh đăng tải", "tren"),
        ]
        back = migrate(BEFORE)
        assert names(back) == [
            ("Bài viết đăng tải",),
            ("Lượt chia sẻ",),
            ("Lượt chia sẻ (trên)",),
            ("Lượt tiếp cận (trên)",),
            ("Người dự tập huấn (khoảng)",),
            ("Người theo dõi hai fanpage (trên)",),
            ("Ảnh đăng tải (trên)",),
        ]
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
