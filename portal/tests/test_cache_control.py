"""Cache-Control says what a shared cache in front (nginx) may keep: what ours keeps.

Anonymous pages briefly; nothing for staff, for a browser with a message waiting,
for a voter on the poll's pages, or that sets a cookie; a view's own rule stays.
"""

import pytest
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client

from news.models import Article
from polls.models import Poll
from portal.tests.staff_login import login_verified
from portal.tests.urlconf import demo_pages

pytestmark = pytest.mark.django_db

SHARED = "public, max-age=0, s-maxage=9, stale-while-revalidate=1"
PRIVATE = "private, no-cache"
SAME_SITE = {"HTTP_ORIGIN": "http://testserver"}


@pytest.fixture
def pages(settings):
    """Return {kind: URL} of every kind of page and answer of the demo."""
    settings.SHARED_CACHE_SECONDS = 10
    pages = demo_pages()
    poll = Poll.objects.published().first()
    article = Article.objects.published().order_by("-published_at").first()
    return {
        **pages,
        "vote state": f"/binh-chon/{poll.slug}/trang-thai/",
        "view counter": f"/tin-tuc/luot-xem/{article.pk}.gif",
        "readyz": "/readyz",
        "healthz": "/healthz",
        "404": "/khong-co-trang-nay/",
    }


# What each kind of page says to an anonymous visitor: a shared cache may keep
# the pages briefly; the views with a rule of their own keep it.
ANONYMOUS = {
    "poll": "no-cache",
    "vote state": "private, no-store",
    "view counter": "no-store",
    "readyz": "no-store",
    "healthz": PRIVATE,  # not a page: a cache in front must never answer for it
    # "404" is SHARED: it replaces a withdrawn page in the cache in front.
}
# What each says to staff, to a browser with a message waiting and to a voter
# on the poll's pages: never anything a shared cache may keep.
PER_VISITOR = {
    "poll": "no-cache, private",
    "vote state": "private, no-store",
    "view counter": "no-store, private",
    "readyz": "no-store, private",
}


def answers(client, pages, cookies=None):
    """Return {kind: Cache-Control} of each page, the client holding cookies."""
    found = {}
    for kind, url in pages.items():
        for name, value in (cookies or {}).items():
            client.cookies[name] = value  # again: a page may have cleared it
        found[kind] = client.get(url).get("Cache-Control")
    return found


def test_each_kind_of_request_gets_what_a_shared_cache_may_keep(pages, admin_user):
    anonymous = {kind: ANONYMOUS.get(kind, SHARED) for kind in pages}
    assert answers(Client(), pages) == anonymous
    # The same again, from the page cache.
    assert answers(Client(), pages) == anonymous
    # The voter cookie makes the poll's pages this voter's, and no other.
    voter = {**anonymous, "poll": PRIVATE}
    assert answers(Client(), pages, {settings.POLL_VOTER_COOKIE: "x"}) == voter
    per_visitor = {kind: PER_VISITOR.get(kind, PRIVATE) for kind in pages}
    staff = login_verified(Client(), admin_user)
    assert answers(staff, pages) == per_visitor
    message = {CookieStorage.cookie_name: "pending"}
    assert answers(Client(), pages, message) == per_visitor
    admin = staff.get("/admin/")["Cache-Control"]
    assert "private" in admin and "no-store" in admin


def test_answers_that_set_a_cookie_are_never_shared(open_poll):
    browser = Client()
    vote = browser.post(
        f"/binh-chon/{open_poll.slug}/binh-chon/",
        {"choice": open_poll.choices.first().pk, "next": "/"},
        **SAME_SITE,
    )
    assert vote.cookies and vote["Cache-Control"] == PRIVATE
    # The home page shows the thanks and clears the message cookie.
    home = browser.get("/")
    assert "Cảm ơn bạn đã bình chọn" in home.content.decode()
    assert home.cookies and home["Cache-Control"] == PRIVATE
