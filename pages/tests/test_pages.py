import pytest
from django.urls import reverse

from pages.models import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(db):
    return {
        "published": Page.objects.create(
            slug="gioi-thieu", title="Giới thiệu", body="<p>Ban Tuyên giáo.</p>"
        ),
        "draft": Page.objects.create(
            slug="lich-tiep-dan",
            title="Lịch tiếp dân (nháp)",
            body="<p>Chưa xong.</p>",
            published=False,
        ),
    }


def test_published_pages_leave_drafts_out(pages):
    assert list(Page.objects.published()) == [pages["published"]]


def test_a_draft_page_answers_404_and_is_in_no_sitemap(client, pages):
    assert client.get(pages["published"].get_absolute_url()).status_code == 200
    response = client.get(pages["draft"].get_absolute_url())
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert pages["published"].get_absolute_url() in sitemap
    assert pages["draft"].get_absolute_url() not in sitemap


def test_the_admin_offers_view_on_site_only_for_a_page_readers_may_see(
    admin_client, pages
):
    for name, shown in [("published", True), ("draft", False)]:
        url = reverse("admin:pages_page_change", args=[pages[name].pk])
        html = admin_client.get(url).content.decode()
        assert ('class="viewsitelink"' in html) is shown, name
