"""Backups that restore: manage.py backup, restore and prune_backups.

An archive is one tar file, readable by its owner only (mode 0600), named
hoangmai-YYYYMMDD-HHMMSS.tar (UTC), holding:

- manifest.json: when it was made, the code's commit, the schema (the latest
  applied migration of each app), the rows of each table and the media files;
  a fingerprint of each secret (a hash, never the secret: the restore can say
  that the environment's keys are not the ones the data was made with);
- database.dump: pg_dump's custom format, without owners or privileges, so that
  it restores into whatever role the restoring DATABASE_URL names;
- media/...: every file under MEDIA_ROOT.

The row counts, the schema and the dump come from one snapshot of the database
(pg_export_snapshot), so that they agree while the portal keeps writing. Media
is listed after that snapshot: a file is stored before the row naming it is
committed, so every file the dump names is in the archive.

The restore is in one transaction on the database side: pg_restore's script,
with --clean, after dropping the tables the archive does not have, run by psql
with --single-transaction. A failure leaves the database as it was.
"""

import datetime
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media/"
ARCHIVE_NAME = re.compile(r"^hoangmai-(\d{8}-\d{6})\.tar$")
# The units that use the database (deploy/systemd/), for an in-place restore:
# stopped by pattern; started by name (a stopped instance may no longer be loaded,
# and a pattern only matches loaded units), the ports of docs/operations.md.
TIMERS = "hoangmai-weather.timer hoangmai-close-polls.timer hoangmai-backup.timer"
STOP = f"systemctl stop 'hoangmai-gunicorn@*.service' {TIMERS}"
START = f"systemctl start hoangmai-gunicorn@8000 hoangmai-gunicorn@8001 {TIMERS}"
# What the archive never holds, and how the manifest names each one's fingerprint.
SECRETS = {"DJANGO_SECRET_KEY": "SECRET_KEY", "POLL_ADDRESS_KEY": "POLL_ADDRESS_KEY"}
# What is lost when one is not the same as when the data was backed up.
SECRET_LOSSES = {
    "DJANGO_SECRET_KEY": "cán bộ phải đăng nhập lại, và trình duyệt đã bình chọn "
    "không còn được nhận ra nên bầu lại được.",
    "POLL_ADDRESS_KEY": "giới hạn phiếu theo địa chỉ mạng không còn tính các phiếu "
    "đã bầu trước đó.",
}


def archive_name(moment):
    return f"hoangmai-{moment.astimezone(datetime.UTC):%Y%m%d-%H%M%S}.tar"


def archive_time(name):
    """Return the UTC time in an archive's name, or None for any other file."""
    found = ARCHIVE_NAME.match(name)
    if not found:
        return None
    moment = datetime.datetime.strptime(found[1], "%Y%m%d-%H%M%S")
    return moment.replace(tzinfo=datetime.UTC)


def fingerprint(secret):
    """Return a short hash telling whether two secrets are the same, and no more."""
    return hashlib.sha256(f"hoangmai-backup:{secret}".encode()).hexdigest()[:16]


def secret_fingerprints():
    return {name: fingerprint(getattr(settings, s)) for name, s in SECRETS.items()}


def code_commit():
    """Return the commit of the running code: PORTAL_COMMIT, else git's, else None.

    Production need not have git: the deploy may set PORTAL_COMMIT instead.
    """
    if os.environ.get("PORTAL_COMMIT"):
        return os.environ["PORTAL_COMMIT"]
    if not shutil.which("git") or not (settings.BASE_DIR / ".git").exists():
        return None
    found = subprocess.run(
        ["git", "rev-parse", "HEAD"],  # noqa: S607 - git on PATH
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    return found.stdout.strip() if found.returncode == 0 else None


def require_postgresql():
    if connection.vendor != "postgresql":
        raise CommandError(
            f"Sao lưu và khôi phục cần PostgreSQL; DATABASE_URL đang trỏ tới "
            f"{connection.vendor} ({connection.settings_dict['NAME']}). Hãy nạp "
            "môi trường của cổng: set -a && . /etc/hoangmai/portal.env && set +a"
        )


def require_production():
    """Refuse to restore anywhere but into the production environment.

    Without the environment file loaded, Django falls back to the development
    settings and an SQLite file in the working directory: a restore there would
    "succeed" and change nothing that serves the portal.
    """
    if settings.PORTAL_ENVIRONMENT != "production":
        raise CommandError(
            "Khôi phục chỉ chạy với môi trường của máy chủ "
            "(DJANGO_SETTINGS_MODULE=portal.settings_production và DATABASE_URL "
            "của PostgreSQL). Hãy nạp nó trước: "
            "set -a && . /etc/hoangmai/portal.env && set +a"
        )
    require_postgresql()


def pg_environment(application):
    """Return the environment of pg_dump, pg_restore and psql for the database."""
    db = connection.settings_dict
    env = {**os.environ, "PGAPPNAME": application}
    for variable, key in [
        ("PGDATABASE", "NAME"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
    ]:
        if db.get(key):
            env[variable] = str(db[key])
    if db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    # DROP ... IF EXISTS says "does not exist, skipping" for each object otherwise.
    env["PGOPTIONS"] = "-c client_min_messages=warning"
    return env


def table_models():
    """Return {table name: model} for every table of the installed apps."""
    models = {MigrationRecorder.Migration._meta.db_table: MigrationRecorder.Migration}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy:
            models.setdefault(meta.db_table, model)
    return dict(sorted(models.items()))


def row_counts():
    models = table_models()
    return {table: model._base_manager.count() for table, model in models.items()}


def schema_version():
    """Return {app: latest applied migration} as the database says."""
    latest = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        latest[app] = name
    return latest


def media_files(root):
    """Return the relative paths of the files under root, sorted."""
    root = Path(root)
    if not root.is_dir():
        return []
    return sorted(
        path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()
    )


def create(directory, moment):
    """Write one archive of the database and the media into directory; return it."""
    require_postgresql()
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = directory / archive_name(moment)
    partial = directory / f".{path.name}.partial"
    with tempfile.TemporaryDirectory(prefix="hoangmai-backup-") as work:
        dump = Path(work) / DUMP
        # One snapshot for the counts, the schema and the dump.
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            tables = row_counts()
            migrations = schema_version()
            dumped = subprocess.run(  # noqa: S603 - fixed arguments
                [  # noqa: S607 - PostgreSQL's client on PATH
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={dump}",
                ],
                env=pg_environment("hoangmai-backup"),
                capture_output=True,
                text=True,
            )
        if dumped.returncode != 0:
            raise CommandError(f"pg_dump thất bại: {dumped.stderr.strip()}")
        media_root = Path(settings.MEDIA_ROOT)
        files = media_files(media_root)
        manifest = {
            "format": FORMAT,
            "created": moment.astimezone(datetime.UTC).isoformat(),
            "commit": code_commit(),
            "migrations": migrations,
            "tables": tables,
            "media": {
                "files": len(files),
                "bytes": sum((media_root / name).stat().st_size for name in files),
            },
            "secrets": secret_fingerprints(),
        }
        # Created readable by its owner only, before a byte is written to it.
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(descriptor, 0o600)
        try:
            with (
                os.fdopen(descriptor, "wb") as raw,
                tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar,
            ):
                text = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(text), moment.timestamp(), 0o600
                tar.addfile(info, io.BytesIO(text))
                tar.add(dump, DUMP)
                for name in files:
                    tar.add(media_root / name, MEDIA + name, recursive=False)
            os.replace(partial, path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return path, manifest


def read_manifest(tar):
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, ValueError) as error:
        raise CommandError(f"Không phải bản sao lưu của cổng: {error}") from error
    if manifest.get("format") != FORMAT:
        raise CommandError(f"Bản sao lưu có định dạng lạ: {manifest.get('format')}")
    return manifest


def open_archive(path):
    try:
        return tarfile.open(path, "r:")
    except (OSError, tarfile.TarError) as error:
        raise CommandError(f"Không mở được bản sao lưu {path}: {error}") from error


def unknown_migrations(manifest):
    """Return the archive's migrations this code does not have (a newer archive)."""
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    return [
        f"{app}.{name}"
        for app, name in manifest["migrations"].items()
        if (app, name) not in known
    ]


def warnings_for(manifest):
    """Return what the operator must know before restoring this archive here."""
    found = []
    commit = code_commit()
    if manifest["commit"] and commit and manifest["commit"] != commit:
        found.append(
            f"Bản sao lưu làm từ mã nguồn {manifest['commit'][:12]}, máy này đang chạy "
            f"{commit[:12]}: các migration sẽ đưa dữ liệu lên phiên bản của máy này."
        )
    now = secret_fingerprints()
    for name, kept in manifest["secrets"].items():
        if now.get(name) != kept:
            found.append(
                f"{name} khác với lúc sao lưu: {SECRET_LOSSES[name]} Hãy dùng tệp "
                "môi trường cũ (lấy từ nơi cất giữ bí mật)."
            )
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        found.append(
            "Chưa có tệp tĩnh trong STATIC_ROOT: chạy "
            "manage.py collectstatic --noinput trước khi khởi động gunicorn."
        )
    return found


def restore_database(dump, archive_tables):
    """Replace the database's tables with the dump's, in one transaction.

    Connected as the DATABASE_URL's own role, so that every object restored is
    the app's. The app's other connections are ended first (gunicorn reconnects
    by itself); a request that comes meanwhile waits for the restore's locks.
    Returns the number of connections ended.
    """
    quote = connection.ops.quote_name
    existing = set(connection.introspection.table_names())
    connection.close()
    extra = sorted(existing - set(archive_tables))
    prefix = [
        "SELECT count(pg_terminate_backend(pid)) AS ended FROM pg_stat_activity"
        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        " AND usename = current_user;",
    ]
    if existing:
        tables = ", ".join(quote(name) for name in sorted(existing))
        prefix.append(f"LOCK TABLE {tables} IN ACCESS EXCLUSIVE MODE;")
    prefix += [f"DROP TABLE IF EXISTS {quote(name)} CASCADE;" for name in extra]
    env = pg_environment("hoangmai-restore")
    with tempfile.TemporaryFile() as errors, tempfile.TemporaryFile() as output:
        script = subprocess.Popen(  # noqa: S603 - fixed arguments
            [  # noqa: S607 - PostgreSQL's client on PATH
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--file=-",
                str(dump),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=errors,
        )
        psql = subprocess.Popen(  # noqa: S603 - fixed arguments
            [  # noqa: S607 - PostgreSQL's client on PATH
                "psql",
                "--no-psqlrc",
                "--quiet",
                "--tuples-only",
                "--no-align",
                "--single-transaction",
                "--set=ON_ERROR_STOP=1",
                "--file=-",
            ],
            env=env,
            stdin=subprocess.PIPE,
            stdout=output,
            stderr=errors,
        )
        try:
            psql.stdin.write("\n".join(prefix).encode() + b"\n")
            shutil.copyfileobj(script.stdout, psql.stdin)
            psql.stdin.close()
        except BrokenPipeError:
            pass
        script.wait()
        psql.wait()
        errors.seek(0)
        output.seek(0)
        if script.returncode or psql.returncode:
            raise CommandError(
                "Khôi phục cơ sở dữ liệu thất bại, dữ liệu cũ vẫn nguyên:\n"
                + errors.read().decode(errors="replace").strip()
            )
        ended = output.read().decode().split()
    return int(ended[0]) if ended else 0


def restore_media(tar, members, moment):
    """Put the archive's media into MEDIA_ROOT; move the files it lacks aside.

    Files under MEDIA_ROOT that the archive does not hold (uploaded after the
    backup) are moved to a folder next to it, <MEDIA_ROOT>-not-in-backup-<time>,
    never served and never deleted: the operator deletes it once sure. Returns
    (files restored, bytes, files moved, the folder or None).
    """
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    wanted = {member.name.removeprefix(MEDIA) for member in members}
    aside = root.parent / f"{root.name}-not-in-backup-{moment:%Y%m%d-%H%M%S}"
    moved = 0
    for name in media_files(root):
        if name not in wanted:
            target = aside / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(root / name, target)
            moved += 1
    for member in members:
        member.name = member.name.removeprefix(MEDIA)
    tar.extractall(root, members=members, filter="data")
    size = sum(member.size for member in members)
    return len(members), size, moved, aside if moved else None


def to_keep(names, daily=7, weekly=4, monthly=12):
    """Return the archives of names to keep: the newest of each of the last
    `daily` days, `weekly` ISO weeks and `monthly` months that have a backup.
    """
    dated = sorted(
        ((archive_time(name), name) for name in names if archive_time(name)),
        reverse=True,
    )
    keep = set()
    periods = [
        (daily, lambda moment: moment.date()),
        (weekly, lambda moment: moment.isocalendar()[:2]),
        (monthly, lambda moment: (moment.year, moment.month)),
    ]
    for count, period in periods:
        seen = set()
        for moment, name in dated:
            if len(seen) >= count:
                break
            if period(moment) not in seen:
                seen.add(period(moment))
                keep.add(name)
    return keep


def prune(directory, **counts):
    """Delete the archives of directory that to_keep does not keep; return them."""
    directory = Path(directory)
    names = [path.name for path in directory.iterdir() if archive_time(path.name)]
    keep = to_keep(names, **counts)
    deleted = sorted(set(names) - keep)
    for name in deleted:
        (directory / name).unlink()
    return deleted
