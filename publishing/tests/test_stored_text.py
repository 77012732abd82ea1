"""Every stored text is clean, whatever the keyboard typed or a paste brought.

Clean: composed (NFC), each line break a newline, no other control character and
no Unicode non-character (publishing.text.clean).
"""

import unicodedata

import pytest

from campaigns.models import Ward

from .unclean import spoil, spoilt

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


def test_every_kind_of_row_created_or_saved_in_code_is_stored_clean(make_article):
    from campaigns.models import Campaign, Document, Indicator
    from news.models import Category
    from pages.models import Page
    from polls.models import Choice, Poll
    from weather.models import Place

    typed = {
        "title": "Phường Định Công họp dân",
        "sapo": "Tóm tắt bài.",
        "body": "<p>Nội dung bài.</p>",
        "author": "Phóng viên",
        "cover_alt": "Ảnh hội nghị",
    }
    article = make_article(**{name: spoil(text) for name, text in typed.items()})
    campaign = Campaign.objects.create(
        name=spoil("Vùng xanh"), summary=spoil("Giới thiệu."), period=spoil("2021")
    )
    poll = Poll.objects.create(question=spoil("Anh chị có hài lòng?"))
    rows = [
        *((article, name, text) for name, text in typed.items()),
        (campaign, "name", "Vùng xanh"),
        (campaign, "summary", "Giới thiệu."),
        (campaign, "period", "2021"),
        (poll, "question", "Anh chị có hài lòng?"),
        (Choice.objects.create(poll=poll, text=spoil("Hài lòng")), "text", "Hài lòng"),
        (
            Ward.objects.create(code="99999", name=spoil("Phường Thử")),
            "name",
            "Phường Thử",
        ),
        (Category.objects.create(name=spoil("Tin hoạt động")), "name", "Tin hoạt động"),
        (
            Indicator.objects.create(
                campaign=campaign, name="Cử tri", unit=spoil("cử tri")
            ),
            "unit",
            "cử tri",
        ),
        (
            Document.objects.create(
                number="12-KH/QU",
                kind=Document.Kind.PLAN,
                issuer="Ban Tuyên giáo",
                summary=spoil("Kế hoạch tuyên truyền."),
            ),
            "summary",
            "Kế hoạch tuyên truyền.",
        ),
        (
            Page.objects.create(slug="a", title=spoil("Giới thiệu")),
            "title",
            "Giới thiệu",
        ),
        (
            Place.objects.create(name=spoil("Hà Nội"), latitude=21, longitude=105),
            "name",
            "Hà Nội",
        ),
    ]
    for row, name, text in rows:
        row.refresh_from_db()
        assert getattr(row, name) == spoilt(text), (type(row), name)
    assert article.history.get().title == spoilt(typed["title"])

    article.title = spoil("Tổ dân phố số 5")
    article.save()
    article.refresh_from_db()
    assert article.title == spoilt("Tổ dân phố số 5")
    assert article.history.latest().title == spoilt("Tổ dân phố số 5")


def test_a_name_pasted_into_the_admin_form_is_stored_clean(admin_client):
    response = admin_client.post(
        "/admin/campaigns/ward/add/",
        {"code": "99999", "name": spoil("Phường Thử"), "order": 1},
    )
    assert response.status_code == 302, response.text[-3000:]
    assert Ward.objects.get(code="99999").name == spoilt("Phường Thử")
