"""manage.py backup, restore and prune_backups, without a second database.

What needs PostgreSQL, two databases and a running gunicorn is rehearsed in
test_backup_rehearsal.py; here, what must hold on any machine: the restore
refuses to run outside the production environment (issue 25, point 4), and the
pruning keeps 7 daily, 4 weekly and 12 monthly archives (point 7).
"""

import datetime
import os
import re
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from portal import backup

from .live import ROOT, production_env

UTC = datetime.UTC


def test_restore_refuses_the_development_settings(tmp_path):
    """Without the environment file, Django's defaults would restore into SQLite."""
    archive = tmp_path / "hoangmai-20261201-023000.tar"
    archive.write_bytes(b"")
    with pytest.raises(CommandError, match="portal.settings_production"):
        call_command("restore", str(archive), interactive=False)


@pytest.mark.parametrize("command", ["restore", "backup"])
def test_production_settings_without_postgresql_are_refused(tmp_path, command):
    """DATABASE_URL forgotten (or SQLite): no command touches a stray SQLite file."""
    stray = tmp_path / "db.sqlite3"
    env = production_env(
        secret_key="k" * 50,
        database_url=f"sqlite:///{stray}",
        BACKUP_DIR=tmp_path / "sao-luu",
    )
    args = {
        "restore": ["restore", "--noinput", str(tmp_path / "hoangmai-1.tar")],
        "backup": ["backup"],
    }[command]
    done = subprocess.run(  # noqa: S603 - a fixed command
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "cần PostgreSQL" in done.stderr
    assert "set -a && . /etc/hoangmai/portal.env" in done.stderr
    assert not stray.exists() or stray.stat().st_size == 0
    assert not (tmp_path / "sao-luu").exists()


def archives(moments):
    return [backup.archive_name(moment) for moment in moments]


def test_pruning_keeps_seven_days_four_weeks_and_twelve_months():
    """A nightly archive for 500 days, and a few extra runs on some days."""
    last = datetime.datetime(2026, 12, 8, 2, 30, tzinfo=UTC)
    nightly = [last - datetime.timedelta(days=n) for n in range(500)]
    extra = [last - datetime.timedelta(days=2, hours=-9)]  # a second run at 11:30
    names = archives(nightly + extra) + ["notes.txt", "hoangmai-latest.tar"]
    kept = backup.to_keep(names)
    kept_times = sorted((backup.archive_time(name) for name in kept), reverse=True)
    # The newest of each of the last 7 days (the later run of 6 December).
    days = {moment.date() for moment in kept_times}
    assert {last.date() - datetime.timedelta(days=n) for n in range(7)} <= days
    assert extra[0] in kept_times and extra[0] - datetime.timedelta(hours=9) not in (
        kept_times
    )
    # The newest of each of the last 4 ISO weeks and 12 months.
    weeks = {moment.isocalendar()[:2] for moment in kept_times}
    assert len(weeks) >= 4
    months = {(moment.year, moment.month) for moment in kept_times}
    assert len(months) == 12 and min(months) > (2025, 12)
    newest_of_month = {}
    for moment in nightly + extra:
        key = (moment.year, moment.month)
        newest_of_month[key] = max(newest_of_month.get(key, moment), moment)
    for month in months:
        assert newest_of_month[month] in kept_times
    # Nothing more: 7 days, plus the weeks and months those do not cover.
    assert len(kept) <= 7 + 4 + 12
    assert "notes.txt" not in kept and "hoangmai-latest.tar" not in kept


def test_prune_backups_deletes_only_the_archives_it_does_not_keep(tmp_path, capsys):
    last = datetime.datetime(2026, 12, 8, 2, 30, tzinfo=UTC)
    names = archives(last - datetime.timedelta(days=n) for n in range(60))
    for name in [*names, "notes.txt", ".hoangmai-20261208-023000.tar.partial"]:
        (tmp_path / name).write_bytes(b"x")
    call_command("prune_backups", dir=str(tmp_path))
    left = sorted(path.name for path in tmp_path.iterdir())
    assert "notes.txt" in left and ".hoangmai-20261208-023000.tar.partial" in left
    dated = [name for name in left if backup.archive_time(name)]
    assert sorted(dated) == sorted(backup.to_keep(names))
    # 7 days, then the Sunday-ending weeks and months not yet covered.
    assert len(dated) == len(backup.to_keep(names)) < 60
    assert backup.archive_name(last) in dated
    assert f"Đã xóa {60 - len(dated)} bản sao lưu cũ." in capsys.readouterr().out


def test_archive_names_are_utc_and_read_back():
    moment = datetime.datetime(
        2026, 12, 8, 9, 30, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
    )
    name = backup.archive_name(moment)
    assert name == "hoangmai-20261208-023005.tar"
    assert backup.archive_time(name) == moment
    assert backup.archive_time("hoangmai-2026-12-08.dump") is None


def test_secret_fingerprints_tell_keys_apart_without_holding_them(settings):
    settings.SECRET_KEY = "khóa-bí-mật-" + "x" * 40
    first = backup.secret_fingerprints()
    assert settings.SECRET_KEY not in str(first)
    settings.SECRET_KEY = "khóa-khác-" + "y" * 40
    assert (
        backup.secret_fingerprints()["DJANGO_SECRET_KEY"]
        != (first["DJANGO_SECRET_KEY"])
    )


def test_the_commit_comes_from_portal_commit_without_git(monkeypatch):
    monkeypatch.setenv("PORTAL_COMMIT", "0123456789abcdef")
    assert backup.code_commit() == "0123456789abcdef"
    monkeypatch.delenv("PORTAL_COMMIT")
    monkeypatch.setenv("PATH", os.devnull)  # no git on this server
    assert backup.code_commit() is None


def test_the_restore_warns_of_other_secrets_and_missing_static_files(
    settings, tmp_path
):
    """Point 2 and 6: told before anything changes, in words an operator acts on."""
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    manifest = {"commit": None, "secrets": backup.secret_fingerprints()}
    assert [w for w in backup.warnings_for(manifest) if "KEY" in w] == []
    settings.SECRET_KEY = "một-khóa-khác-" + "z" * 40
    said = " ".join(backup.warnings_for(manifest))
    assert "DJANGO_SECRET_KEY khác với lúc sao lưu" in said
    assert "bầu lại được" in said and "tệp môi trường cũ" in said
    assert "collectstatic --noinput" in said
    (tmp_path / "staticfiles").mkdir()
    (tmp_path / "staticfiles" / "staticfiles.json").write_text("{}")
    assert "collectstatic" not in " ".join(backup.warnings_for(manifest))


def test_the_restore_names_the_units_to_stop_and_start_as_shipped():
    """Point 5: every unit the restore tells the operator to stop exists."""
    shipped = {path.name for path in (ROOT / "deploy" / "systemd").iterdir()}
    named = re.findall(r"hoangmai-[\w@*.-]+", backup.STOP + " " + backup.START)
    for unit in named:
        unit = unit.strip("'")
        template = re.sub(r"@[^.]+(\.service)?$", "@.service", unit)
        assert unit in shipped or template in shipped, unit
    timers = {name for name in shipped if name.endswith(".timer")}
    assert timers <= set(named), timers - set(named)
    assert "hoangmai-gunicorn@" in backup.STOP
