from django.conf import settings
from django.core.management.base import BaseCommand

from portal import backup


class Command(BaseCommand):
    help = (
        "Delete old archives of manage.py backup, keeping the newest of each of the "
        "last 7 days, 4 weeks and 12 months that have one (by the time in the name)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", help="folder of the archives (default: BACKUP_DIR)"
        )
        parser.add_argument("--daily", type=int, default=7)
        parser.add_argument("--weekly", type=int, default=4)
        parser.add_argument("--monthly", type=int, default=12)

    def handle(self, *args, **options):
        deleted = backup.prune(
            options["dir"] or settings.BACKUP_DIR,
            daily=options["daily"],
            weekly=options["weekly"],
            monthly=options["monthly"],
        )
        for name in deleted:
            self.stdout.write(f"Đã xóa bản sao lưu cũ {name}.")
        self.stdout.write(f"Đã xóa {len(deleted)} bản sao lưu cũ.")
