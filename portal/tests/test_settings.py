import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "portal.settings_production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "tuyengiao.example.vn",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
}


def django_check(**overrides):
    env = {**os.environ, "DJANGO_ALLOW_ASYNC_UNSAFE": None, **PRODUCTION, **overrides}
    env = {key: value for key, value in env.items() if value is not None}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "REDIS_URL"]
)
def test_production_refuses_to_start_without(missing):
    result = django_check(**{missing: ""})
    assert result.returncode != 0
    assert f"{missing} must be set in production" in result.stderr


def test_production_refuses_a_total_for_remote_images_near_gunicorns_timeout():
    result = django_check(REMOTE_IMAGES_TOTAL_SECONDS="20", GUNICORN_TIMEOUT="30")
    assert result.returncode != 0
    assert "at most half of GUNICORN_TIMEOUT" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = django_check()
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_settings_follow_the_environment(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True


def settings_value(expression, **overrides):
    """Return repr(expression) as a fresh process with the given environment sees it."""
    env = {**os.environ, "DATABASE_CONN_MAX_AGE": None, **overrides}
    env = {key: value for key, value in env.items() if value is not None}
    code = (
        "import django; django.setup(); from django.conf import settings; "
        f"print(repr({expression}))"
    )
    result = subprocess.run(  # noqa: S603 - our own code, in a child process
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_connections_are_kept_in_production_only():
    """The development server's thread per request must not keep connections."""
    conn_max_age = "settings.DATABASES['default']['CONN_MAX_AGE']"
    development = {"DJANGO_SETTINGS_MODULE": "portal.settings"}
    assert settings_value(conn_max_age, **development) == "0"
    assert settings_value(conn_max_age, **PRODUCTION) == "60"
    tuned = {**PRODUCTION, "DATABASE_CONN_MAX_AGE": "300"}
    assert settings_value(conn_max_age, **tuned) == "300"


def test_email_is_printed_in_development_and_sent_by_smtp_in_production():
    backend = "settings.EMAIL_BACKEND"
    development = {"DJANGO_SETTINGS_MODULE": "portal.settings", "EMAIL_BACKEND": None}
    assert settings_value(backend, **development) == repr(
        "portal.console_mail.EmailBackend"
    )
    assert "smtp" in settings_value(backend, **PRODUCTION, EMAIL_BACKEND=None)
    office = {
        **PRODUCTION,
        "EMAIL_HOST": "mail.example.vn",
        "EMAIL_PORT": "587",
        "EMAIL_USE_TLS": "true",
        "DEFAULT_FROM_EMAIL": "tuyengiao@example.vn",
    }
    server = "(settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS, "
    server += "settings.DEFAULT_FROM_EMAIL)"
    assert settings_value(server, **office) == (
        "('mail.example.vn', 587, True, 'tuyengiao@example.vn')"
    )
