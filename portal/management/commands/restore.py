import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from portal import backup, page_cache, redis_cache


class Command(BaseCommand):
    help = (
        "Restore an archive of manage.py backup over this server's database and "
        "media (production environment only): its tables replace the database's in "
        "one transaction, then migrate, the search index and a new page-cache "
        "generation; files the archive lacks are moved aside."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="hoangmai-YYYYMMDD-HHMMSS.tar")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args, **options):
        backup.require_production()
        media_root = Path(settings.MEDIA_ROOT)
        if os.geteuid() == 0 and media_root.exists() and media_root.stat().st_uid:
            raise CommandError(
                "Đừng chạy khôi phục bằng root: tệp ảnh sẽ thuộc root. Chạy bằng "
                "người dùng sở hữu MEDIA_ROOT, ví dụ: sudo -u hoangmai ..."
            )
        archive = Path(options["archive"])
        started = timezone.now()
        with backup.open_archive(archive) as tar:
            manifest = backup.read_manifest(tar)
            newer = backup.unknown_migrations(manifest)
            if newer:
                raise CommandError(
                    "Bản sao lưu làm từ mã nguồn mới hơn máy này (không biết "
                    f"{', '.join(newer)}): lấy mã nguồn {manifest['commit'] or ''} "
                    "(git checkout) rồi chạy lại."
                )
            db = connection.settings_dict
            self.stdout.write(
                f"Bản sao lưu {archive.name}: làm lúc {manifest['created']}, mã nguồn "
                f"{manifest['commit'] or 'không rõ'}, "
                f"{sum(manifest['tables'].values())} dòng, "
                f"{manifest['media']['files']} tệp."
            )
            self.stdout.write(
                f"Sẽ thay toàn bộ dữ liệu của cơ sở dữ liệu {db['NAME']} (vai trò "
                f"{db['USER']}) và thư mục {media_root}."
            )
            for warning in backup.warnings_for(manifest):
                self.stdout.write(self.style.WARNING(f"Lưu ý: {warning}"))
            self.stdout.write(
                "Khôi phục tại chỗ: trước hết dừng các dịch vụ (bằng root):\n"
                f"  {backup.STOP}\n"
                "Kết nối còn lại của vai trò này sẽ bị ngắt; yêu cầu đến trong lúc "
                "khôi phục phải chờ."
            )
            if options["interactive"]:
                answer = input(f"Gõ tên cơ sở dữ liệu ({db['NAME']}) để tiếp tục: ")
                if answer.strip() != db["NAME"]:
                    raise CommandError("Đã hủy, không thay đổi gì.")
            media = [
                member
                for member in tar.getmembers()
                if member.isfile() and member.name.startswith(backup.MEDIA)
            ]
            with tempfile.TemporaryDirectory(prefix="hoangmai-restore-") as work:
                tar.extract(backup.DUMP, work, filter="data")
                ended = backup.restore_database(
                    Path(work) / backup.DUMP, manifest["tables"]
                )
            self.stdout.write(
                f"Đã khôi phục cơ sở dữ liệu (đã ngắt {ended} kết nối khác)."
            )
            files, size, moved, aside = backup.restore_media(tar, media, started)
        self.stdout.write(f"Đã khôi phục {files} tệp ({size / 1e6:.1f} MB).")
        if moved:
            self.stdout.write(
                f"{moved} tệp không có trong bản sao lưu (tải lên sau lúc sao lưu) "
                f"đã được chuyển sang {aside}; xóa thư mục đó khi chắc chắn."
            )
        before = backup.schema_version()
        call_command("migrate", interactive=False, verbosity=0)
        applied = sum(
            1
            for app, name in backup.schema_version().items()
            if before.get(app) != name
        )
        self.stdout.write(f"Đã chạy migrate ({applied} ứng dụng được nâng lên).")
        call_command("rebuild_search_index", stdout=self.stdout)
        page_cache.invalidate()
        if redis_cache.paused():
            self.stdout.write(
                self.style.WARNING(
                    "Redis không trả lời: các trang đã lưu trong bộ nhớ đệm có thể "
                    f"còn hiện tới {settings.PAGE_CACHE_SECONDS} giây; khởi động lại "
                    "gunicorn để chắc chắn."
                )
            )
        else:
            self.stdout.write("Đã bắt đầu thế hệ bộ nhớ đệm trang mới.")
        counts = backup.row_counts()
        width = max(len(table) for table in counts)
        self.stdout.write(f"{'bảng'.ljust(width)}  trong bản sao  bây giờ")
        for table, rows in counts.items():
            kept = manifest["tables"].get(table, "–")
            self.stdout.write(f"{table.ljust(width)}  {kept!s:>13}  {rows:>7}")
        seconds = (timezone.now() - started).total_seconds()
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục {archive.name} trong {seconds:.1f} giây: "
                f"{sum(manifest['tables'].values())} dòng, {files} tệp, mã nguồn "
                f"{manifest['commit'] or 'không rõ'}. Khởi động lại dịch vụ:\n"
                f"  {backup.START}\n(mỗi gunicorn của máy này, theo cổng của nó)."
            )
        )
