"""Every stored text is composed (NFC), whatever the keyboard typed."""

import unicodedata

import pytest

from campaigns.models import Ward

pytestmark = pytest.mark.django_db


def nfd(text):
    return unicodedata.normalize("NFD", text)


def test_names_of_every_kind_of_row_are_stored_composed(db):
    from django.contrib.auth import get_user_model

    from campaigns.models import Campaign
    from news.models import Category

    rows = [
        Ward.objects.create(code="99999", name=nfd("Phường Thử")),
        Campaign.objects.create(name=nfd("Vùng xanh"), summary=nfd("Ý"), period="1"),
        Category.objects.create(name=nfd("Tin hoạt động")),
    ]
    for row in rows:
        row.refresh_from_db()
        assert unicodedata.is_normalized("NFC", str(row)), row
    # Django's own models and other libraries' are theirs to keep.
    user = get_user_model().objects.create(username="u", first_name=nfd("Hà"))
    user.refresh_from_db()
    assert user.first_name == nfd("Hà")


def test_imported_cells_are_composed_and_read_back_unchanged(approver, category):
    import tablib

    from news.admin import ArticleResource
    from news.models import Article

    headers = ["id", "title", "category", "sapo", "body", "status"]
    cells = [nfd("Phường Yên Sở họp dân"), category.slug, nfd("Tóm tắt")]
    cells += [nfd("<p>Nội dung.</p>"), "draft"]

    def run(pk=""):
        dataset = tablib.Dataset([pk, *cells], headers=headers)
        return ArticleResource().import_data(
            dataset, dry_run=False, use_transactions=True, user=approver
        )

    assert [r.import_type for r in run().rows] == ["new"]
    article = Article.objects.get()
    assert article.title == "Phường Yên Sở họp dân"
    assert article.sapo == "Tóm tắt"
    assert [r.import_type for r in run(article.pk).rows] == ["skip"]


def test_a_decomposed_duplicate_name_is_refused_by_the_form(admin_client):
    """Validation sees the name as it would be stored: the form says why, no 500."""
    before = Ward.objects.count()
    assert Ward.objects.filter(name="Định Công").exists()  # loaded by a migration
    response = admin_client.post(
        "/admin/campaigns/ward/add/",
        {"code": "99999", "name": nfd("Định Công"), "order": 1},
    )
    assert response.status_code == 200
    assert "đã tồn tại" in response.text
    assert Ward.objects.count() == before
