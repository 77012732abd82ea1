"""Every URL answers the methods its view takes, and 405 with an Allow header else.

The 405 comes before the CSRF check (portal.middleware.MethodMiddleware): the
clients here check CSRF as a browser's request is checked, so a PUT without a
token gets 405, not a 403 about the token.
"""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLResolver, get_resolver

from publishing import methods

from .urlconf import demo_urls

pytestmark = pytest.mark.django_db

SAFE = ["GET", "HEAD"]
OTHERS = ["TRACE", "OPTIONS", "PROPFIND", "PUT", "DELETE", "PATCH", "MKCOL", "BREW"]
# The views a form posts to; every other view takes GET and HEAD only.
POSTED = {"polls:vote", "editor_image_upload"}


def views(resolver=None, route=""):
    """Yield (route, view) of every URL pattern, the admin's included."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from views(entry, route + str(entry.pattern))
        else:
            yield route + str(entry.pattern), entry.callback


def test_every_view_declares_the_methods_it_takes():
    undeclared = [route for route, view in views() if methods.allowed(view) is None]
    assert not undeclared, "\n".join(undeclared)


def test_every_url_refuses_the_methods_its_view_does_not_take():
    call_command("seed_demo", stdout=io.StringIO())
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    wrong = []
    for name, url in demo_urls().items():
        taken = ["POST"] if name in POSTED else SAFE
        for method in [*SAFE, *OTHERS, "POST"]:
            response = client.generic(method, url)
            status, allow = response.status_code, response.get("Allow")
            if method in taken and status == 405:
                wrong.append(f"{method} {url} ({name}): 405, but the view takes it")
            elif method not in taken and (status, allow) != (405, ", ".join(taken)):
                wrong.append(f"{method} {url} ({name}): {status}, Allow: {allow}")
    assert not wrong, "\n".join(wrong)


def test_the_admin_takes_get_head_and_post_only(admin_user, make_article):
    article = make_article()
    signed_in = Client(enforce_csrf_checks=True)
    signed_in.force_login(admin_user)
    urls = [
        "/admin/",
        "/admin/news/",
        "/admin/news/article/",
        "/admin/news/article/add/",
        f"/admin/news/article/{article.pk}/change/",
        f"/admin/news/article/{article.pk}/history/",
        "/admin/news/article/import/",
        "/admin/jsi18n/",
        "/admin/xac-thuc-hai-lop/",
        "/admin/khong-co-trang-nay/",
    ]
    signed_out = ["/admin/login/", "/admin/xac-thuc-hai-lop/thiet-lap/"]
    wrong = []
    for client, paths in [
        (signed_in, urls),
        (Client(enforce_csrf_checks=True), signed_out),
    ]:
        for url in paths:
            for method in OTHERS:
                response = client.generic(method, url)
                answer = (response.status_code, response.get("Allow"))
                if answer != (405, "GET, HEAD, POST"):
                    wrong.append(f"{method} {url}: {answer}")
    assert not wrong, "\n".join(wrong)
