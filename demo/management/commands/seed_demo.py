from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from news.models import Article, Category
from pages.models import Page
from publishing.sanitiser import clean_body
from publishing.workflow import APPROVER_GROUP, EDITOR_GROUP
from search import index as search
from search.models import SearchEntry

from ... import campaigns as campaigns_demo
from ... import polls as polls_demo
from ...images import cover_alt, draw_cover, scene_for
from ...news_content import ARTICLES, CATEGORIES, published_at
from ...revisions import bring_up_to_date
from ...weather import load_places

# Development-only logins, printed on start and listed in the README:
# (user name, password, group or None for the superuser, description).
DEMO_ACCOUNTS = [
    ("admin", "HoangMai@2026", None, "quản trị toàn quyền"),
    ("bientap", "BienTap@2026", EDITOR_GROUP, "biên tập viên: viết, gửi duyệt"),
    ("duyetbai", "DuyetBai@2026", APPROVER_GROUP, "duyệt bài: xuất bản, gỡ, hẹn giờ"),
]
# Their names, family name first, as e-mails and history name staff:
# user name -> (last_name, first_name).
DEMO_NAMES = {
    "admin": ("Lê Quang", "Huy"),
    "bientap": ("Nguyễn Thị", "Lan"),
    "duyetbai": ("Trần Văn", "Minh"),
}

ABOUT_HTML = """
<p>Ban Tuyên giáo Quận ủy Hoàng Mai là cơ quan tham mưu, giúp việc của Quận ủy về
công tác tuyên giáo: lý luận chính trị, tuyên truyền, báo chí – xuất bản, văn hóa –
văn nghệ, khoa giáo và công tác dư luận xã hội trên địa bàn quận.</p>
<h2>Chức năng, nhiệm vụ</h2>
<ul>
<li>Nghiên cứu, đề xuất với Quận ủy chủ trương, kế hoạch công tác tuyên giáo.</li>
<li>Hướng dẫn, kiểm tra việc học tập, quán triệt nghị quyết, chỉ thị của Đảng.</li>
<li>Tổ chức tuyên truyền các nhiệm vụ chính trị của quận và thành phố.</li>
<li>Nắm bắt, tổng hợp dư luận xã hội; đấu tranh phản bác quan điểm sai trái,
thù địch, bảo vệ nền tảng tư tưởng của Đảng.</li>
</ul>
<h2>Liên hệ</h2>
<p>Mọi ý kiến góp ý về nội dung cổng thông tin xin gửi về Ban Tuyên giáo Quận ủy
Hoàng Mai theo địa chỉ, số điện thoại và thư điện tử ghi ở chân trang.</p>
"""


class Command(BaseCommand):
    help = "Load the demo categories, articles and staff login (safe to run again)."

    def handle(self, *args, **options):
        if settings.PORTAL_ENVIRONMENT == "production":
            raise CommandError(
                "seed_demo chỉ dùng cho máy phát triển, không chạy với cấu hình "
                "production."
            )
        with transaction.atomic():
            created = self._load()
        self.stdout.write(f"Nội dung mẫu: thêm mới {created} bài viết.")
        self.stdout.write(self.style.SUCCESS("Đăng nhập quản trị tại /admin/:"))
        for username, password, _, role in DEMO_ACCOUNTS:
            self.stdout.write(
                self.style.SUCCESS(
                    f"  tài khoản {username}, mật khẩu {password} – {role}"
                )
            )
        if settings.STAFF_TWO_FACTOR:
            self.stdout.write(
                "Xác thực hai lớp đang bật: lần đầu đăng nhập, sau mật khẩu, hãy quét "
                "mã QR bằng ứng dụng xác thực trên điện thoại (Google Authenticator, "
                "FreeOTP…); sau đó nhập thêm mã 6 chữ số mỗi lần đăng nhập."
            )
        else:
            self.stdout.write(
                "Xác thực hai lớp đang tắt trên máy phát triển (chỉ cần mật khẩu); "
                "thử bật: DJANGO_STAFF_TWO_FACTOR=true make run."
            )

    def _load(self):
        User = get_user_model()
        for username, password, group, _ in DEMO_ACCOUNTS:
            last_name, first_name = DEMO_NAMES[username]
            if User.objects.filter(username=username).exists():
                # Accounts of an earlier run: a name is given only where none is.
                User.objects.filter(
                    username=username, first_name="", last_name=""
                ).update(first_name=first_name, last_name=last_name)
                continue
            email = f"{username}@example.invalid"
            names = {"first_name": first_name, "last_name": last_name}
            if group is None:
                User.objects.create_superuser(username, email, password, **names)
            else:
                user = User.objects.create_user(
                    username, email, password, is_staff=True, **names
                )
                user.groups.add(Group.objects.get(name=group))
        Page.objects.get_or_create(
            slug="gioi-thieu",
            defaults={"title": "Giới thiệu Ban Tuyên giáo", "body": ABOUT_HTML},
        )
        categories = {}
        for name, slug, order in CATEGORIES:
            categories[slug], _ = Category.objects.get_or_create(
                slug=slug, defaults={"name": name, "order": order}
            )
        campaigns_demo.load_campaigns()
        created = 0
        for data in ARTICLES:
            existing = Article.objects.filter(slug=data["slug"]).first()
            if existing:
                # An earlier run's article takes the demo's current text; its
                # workflow (status, publish time) stays as it is.
                bring_up_to_date(
                    existing,
                    title=data["title"],
                    sapo=data["sapo"],
                    body=clean_body(data["body"])[0],
                )
                continue
            scene = scene_for(data["slug"])
            article = Article(
                title=data["title"],
                slug=data["slug"],
                category=categories[data["category"]],
                campaign=campaigns_demo.campaign_of(data["title"], data["sapo"]),
                sapo=data["sapo"],
                body=data["body"],
                author=data["author"],
                status=data["status"],
                published_at=published_at(data),
                is_featured=data["featured"],
                cover_alt=cover_alt(scene),
            )
            article.cover.save(
                f"{data['slug'][:60]}.jpg",
                # 960 px wide: the widest box a cover fills at 1x; the 1200 px
                # rendition uploads get would add about a second to a first run.
                ContentFile(draw_cover(data["slug"], 960, 640, scene=scene)),
                save=False,
            )
            article.save()
            created += 1
        campaigns_demo.load_reports()
        polls_demo.load_poll()
        load_places()
        if not SearchEntry.objects.exists():
            # A database seeded before search existed: index what is there.
            search.rebuild()
        return created
