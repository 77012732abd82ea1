"""No script in the admin is blocked: every page a role opens obeys its own policy.

The admin's Content-Security-Policy (portal.middleware.ADMIN_POLICY) allows scripts
from the portal's own files only. An inline script or an inline handler (an
`onchange="…"` in a library's template) is refused by the browser, and what it
did silently stops working: "Chọn tất cả" on the export page did nothing.

The crawl of test_admin_language.py, as the superuser, an editor and an approver,
lists the pages each role opens (index, app indexes, each model's list, add and
change forms, history, an old version, delete confirmation, import and export).
Chromium opens each one, and the test fails on any violation the browser reports
(`securitypolicyviolation`) and on any inline handler or `javascript:` link in the
page, which the browser reports only once someone clicks it.
"""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from .screens import keep
from .staff_login import login_verified
from .test_admin_language import ROLES, Crawl, crawl_model, newsroom  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.blockedByPolicy = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.blockedByPolicy.push(
    `${event.effectiveDirective} ${event.blockedURI} ${event.sample || ""}`.trim()
  );
});
"""

INLINE = """() => {
  const found = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith("on")) {
        found.push(`<${element.tagName.toLowerCase()} ${attribute.name}>`);
      }
    }
  }
  for (const link of document.querySelectorAll('[href^="javascript:"]')) {
    found.push(`<a href="${link.getAttribute("href")}">`);
  }
  return found.concat(window.blockedByPolicy || []);
}"""


class Pages(Crawl):
    """The HTML crawl's walk, keeping the address of each page once per path.

    It only opens pages: the forms the crawl posts back with mistakes, and the
    variants of a list (filters, a search), are the same templates.
    """

    def __init__(self, client, role):
        super().__init__(client, role)
        self.paths = {}

    def get(self, url):
        if urlsplit(url).path in self.paths:
            return None
        response = super().get(url)
        if response is not None and "html" in response.get("Content-Type", ""):
            self.paths[urlsplit(url).path] = url
        return response

    def post(self, url, data, follow=False):
        return None

    def form_with_mistakes(self, url, page):
        return None


def pages_of(user, role):
    """Return the admin pages role opens, each path once."""
    from django.contrib import admin

    crawl = Pages(login_verified(Client(), user), role)
    crawl.get(reverse("admin:index"))
    crawl.get(reverse("admin:two_factor"))
    crawl.get(reverse("admin:password_change"))
    for app in sorted({model._meta.app_label for model in admin.site._registry}):
        crawl.get(reverse("admin:app_list", args=[app]))
    for model, model_admin in admin.site._registry.items():
        crawl_model(crawl, model, model_admin, user)
    return list(crawl.paths.values())


def forms(path):
    """Tell whether path is a form, which each role's rights render differently."""
    return path.endswith(("/add/", "/change/")) or "/history/" in path


def test_no_admin_page_has_a_script_its_policy_blocks(
    newsroom,  # noqa: F811
    browser,
    live_server,
):
    """The superuser opens every page; the editor and the approver, their forms
    (their buttons and read-only fields differ) and any page the superuser had
    not met."""
    blocked, opened, seen = {}, 0, set()
    for role in ROLES:
        user = newsroom.get(username=role)
        urls = [
            url
            for url in pages_of(user, role)
            if forms(urlsplit(url).path) or urlsplit(url).path not in seen
        ]
        seen.update(urlsplit(url).path for url in urls)
        client = login_verified(Client(), user)
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
        context.add_init_script(LISTEN)
        page = context.new_page()
        try:
            for url in urls:
                response = page.goto(live_server.url + url)
                assert response.status == 200, (role, url, response.status)
                page.wait_for_load_state("load")
                for what in page.evaluate(INLINE):
                    blocked.setdefault(what, f"{url} ({role})")
                opened += 1
            page.goto(live_server.url + reverse("admin:index"))
            keep(page, f"admin-scripts-{role}")
        finally:
            context.close()

    assert opened > 100
    report = [f"{what} on {url}" for what, url in sorted(blocked.items())]
    assert not report, f"{len(report)} blocked or inline:\n" + "\n".join(report)
