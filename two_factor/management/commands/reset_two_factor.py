from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ...devices import reset


class Command(BaseCommand):
    help = (
        "Reset a staff member's two-factor sign-in (lost or changed phone): remove "
        "their authenticator app and backup codes. At their next sign-in the "
        "password leads them to set up the app again."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="the staff member's user name")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"Không có tài khoản “{username}”.") from None
        if not reset(user):
            self.stdout.write(
                f"Tài khoản {username} chưa thiết lập xác thực hai lớp: không có gì "
                "để đặt lại."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã đặt lại xác thực hai lớp của {username}. Ở lần đăng nhập tới, "
                "sau khi nhập đúng mật khẩu, người này sẽ được hướng dẫn cài lại ứng "
                "dụng xác thực và nhận mã dự phòng mới."
            )
        )
