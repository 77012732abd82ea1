"""Every admin page a clerk opens speaks Vietnamese: a crawl that fails on English.

The demo is loaded, with a pending change, a sign-in lockout, backup codes and an
admin log entry added. As the superuser, an editor and an approver, the crawl
opens the admin index, the staff guide, each app's index, and for every model the
role may see: its list (with a search that finds nothing, each filter, an action
without a selection and the confirmation of deleting the first row), its add form
and the change form of its first row, each posted back with a mistake in it
(required fields emptied, a date no calendar has, a version someone else saved
since), the row's history, an old version of it (the revert form, also posted with a
mistake), its delete confirmation, and the import and export pages (a file read
back, one with a bad row, an export with no column). It then collects what each
page shows or reads out (portal/tests/language.py) and fails on every word of
english_words.txt, naming the page and the text around it.
"""

import csv
import io
import re
from collections import defaultdict
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django_otp.plugins.otp_static.models import StaticDevice
from import_export.admin import ExportMixin, ImportMixin

from news.models import Article
from publishing.workflow import EDITOR_GROUP, save_as

from .language import english_words, shown_texts
from .staff_login import login_verified

pytestmark = pytest.mark.django_db

ROLES = ["admin", "bientap", "duyetbai"]  # the demo's superuser, editor, approver
# Dates and times not written dd/mm/yyyy HH:MM: ISO dates, dates in words (Django's
# own Vietnamese), seconds with fractions, UTC offsets.
NOT_DAY_FIRST = re.compile(
    r"\b\d{4}-\d\d-\d\d\b|[Nn]gày \d+ tháng|\d:\d\d:\d\d\.\d|[+-]\d\d:\d\d\b"
)
DATE_CLASSES = {"vDateField", "vTimeField"}
NOT_A_DATE = "31/02/2022"


class Forms(HTMLParser):
    """The forms of a page, each with what a browser would send for it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"attrs": attrs, "fields": []})
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "reset", "image", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            fields.append({**attrs, "tag": tag, "value": attrs.get("value", "on")})
        elif tag == "select" and name:
            self.select = {**attrs, "tag": tag, "options": [], "value": None}
            fields.append(self.select)
        elif tag == "option" and self.select is not None:
            self.select["options"].append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self.textarea = {**attrs, "tag": tag, "value": ""}
            fields.append(self.textarea)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea["value"] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        if tag == "textarea":
            self.textarea = None


def main_form(html):
    """Return the page's biggest POST form as {"attrs", "fields"}, or None."""
    parser = Forms()
    parser.feed(html)
    forms = [
        f
        for f in parser.forms
        if (f["attrs"].get("method") or "get").lower() == "post"
        and f["attrs"].get("id") != "logout-form"
    ]
    return max(forms, key=lambda f: len(f["fields"]), default=None)


def form_data(form, mistaken=False):
    """Return what a browser sends for form; mistaken: with every mistake we can."""
    data = defaultdict(list)
    for field in form["fields"]:
        name = field["name"]
        if field["tag"] == "select":
            options = field["options"]
            chosen = [value for value, selected in options if selected]
            if not chosen and options and "multiple" not in field:
                chosen = [options[0][0]]
            data[name] += chosen
            if mistaken and "required" in field:
                data[name] = [""]
            continue
        value = field["value"]
        if mistaken and "__prefix__" not in name:
            if "required" in field:
                value = ""
            elif DATE_CLASSES & set((field.get("class") or "").split()):
                value = NOT_A_DATE
            elif name == "loaded_version":
                value = "0"
        data[name].append(value)
    return dict(data)


class Crawl:
    """A staff member's walk through the admin, keeping the English it meets."""

    def __init__(self, client, role):
        self.client = client
        self.role = role
        self.found = defaultdict(set)  # (word, text) -> pages
        self.pages = 0
        self.errors_shown = []

    def read(self, url, response):
        assert response.status_code == 200, (self.role, url, response.status_code)
        self.pages += 1
        if "html" not in response.get("Content-Type", ""):
            return response
        for text in shown_texts(response.content.decode()):
            if NOT_DAY_FIRST.search(text):
                self.found[("dd/mm/yyyy HH:MM", text[:160])].add(f"{self.role} {url}")
            for word in english_words(text):
                # One line for "… object (1)", "… object (2)"…
                self.found[(word, re.sub(r"\d+", "0", text)[:160])].add(
                    f"{self.role} {url}"
                )
        return response

    def get(self, url):
        response = self.client.get(url)
        if response.status_code in {302, 403, 404}:
            return None  # not for this role
        return self.read(url, response)

    def post(self, url, data, follow=False):
        return self.read(url, self.client.post(url, data, follow=follow))

    def form_with_mistakes(self, url, page):
        """Post back the page's form with mistakes; it must come back with errors."""
        form = main_form(page.content.decode())
        if form is None or form_data(form, mistaken=True) == form_data(form):
            return  # nothing on it to get wrong (every field read-only)
        response = self.post(url, form_data(form, mistaken=True), follow=True)
        html = response.content.decode()
        refused = ("errornote", "errorlist", 'class="error"')
        self.errors_shown.append((url, any(mark in html for mark in refused)))


def first_row(model_admin, request_user):
    queryset = model_admin.get_queryset(_request(request_user)).order_by("pk")
    if model_admin.model is Article:
        # The article with related reports, a pending change and history.
        queryset = queryset.filter(pending_changes__isnull=False)
    if model_admin.model is Group:
        queryset = queryset.filter(name=EDITOR_GROUP)
    return queryset.first()


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return request


def crawl_model(crawl, model, model_admin, user):
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    changelist = reverse(f"{info}_changelist")
    page = crawl.get(changelist)
    if page is None:
        return
    crawl.get(changelist + "?q=khongcogica")
    html = page.content.decode()
    for query in sorted(set(_filter_links(html)))[:40]:
        crawl.get(changelist + query)
    row = first_row(model_admin, user)
    if row is not None and "action" in html:
        crawl.post(changelist, {"action": "delete_selected", "index": 0}, follow=True)
        crawl.post(
            changelist,
            {"action": "delete_selected", "_selected_action": [row.pk], "index": 0},
        )
    add = (
        crawl.get(reverse(f"{info}_add"))
        if model_admin.has_add_permission(_request(user))
        else None
    )
    if add is not None:
        crawl.form_with_mistakes(reverse(f"{info}_add"), add)
    if row is None:
        return
    change_url = reverse(f"{info}_change", args=[row.pk])
    change = crawl.get(change_url)
    if change is not None and model_admin.has_change_permission(_request(user), row):
        crawl.form_with_mistakes(change_url, change)
    crawl.get(reverse(f"{info}_history", args=[row.pk]))
    crawl.get(reverse(f"{info}_delete", args=[row.pk]))
    history = getattr(model, "history", None)
    if history is not None:
        # id is the row's own key in its history; pk there is the version's.
        oldest = history.filter(id=row.pk).order_by("history_date").first()
        try:
            url = reverse(f"{info}_simple_history", args=[row.pk, oldest.history_id])
        except NoReverseMatch:
            url = None
        revert = crawl.get(url) if url else None
        if revert is not None and model_admin.has_change_permission(
            _request(user), row
        ):
            crawl.form_with_mistakes(url, revert)
    if isinstance(model_admin, ImportMixin):
        crawl_import(crawl, info, model_admin)
    elif isinstance(model_admin, ExportMixin):
        crawl.get(reverse(f"{info}_export"))


def crawl_import(crawl, info, model_admin):
    export_url = reverse(f"{info}_export")
    if crawl.get(export_url) is None:
        return
    resource = model_admin.get_export_resource_classes(None)[0]
    fields = resource().get_export_order()
    prefix = resource.__name__.lower()
    crawl.post(export_url, {"format": "0", "resource": ""})  # no column chosen
    exported = crawl.client.post(
        export_url,
        {"format": "0", "resource": "", **{f"{prefix}_{f}": "on" for f in fields}},
    )
    import_url = reverse(f"{info}_import")
    if crawl.get(import_url) is None:
        return
    crawl.post(import_url, {"format": "0"})  # no file
    text = exported.content.decode("utf-8-sig")
    crawl.post(
        import_url,
        {"format": "0", "import_file": SimpleUploadedFile("lai.csv", text.encode())},
    )
    rows = list(csv.reader(io.StringIO(text)))
    rows.append(["???"] * len(rows[0]))
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    crawl.post(
        import_url,
        {
            "format": "0",
            "import_file": SimpleUploadedFile("loi.csv", buffer.getvalue().encode()),
        },
    )


class FilterLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.startswith("?") and "o=" not in href:
            self.links.append(href)


def _filter_links(html):
    parser = FilterLinks()
    parser.feed(html)
    return parser.links


@pytest.fixture
def newsroom(db):
    """The demo, with what only use leaves behind: a pending change, a lockout."""
    call_command("seed_demo", stdout=io.StringIO())
    User = get_user_model()
    editor = User.objects.get(username="bientap")
    article = Article.objects.filter(status=Article.Status.PUBLISHED).first()
    article.reports.set(article.campaign.reports.all() if article.campaign else [])
    article.title += " (sửa)"
    save_as(editor, article)
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        fields = {f.name for f in model._meta.get_fields()}
        values = {
            "username": "bientap",
            "ip_address": "127.0.0.1",
            "user_agent": "Mozilla/5.0",
            "http_accept": "text/html",
            "path_info": "/admin/login/",
        }
        if "failures_since_start" in fields:
            values["failures_since_start"] = 5
        if "locked_out" in fields:
            values["locked_out"] = True
        model.objects.create(**{k: v for k, v in values.items() if k in fields})
    backup = StaticDevice.objects.create(user=editor, name="Mã dự phòng")
    backup.token_set.create(token="abcd1234")
    return User.objects.filter(username__in=ROLES)


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_page_speaks_vietnamese(newsroom, role):
    user = newsroom.get(username=role)
    crawl = Crawl(login_verified(Client(), user), role)
    crawl.get(reverse("admin:index"))
    crawl.get(reverse("admin:two_factor"))
    crawl.get(reverse("admin:guide"))
    crawl.get(reverse("admin:password_change"))
    apps = {model._meta.app_label for model in admin.site._registry}
    for app in sorted(apps):
        crawl.get(reverse("admin:app_list", args=[app]))
    for model, model_admin in admin.site._registry.items():
        crawl_model(crawl, model, model_admin, user)
    if user.is_superuser:
        url = reverse("admin:auth_user_password_change", args=[user.pk])
        crawl.form_with_mistakes(url, crawl.get(url))

    assert crawl.pages > 30
    assert [url for url, shown in crawl.errors_shown if not shown] == []
    report = [
        f"“{word}” in “{text}”  ({len(pages)} pages, e.g. {min(pages)})"
        for (word, text), pages in sorted(crawl.found.items())
    ]
    assert not report, f"{len(report)} English texts:\n" + "\n".join(report)
