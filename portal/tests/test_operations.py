import logging

import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_touching_the_database(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"


def test_readyz_reports_database_and_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}


def test_readyz_fails_when_the_database_is_down(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(self, *args, **kwargs):
        raise DatabaseError("server closed the connection")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_readyz_reports_a_cache_that_is_down_without_failing(client, monkeypatch):
    from django.core.cache import cache

    monkeypatch.setattr(cache, "get", lambda *a, **k: None)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["cache"] == "unavailable"


def test_every_response_has_security_headers_and_a_request_id(client):
    response = client.get("/", HTTP_X_REQUEST_ID="abc12345-proxy")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"]
    assert response["X-Request-ID"] == "abc12345-proxy"
    forged = client.get("/", HTTP_X_REQUEST_ID="bad id\nInjected: yes")
    assert len(forged["X-Request-ID"]) == 32


def test_admin_gets_its_own_policy(admin_client):
    policy = admin_client.get("/admin/")["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self';" in policy


def test_log_lines_carry_the_request_id(client, caplog, monkeypatch):
    from django.core.cache import cache

    from portal.middleware import RequestIdFilter

    def down(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "set", down)
    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level(logging.WARNING):
        client.get("/readyz", HTTP_X_REQUEST_ID="req-0001-abcd")
    records = [r for r in caplog.records if "readyz" in r.getMessage()]
    assert records
    assert {r.request_id for r in records} == {"req-0001-abcd"}


def test_every_response_turns_off_the_browser_features_the_portal_does_not_use(
    client, admin_client, open_poll
):
    responses = [
        client.get("/"),
        client.get("/"),  # from the page cache
        client.get("/khong-co-trang-nay/"),
        client.generic("PROPFIND", "/"),
        client.get("/static/css/site.css"),
        client.get(f"/binh-chon/{open_poll.slug}/trang-thai/"),
        client.get("/admin/login/"),
        admin_client.get("/admin/"),
    ]
    for response in responses:
        policy = dict(
            directive.split("=", 1)
            for directive in response["Permissions-Policy"].split(", ")
        )
        for feature in [
            "camera",
            "microphone",
            "geolocation",
            "payment",
            "usb",
            "browsing-topics",
            "interest-cohort",
            "clipboard-read",
        ]:
            assert policy[feature] == "()", (response, feature)
        # The "Chia sẻ" button shares with navigator.share or copies the link.
        assert policy["web-share"] == policy["clipboard-write"] == "(self)"


def test_debug_pages_keep_their_inline_styles_under_debug_only(client, settings):
    settings.DEBUG = True
    missing = client.get("/khong-co-trang-nay/")
    assert missing.status_code == 404
    assert "<style" in missing.content.decode()  # Django's yellow debug page
    policy = missing["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'none'" in policy
    # A page of the portal keeps the strict policy, DEBUG or not.
    assert "'unsafe-inline'" not in client.get("/")["Content-Security-Policy"]

    settings.DEBUG = False
    missing = client.get("/khong-co-trang-nay/")
    assert missing.status_code == 404
    assert "<style" not in missing.content.decode()  # the portal's own 404 page
    assert "'unsafe-inline'" not in missing["Content-Security-Policy"]
