from django.core.management.base import BaseCommand
from django.utils import timezone

from polls.models import Poll
from polls.services import erase_address_hashes


class Command(BaseCommand):
    help = "Erase the address hashes of polls whose closing time has passed (cron)."

    def handle(self, *args, **options):
        due = Poll.objects.filter(
            closes_at__lte=timezone.now(), hashes_erased_at__isnull=True
        )
        erased = sum(erase_address_hashes(poll) for poll in due)
        self.stdout.write(f"Đã xóa mã băm địa chỉ của {erased} cuộc bình chọn.")
