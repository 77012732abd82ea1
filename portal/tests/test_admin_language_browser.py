"""What the admin's scripts write speaks Vietnamese too, in Debian's chromium.

The HTML crawl (test_admin_language.py) reads what the server sends; calendars,
clocks, the boxes that move permissions and campaigns from side to side, the
"add another" links of parts, the count of selected rows and the rich-text editor
are written by scripts in the browser. Here the superuser opens the pages that
have them, opens each, and everything visible or read out (innerText, alt, title,
aria-label, placeholder, button values) is checked against the same English word
list. A screenshot of each page is kept in artifacts/screenshots/.
"""

import io

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from campaigns.models import Report
from news.models import Article
from publishing.workflow import EDITOR_GROUP, save_as

from .language import english_words
from .screens import keep
from .staff_login import login_verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOWN = """() => {
  const texts = document.body.innerText.split("\\n");
  texts.push(document.title);
  const named = ["alt", "title", "aria-label", "aria-description", "placeholder"];
  for (const element of document.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    const hidden = box.width === 0 && box.height === 0;
    for (const name of named) {
      const value = element.getAttribute(name);
      if (value && !hidden) texts.push(value);
    }
    const kind = (element.getAttribute("type") || "").toLowerCase();
    if (element.tagName === "INPUT" && ["submit", "button", "reset"].includes(kind)
        && element.value && !hidden) {
      texts.push(element.value);
    }
  }
  return texts.filter(text => text.trim());
}"""


def english_on(page):
    return sorted(
        {
            (word, text[:120])
            for text in page.evaluate(SHOWN)
            for word in english_words(text)
        }
    )


@pytest.fixture
def admin_page(browser, live_server):
    """A chromium page signed in as the demo's superuser, on the demo's content."""
    call_command("seed_demo", stdout=io.StringIO())
    User = get_user_model()
    editor = User.objects.get(username="bientap")
    article = Article.objects.filter(status=Article.Status.PUBLISHED).first()
    article.title += " (sửa)"
    save_as(editor, article)
    client = login_verified(Client(), User.objects.get(username="admin"))
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    yield page, live_server.url
    context.close()


def test_what_the_admin_scripts_write_is_vietnamese(admin_page):
    page, base = admin_page
    article = Article.objects.filter(pending_changes__isnull=False).first()
    report = Report.objects.filter(figures__isnull=False).first()
    group = Group.objects.get(name=EDITOR_GROUP)
    found = {}

    def look(name, path, *steps):
        """Open path, then take each step (opening a calendar, a list…), reading
        the page before the first step and after each."""
        page.goto(base + path)
        page.wait_for_load_state("load")
        for n, step in enumerate([None, *steps]):
            if step is not None:
                step()
            for word, text in english_on(page):
                found.setdefault((word, text), name)
            keep(page, f"admin-{name}" + (f"-{n}" if n else ""))

    look("trang-chu", "/admin/")
    look(
        "danh-sach-bai-viet",
        "/admin/news/article/",
        lambda: page.check('input[name="_selected_action"] >> nth=0'),
    )
    look(
        "sua-bai-viet",
        f"/admin/news/article/{article.pk}/change/",
        lambda: page.wait_for_selector(".ck-editor__editable"),
        lambda: page.click("#calendarlink0"),
        lambda: page.click("#clocklink0"),
        lambda: page.click(".field-campaign .select2-selection"),
        lambda: page.wait_for_selector(".select2-results"),
    )
    look("lich-su-bai-viet", f"/admin/news/article/{article.pk}/history/")
    oldest = article.history.order_by("history_date").first()
    look(
        "khoi-phuc-bai-viet",
        f"/admin/news/article/{article.pk}/history/{oldest.history_id}/",
    )
    look(
        "sua-bao-cao",
        f"/admin/campaigns/report/{report.pk}/change/",
        lambda: page.click(".inline-group .add-row a"),
    )
    look("them-van-ban", "/admin/campaigns/document/add/")
    look("sua-nhom", f"/admin/auth/group/{group.pk}/change/")
    look("nhap-bai-viet", "/admin/news/article/import/")
    look("xuat-bai-viet", "/admin/news/article/export/")

    report_lines = [
        f"“{w}” in “{t}” ({page_name})" for (w, t), page_name in found.items()
    ]
    assert not report_lines, "\n".join(sorted(report_lines))
