"""An approver saves, through a real gunicorn, a body whose images never arrive.

One host sends its image a byte a second, one never answers. gunicorn kills a
worker silent for 30 s, and the edit with it; the save must answer within the
portal's total for remote images, keep the text and tell the approver which images
were dropped.
"""

import secrets
import time

import pytest
from django.conf import settings

from .databases import postgresql_only
from .live import (
    AppServer,
    Browser,
    admin_login,
    admin_url,
    database_url,
    production_env,
    read_form,
    redis_database,
)
from .slow_hosts import silent_host, trickle_host

pytestmark = postgresql_only(
    "gunicorn serving the test database needs PostgreSQL, not an SQLite file"
)


@pytest.fixture
def server(transactional_db, static_root, tmp_path):
    """One gunicorn worker under production settings, with gunicorn's 30 s timeout."""
    with redis_database(9) as redis_url:
        env = production_env(
            DJANGO_SETTINGS_MODULE="portal.tests.settings_image_hosts",
            GUNICORN_CMD_ARGS="--timeout=30",  # as gunicorn.conf.py
            secret_key=secrets.token_urlsafe(50),
            database_url=database_url("portal-slow-images-test"),
            redis_url=redis_url,
            static_root=static_root,
            media_root=tmp_path / "media",
        )
        app = AppServer("anh-cham", env, tmp_path)
        try:
            app.wait_ready()
            yield app
        finally:
            app.stop()


def test_an_approvers_save_with_images_that_never_arrive_keeps_the_edit(
    server, make_article, approver
):
    article = make_article(title="Hội nghị tổng kết", body="<p>Bản cũ.</p>")
    staff = Browser("198.51.100.20")
    admin_login(staff, server.url, approver, "pw")
    change_url = admin_url(f"news/article/{article.pk}/change/")
    fields = read_form(staff.get(server.url, change_url).text, "article_form")
    workers = server.worker_pids()
    total = settings.REMOTE_IMAGES_TOTAL_SECONDS
    with trickle_host() as trickle, silent_host() as silent:
        # "localhost", not 127.0.0.1: the portal answers to 127.0.0.1 as its own.
        fields["body"] = (
            "<p>Bản đã sửa: hơn 300 đại biểu dự hội nghị.</p>"
            f'<img src="{trickle.url}/than/hoi-truong.jpg" alt="Hội trường">'
            f'<img src="{silent}/dai-bieu.jpg" alt="Đại biểu">'
            f'<img src="{trickle.url}/dau/khen-thuong.jpg" alt="Khen thưởng">'
        )
        started = time.monotonic()
        response = staff.post(server.url, change_url, {**fields, "_save": "Lưu"})
        elapsed = time.monotonic() - started
        assert response.status == 302, response.text[:3000]
        assert elapsed < total + 2, elapsed
        assert trickle.paths == ["/than/hoi-truong.jpg"]
    assert server.worker_pids() == workers
    assert "WORKER TIMEOUT" not in server.log.read_text()
    article.refresh_from_db()
    assert article.body == "<p>Bản đã sửa: hơn 300 đại biểu dự hội nghị.</p>"
    page = staff.get(server.url, response.location).text
    assert page.count("quá thời gian chờ") == 2, page
    assert f"khen-thuong.jpg”: đã hết {total} giây" in page
