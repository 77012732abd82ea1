"""Time manage.py backup and restore on the bench database; print a table.

Run after `make bench` has filled the database (BENCH_DATABASE_URL, by default
hoangmai_bench: the demo plus 100,000 generated articles). It backs the database
and BENCH_MEDIA_ROOT up, restores the archive onto a new database owned by the
same role (a new machine), then in place over the bench database, and drops the
new database. The archive is written to a temporary folder and deleted.
"""

import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hoangmai_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
MEDIA_ROOT = os.environ.get("BENCH_MEDIA_ROOT", str(ROOT / "media"))


def manage(env, *args):
    started = time.monotonic()
    done = subprocess.run(  # noqa: S603 - a fixed command
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(done.stdout + done.stderr)
    return time.monotonic() - started, done.stdout


def main():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings_production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "bench.example",
        "REDIS_URL": REDIS_URL,
        "DATABASE_URL": DATABASE_URL,
        "DJANGO_MEDIA_ROOT": MEDIA_ROOT,
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    base, name = DATABASE_URL.rsplit("/", 1)
    copy = f"{name}_restored"
    server = psycopg2.connect(f"{base}/postgres")
    server.autocommit = True
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        seconds, said = manage(env, "backup", "--output-dir", folder)
        (archive,) = Path(folder).glob("hoangmai-*.tar")
        total = re.search(r"(\d+) dòng, (\d+) tệp", said)
        rows.append(("backup", seconds))
        with server.cursor() as cursor:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(copy)))
        try:
            new_env = {
                **env,
                "DATABASE_URL": f"{base}/{copy}",
                "DJANGO_MEDIA_ROOT": str(Path(folder) / "media-new"),
            }
            seconds, _ = manage(new_env, "restore", "--noinput", str(archive))
            rows.append(("restore on a new database", seconds))
        finally:
            with server.cursor() as cursor:
                cursor.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(copy)
                    )
                )
        seconds, _ = manage(env, "restore", "--noinput", str(archive))
        rows.append(("restore in place", seconds))
        size = archive.stat().st_size
    server.close()
    print(
        f"{name}: {total[1]} rows, {total[2]} media files; archive {size / 1e6:.1f} MB"
    )
    for what, seconds in rows:
        print(f"{what:<28}{seconds:>8.1f} s")


if __name__ == "__main__":
    main()
