"""The backup rehearsal: back up a live portal, restore it twice, compare everything.

The demo plus what a season of use leaves (votes, views, history, an uploaded
picture, a staff member with an authenticator app and a session) is served by a
real gunicorn under production settings, and crawled: every page, feed, sitemap
and download a visitor can reach, and every picture those pages show. Then, as
docs/operations.md tells an operator (each numbered point of issue 25):

1. `manage.py backup`: one archive, its owner's only (7), holding the commit and
   the schema (6) and no secret (2);
2. on a "new machine" (an empty database owned by another role, an empty media
   folder), `manage.py restore` with the kept environment file: every table is
   the app role's (3), the media come back (1), and a second gunicorn serves the
   same bytes on every URL; the voter and the staff session are recognised (2),
   staff sign in with a code;
3. in place, over a database changed after the backup (a published article with
   its picture, an edited title, a vote, a lost picture), with gunicorn running
   and its Redis page cache holding the changed pages (5): after the restore the
   same gunicorn serves exactly the first crawl again, at once.

Outside the production environment the restore refuses (4): test_backup.py.
"""

import difflib
import hashlib
import io
import json
import re
import secrets
import stat
import subprocess
import sys
import tarfile
import time
import zipfile
from collections import deque
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import psycopg2
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.images import draw_cover
from news.models import Article
from polls.models import Poll
from publishing.workflow import EDITOR_GROUP

from .databases import postgresql_only
from .live import (
    PUBLIC_HOST,
    ROOT,
    Browser,
    admin_login,
    admin_url,
    app_servers,
    database_url,
    fetch,
    production_env,
    redis_database,
    use_redis,
)
from .staff_login import give_app
from .test_links import PageLinks, robots_links, xml_links

pytestmark = postgresql_only(
    "pg_dump and pg_restore back up PostgreSQL; an SQLite file is copied, not dumped"
)

STAFF_PASSWORD = "Sao-luu@2026"
NEW_TITLE = "Phường Lĩnh Nam ra quân sau lúc sao lưu"
# A reader's HTML differs per request only by the form's CSRF token.
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')
# Static files are the code's; the view counter counts the crawler's views.
NOT_PAGES = ("/static/", "/tin-tuc/luot-xem/")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TIMINGS = {}


def manage(env, *args):
    """Run manage.py with env; return its output, failing the test on an error."""
    started = time.monotonic()
    done = subprocess.run(  # noqa: S603 - a fixed command
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    TIMINGS[args[0]] = TIMINGS.get(args[0], []) + [time.monotonic() - started]
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def path_of(url, base):
    """Return url as a path (and query) of the portal, or None for anything else."""
    parts = urlsplit(urljoin(f"https://{PUBLIC_HOST}{base}", url.strip()))
    if parts.scheme not in {"http", "https"} or parts.netloc != PUBLIC_HOST:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def comparable(kind, body):
    """Return what must not change of a response: its text, or its contents'
    hash; a spreadsheet's contents without the moment it was written."""
    if kind.startswith("text/") or kind.endswith("xml"):
        return CSRF.sub(b"", body).decode()
    if kind == XLSX:
        with zipfile.ZipFile(io.BytesIO(body)) as sheet:
            body = b"".join(
                sheet.read(name)
                for name in sorted(sheet.namelist())
                if name != "docProps/core.xml"
            )
    return hashlib.sha256(body).hexdigest()


def differences(before, after):
    """Return the URLs whose answers differ, and a diff of the first one."""
    differ = sorted(
        path
        for path in before.keys() | after.keys()
        if before.get(path) != after.get(path)
    )
    if not differ:
        return []
    first = [
        str(answer).replace("\\n", "\n").splitlines()
        for answer in (before.get(differ[0]), after.get(differ[0]))
    ]
    diff = difflib.unified_diff(*first, lineterm="", n=1)
    return [*differ, "\n".join(list(diff)[:40])]


def crawl(base_url):
    """Read every URL an anonymous visitor can reach from the home page, the
    sitemap, robots.txt and the feed; return ({path: (status, type, sha256)},
    {media path}). Uploaded files are served by the proxy, not gunicorn: their
    paths are collected and compared on disk."""
    start = ["/", "/sitemap.xml", "/robots.txt", "/tin-tuc/rss/"]
    seen, queue = set(start), deque(start)
    pages, media = {}, set()
    while queue:
        path = queue.popleft()
        response = fetch(base_url, "GET", path)
        kind = response.headers.get("Content-Type", "").split(";")[0]
        pages[path] = (response.status, kind, comparable(kind, response.body))
        if response.status in {301, 302}:
            found = [response.location]
        elif response.status != 200:
            continue
        elif kind == "text/html":
            parser = PageLinks()
            parser.feed(response.text)
            found = parser.urls
        elif kind in {"application/rss+xml", "application/xml"}:
            found = xml_links(response.body)
        elif path == "/robots.txt":
            found = robots_links(response.text)
        else:
            found = []
        for link in found:
            target = None if link.startswith("#") else path_of(link, path)
            if target is None:
                continue
            if target.startswith("/media/"):
                media.add(target)
            elif target.startswith(NOT_PAGES) or target in seen:
                continue
            else:
                seen.add(target)
                queue.append(target)
    return pages, media


def files_of(root):
    """Return {relative path: sha256} of the files under root."""
    root = Path(root)
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def vote_counts(cursor):
    """Return the votes stored and the counts the poll shows, per choice."""
    cursor.execute("SELECT choice_id, count(*) FROM polls_vote GROUP BY 1 ORDER BY 1")
    stored = cursor.fetchall()
    cursor.execute("SELECT id, votes_count FROM polls_choice ORDER BY 1")
    return stored, cursor.fetchall()


def admin_connection(dbname):
    s = connection.settings_dict
    link = psycopg2.connect(
        dbname=dbname,
        user=s["USER"],
        password=s["PASSWORD"],
        host=s["HOST"],
        port=s["PORT"],
    )
    link.autocommit = True
    return link


@pytest.fixture
def new_machine():
    """An empty database owned by a role of its own, as a new server has it.

    Yields (DATABASE_URL, database name, role); both are dropped afterwards.
    """
    s = connection.settings_dict
    suffix = secrets.token_hex(4)
    role, name = f"hm_backup_app_{suffix}", f"hm_backup_new_{suffix}"
    password = secrets.token_urlsafe(16)
    link = admin_connection("postgres")
    with link.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} LOGIN PASSWORD %s", [password])
        cursor.execute(f"CREATE DATABASE {name} OWNER {role}")
    host = s["HOST"] or "127.0.0.1"
    port = s["PORT"] or 5432
    url = f"postgres://{role}:{quote(password, safe='')}@{host}:{port}/{name}"
    try:
        yield url, name, role
    finally:
        with link.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            cursor.execute(f"DROP ROLE IF EXISTS {role}")
        link.close()


def fill():
    """The demo plus a season of use; return the staff member."""
    call_command("seed_demo", stdout=io.StringIO())
    articles = list(Article.objects.published().order_by("pk"))
    # Views, and history: an edit recorded by django-simple-history.
    Article.objects.filter(pk=articles[3].pk).update(view_count=F("view_count") + 57)
    Article.objects.filter(pk=articles[5].pk).update(view_count=F("view_count") + 9)
    edited = articles[1]
    edited.sapo += " (đã cập nhật số liệu)"
    edited._change_reason = "Cập nhật số liệu"
    edited.save()
    # A picture uploaded by staff, on an article of its own.
    pictured = Article(
        title="Ảnh tải lên: khu vui chơi mới ở phường Yên Sở",
        sapo="Khu vui chơi cho thiếu nhi khánh thành.",
        body="<p>Khu vui chơi rộng 2.000 m².</p>",
        category=articles[0].category,
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timezone.timedelta(hours=2),
    )
    pictured.cover.save("khu-vui-choi.jpg", ContentFile(draw_cover(7, 800, 500)))
    staff = get_user_model().objects.create_user(
        "canbo.saoluu",
        "canbo@hoangmai.example",
        STAFF_PASSWORD,
        is_staff=True,
        first_name="Hà",
        last_name="Phạm Thu",
    )
    staff.groups.add(Group.objects.get(name=EDITOR_GROUP))
    give_app(staff)
    return staff


def vote(base_url, poll, voter):
    choice = poll.choices.order_by("pk").first()
    path = f"{poll.get_absolute_url()}binh-chon/"
    response = voter.post(base_url, path, {"choice": choice.pk, "next": "/"})
    assert response.status == 302, response.text[:2000]


def voted(base_url, poll, voter):
    return json.loads(voter.get(base_url, f"{poll.get_absolute_url()}trang-thai/").text)


def test_a_backup_restores_on_a_new_machine_and_in_place_under_a_running_server(
    transactional_db, static_root, tmp_path, settings, new_machine
):
    staff = fill()
    poll = Poll.objects.published().first()
    source_media = Path(settings.MEDIA_ROOT)
    secret_key = secrets.token_urlsafe(50)
    poll_key = secrets.token_urlsafe(40)
    backups = tmp_path / "sao-luu"
    with redis_database(13) as redis_url:
        # This process's saves start new page-cache generations in the servers' Redis.
        use_redis(settings, redis_url)
        env = production_env(
            secret_key=secret_key,
            database_url=database_url("portal-backup-test"),
            redis_url=redis_url,
            static_root=static_root,
            media_root=source_media,
            POLL_ADDRESS_KEY=poll_key,
            BACKUP_DIR=backups,
            BACKUP_COPY_COMMAND='cp "$1" "$1.ban-chep"',
        )
        with app_servers(["A"], env, tmp_path) as (a,):
            voters = [Browser(f"198.51.100.{n}") for n in range(1, 4)]
            for voter in voters:
                vote(a.url, poll, voter)
            signed_in = Browser("198.51.100.50")
            admin_login(signed_in, a.url, staff, STAFF_PASSWORD)
            # A code is accepted once: let the restored device take this one again.
            TOTPDevice.objects.update(last_t=-1)
            before, pictures = crawl(a.url)
            before_files = files_of(source_media)
            with connection.cursor() as cursor:
                before_votes = vote_counts(cursor)
            assert sum(n for _, n in before_votes[0]) == 3
            shown = {name.removeprefix("/media/") for name in pictures}
            assert {"renditions", "van-ban"} <= {name.split("/")[0] for name in shown}
            assert shown <= set(before_files), shown - set(before_files)

            # 1. The backup: one archive, its owner's, with no secret in it.
            said = manage(env, "backup")
            (archive,) = backups.glob("hoangmai-*.tar")
            assert stat.S_IMODE(archive.stat().st_mode) == 0o600
            assert (backups / f"{archive.name}.ban-chep").exists()  # the copy hook
            with tarfile.open(archive) as tar:
                manifest = json.load(tar.extractfile("manifest.json"))
                names = set(tar.getnames())
            assert manifest["commit"] in said and manifest["migrations"]["news"]
            assert manifest["tables"]["polls_vote"] == 3
            assert manifest["media"]["files"] == len(before_files)
            assert {f"media/{name}" for name in before_files} <= names
            raw = archive.read_bytes()
            for secret in (secret_key, poll_key):
                assert secret.encode() not in raw

            # 2. A new machine: the kept environment file, another role and an
            # empty database; collectstatic already run (static_root).
            url, name, role = new_machine
            new_media = tmp_path / "media-new"
            new_env = {**env, "DATABASE_URL": url, "DJANGO_MEDIA_ROOT": str(new_media)}
            said = manage(new_env, "restore", "--noinput", str(archive))
            assert "khác với lúc sao lưu" not in said, said  # the same secrets
            assert re.search(r"\npolls_vote +3 +3\n", said), said
            assert manifest["commit"] in said
            link = admin_connection(name)
            with link.cursor() as cursor:
                cursor.execute(
                    "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = %s",
                    ["public"],
                )
                assert cursor.fetchall() == [(role,)]
                assert vote_counts(cursor) == before_votes
            link.close()
            assert files_of(new_media) == before_files
            b_env = {
                **new_env,
                "PAGE_CACHE_SECONDS": "0",
                "FRAGMENT_CACHE_SECONDS": "0",
            }
            with app_servers(["B"], b_env, tmp_path) as (b,):
                after_new, pictures_new = crawl(b.url)
                assert pictures_new == pictures
                differ = differences(before, after_new)
                assert not differ, "\n".join(differ[-1:] + differ[:5])
                assert voted(b.url, poll, voters[0]) == {"voted": True}
                assert signed_in.get(b.url, admin_url()).status == 200
                admin_login(Browser("198.51.100.51"), b.url, staff, STAFF_PASSWORD)

            # 3. In place: the database and media change after the backup, and
            # the server's cache holds the changed pages.
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM portal_searchentry")
                entries = cursor.fetchone()[0]
            article = Article(
                title=NEW_TITLE,
                sapo="Bài đăng sau lúc sao lưu.",
                body="<p>Bài đăng sau lúc sao lưu.</p>",
                category=Article.objects.first().category,
                status=Article.Status.PUBLISHED,
                published_at=timezone.now() - timezone.timedelta(minutes=1),
            )
            article.cover.save("sau-sao-luu.jpg", ContentFile(draw_cover(3, 600, 400)))
            renamed = Article.objects.published().order_by("pk")[2]
            renamed.title += " (sửa sau lúc sao lưu)"
            renamed.save()
            vote(a.url, poll, Browser("198.51.100.9"))
            lost = next(name for name in sorted(before_files) if "van-ban" in name)
            (source_media / lost).unlink()
            changed, _ = crawl(a.url)
            assert NEW_TITLE in fetch(a.url, "GET", "/").text
            assert fetch(a.url, "GET", "/").headers["X-Cache"] == "HIT"
            assert changed != before

            connection.close()  # the restore ends every connection of the role
            said = manage(env, "restore", "--noinput", str(archive))
            # The picture uploaded after the backup is moved aside; the units
            # to stop are named.
            assert "đã được chuyển sang" in said
            assert "systemctl stop 'hoangmai-gunicorn@*.service'" in said
            after, pictures_after = crawl(a.url)
            differ = differences(before, after)
            assert not differ, "\n".join(differ[-1:] + differ[:5])
            assert pictures_after == pictures
            assert files_of(source_media) == before_files
            assert fetch(a.url, "GET", article.get_absolute_url()).status == 404
            with connection.cursor() as cursor:
                assert vote_counts(cursor) == before_votes
                cursor.execute("SELECT count(*) FROM portal_searchentry")
                assert cursor.fetchone()[0] == entries
            assert voted(a.url, poll, voters[0]) == {"voted": True}
            assert signed_in.get(a.url, admin_url()).status == 200
            admin_login(Browser("198.51.100.52"), a.url, staff, STAFF_PASSWORD)
            aside = list(tmp_path.glob("media-not-in-backup-*"))
            moved = {
                path.relative_to(aside[0]).as_posix() for path in aside[0].rglob("*")
            }
            assert article.cover.name in moved
    print(
        f"\nrehearsal: {len(before)} URLs (pages, feeds, sitemaps, downloads) and "
        f"{len(pictures)} pictures identical after each restore; "
        f"{len(before_files)} media files, {sum(n for _, n in before_votes[0])} votes; "
        + ", ".join(
            f"{name} {', '.join(f'{s:.1f} s' for s in times)}"
            for name, times in TIMINGS.items()
        )
    )
