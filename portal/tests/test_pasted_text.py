"""Every public page, feed, sitemap and download answers for pasted text.

The demo is loaded, then every text field staff type, of every row of ours, is
saved again holding every control character and Unicode non-character
(publishing/tests/unclean.py), as a paste from Word or a misread file brings them:
titles, bodies, ward and indicator names, poll choices. The site is crawled from
every URL pattern, following every link: each answer must be 200, each feed and
sitemap must parse, and each report's downloads must open.
"""

import csv
import io
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.http import HttpResponse
from django.test import Client
from openpyxl import load_workbook
from simple_history.models import HistoricalChanges

from campaigns.models import Report
from portal.middleware import CleanInputMiddleware
from publishing.models import _text_fields
from publishing.tests.unclean import spoil
from search.models import SearchEntry

from .test_links import crawl
from .urlconf import demo_urls

pytestmark = pytest.mark.django_db

# Not text anyone types: a ward's government code and the hashes a vote keeps.
IDENTIFIERS = {"campaigns.Ward.code", "polls.Vote.voter_key", "polls.Vote.address_hash"}
# Made from the content as it is saved, as the history is.
DERIVED = {SearchEntry}
# Views that are no page to read: a form's target and the staff's own.
NOT_PAGES = {"polls:vote", "editor_image_upload", "article_preview", "report_preview"}


def typed_fields(model):
    """Return the names of the text fields of model that staff type."""
    names = []
    for name in _text_fields(model):
        field = model._meta.get_field(name)
        if (
            field.editable
            and not field.choices
            and not isinstance(field, models.SlugField)
            and f"{model._meta.label}.{name}" not in IDENTIFIERS
        ):
            names.append(name)
    return names


def spoil_everything():
    """Save every row of ours with its typed text spoilt; return the models' labels."""
    spoilt = set()
    for model in apps.get_models():
        if issubclass(model, HistoricalChanges) or model in DERIVED:
            continue
        names = typed_fields(model)
        for row in model._base_manager.all() if names else []:
            for name in names:
                if getattr(row, name):
                    setattr(row, name, spoil(getattr(row, name)))
            row.save()
            spoilt.add(model._meta.label)
    return spoilt


def test_every_url_answers_for_text_holding_control_characters():
    call_command("seed_demo", stdout=io.StringIO())
    spoilt = spoil_everything()
    assert {"news.Article", "campaigns.Ward", "campaigns.Indicator"} <= spoilt

    client = Client(raise_request_exception=False)
    start = [url for name, url in demo_urls().items() if name not in NOT_PAGES]
    texts, broken = crawl(client, start)
    assert not broken, "URLs that do not answer 200:\n" + "\n".join(broken)
    assert len(texts) > 50  # the demo's pages, feeds and sitemaps were read
    assert "/tin-tuc/rss/" in texts and "/sitemap.xml" in texts

    reports = Report.objects.published().select_related("campaign")
    assert reports
    for report in reports:
        url = report.get_absolute_url() + "so-lieu."
        book = load_workbook(io.BytesIO(client.get(url + "xlsx").content))
        assert book["Thông tin"]["B1"].value == report.title
        rows = csv.DictReader(io.StringIO(client.get(url + "csv").text))
        assert {row["chi_tieu"] for row in rows}
        assert json.loads(client.get(url + "json").text)["bao_cao"] == report.title


def test_form_input_is_read_clean_but_passwords_as_typed(rf):
    """A password is compared with what was hashed, however it was written."""
    request = rf.post(
        "/",
        {
            "title": "Hoàng\x0bMai\x00",
            "password": "Mật\x07khẩu",
            "new_password1": "a\x00b",
        },
    )
    seen = {}

    def view(request):
        seen.update(request.POST.dict())
        return HttpResponse()

    CleanInputMiddleware(view)(request)
    assert seen == {
        "title": "Hoàng\nMai",
        "password": "Mật\x07khẩu",
        "new_password1": "a\x00b",
    }
