"""The main menu: every section, the current one named and marked, no script."""

import re

import pytest

from campaigns.models import Campaign
from pages.models import Page

pytestmark = pytest.mark.django_db


def menu(client, path):
    """Return the menu of a page: (the name its button shows, {link: aria-current})."""
    html = client.get(path).text
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    shown = re.search(r'<span class="main-nav__current">([^<]+)</span>', nav)
    links = re.findall(r'<a href="([^"]+)"(?: aria-current="(\w+)")?>', nav)
    return (shown.group(1) if shown else ""), dict(links)


@pytest.fixture
def sections(category, db):
    Page.objects.create(title="Giới thiệu", slug="gioi-thieu", body="<p>Ban.</p>")
    return category


def test_the_menu_is_a_details_element_with_every_section(client, sections):
    html = client.get("/").text
    assert '<details class="main-nav__menu' in html and "<summary>" in html
    _, links = menu(client, "/")
    assert list(links) == [
        "/",
        sections.get_absolute_url(),
        "/chien-dich/",
        "/van-ban/",
        "/trang/gioi-thieu/",
    ]


@pytest.mark.parametrize(
    "page, shown, marked, mark",
    [
        ("home", "Trang chủ", "/", "page"),
        ("category", "Tin tức – Sự kiện", "category", "page"),
        ("article", "Tin tức – Sự kiện", "category", "true"),
        ("campaigns", "Chiến dịch", "/chien-dich/", "page"),
        ("campaign", "Chiến dịch", "/chien-dich/", "true"),
        ("documents", "Văn bản", "/van-ban/", "page"),
        ("about", "Giới thiệu", "/trang/gioi-thieu/", "page"),
        ("search", "", None, None),
    ],
)
def test_the_menu_names_and_marks_the_current_section(
    client, sections, make_article, page, shown, marked, mark
):
    campaign = Campaign.objects.create(
        name="Bầu cử", slug="bau-cu", summary=".", period="2021"
    )
    paths = {
        "home": "/",
        "category": sections.get_absolute_url(),
        "article": make_article().get_absolute_url(),
        "campaigns": "/chien-dich/",
        "campaign": campaign.get_absolute_url(),
        "documents": "/van-ban/",
        "about": "/trang/gioi-thieu/",
        "search": "/tim-kiem/?q=abc",
    }
    name, links = menu(client, paths[page])
    assert name == shown
    marked = sections.get_absolute_url() if marked == "category" else marked
    assert {url: value for url, value in links.items() if value} == (
        {marked: mark} if marked else {}
    )
