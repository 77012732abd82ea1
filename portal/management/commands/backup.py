import subprocess

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal import backup


class Command(BaseCommand):
    help = (
        "Write one archive (mode 0600) of the database, the media, the commit and "
        "the schema into BACKUP_DIR, never the secrets; then run BACKUP_COPY_COMMAND "
        "with its path as $1, and with --prune keep 7 daily, 4 weekly, 12 monthly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir", help="folder of the archives (default: BACKUP_DIR)"
        )
        parser.add_argument(
            "--prune",
            action="store_true",
            help="then delete the archives prune_backups would delete",
        )

    def handle(self, *args, **options):
        directory = options["output_dir"] or settings.BACKUP_DIR
        started = timezone.now()
        path, manifest = backup.create(directory, started)
        seconds = (timezone.now() - started).total_seconds()
        media = manifest["media"]
        self.stdout.write(
            f"Đã sao lưu vào {path} ({path.stat().st_size / 1e6:.1f} MB, "
            f"{seconds:.1f} giây): {len(manifest['tables'])} bảng, "
            f"{sum(manifest['tables'].values())} dòng, {media['files']} tệp "
            f"({media['bytes'] / 1e6:.1f} MB), mã nguồn "
            f"{manifest['commit'] or 'không rõ'}."
        )
        self.stdout.write(
            "Bản sao lưu không chứa các khóa bí mật (DJANGO_SECRET_KEY, "
            "POLL_ADDRESS_KEY, mật khẩu cơ sở dữ liệu): hãy cất tệp môi trường riêng."
        )
        failed = None
        if settings.BACKUP_COPY_COMMAND:
            copied = subprocess.run(  # noqa: S603 - the operator's own command
                ["/bin/sh", "-c", settings.BACKUP_COPY_COMMAND, "backup-copy", path]
            )
            if copied.returncode:
                failed = (
                    f"BACKUP_COPY_COMMAND thất bại (mã {copied.returncode}); "
                    f"bản sao lưu vẫn ở {path}."
                )
            else:
                self.stdout.write("Đã chép bản sao lưu đi (BACKUP_COPY_COMMAND).")
        if options["prune"]:
            for name in backup.prune(directory):
                self.stdout.write(f"Đã xóa bản sao lưu cũ {name}.")
        if failed:
            raise CommandError(failed)
