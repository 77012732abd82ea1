"""Top the database up to N generated published articles, for the benchmarks."""

import datetime
import os
import random
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from news.models import Article, Category  # noqa: E402
from search import index as search  # noqa: E402
from search.models import SearchEntry  # noqa: E402

PREFIX = "bai-viet-tong-hop-"
WARDS = [
    "Đại Kim", "Định Công", "Giáp Bát", "Hoàng Liệt", "Hoàng Văn Thụ", "Lĩnh Nam",
    "Mai Động", "Tân Mai", "Thanh Trì", "Thịnh Liệt", "Trần Phú", "Tương Mai",
    "Vĩnh Hưng", "Yên Sở",
]  # fmt: skip
TOPICS = [
    "ra quân tổng vệ sinh môi trường", "tuyên truyền phòng cháy chữa cháy",
    "hội nghị học tập nghị quyết", "khánh thành nhà văn hóa tổ dân phố",
    "tập huấn chuyển đổi số", "trao quà cho gia đình chính sách",
    "giải phóng mặt bằng dự án đường", "ra mắt mô hình dân vận khéo",
    "hội thao người cao tuổi", "đối thoại với nhân dân về an ninh trật tự",
    "tiêm chủng cho trẻ em", "xây dựng tuyến phố văn minh",
]  # fmt: skip
SENTENCES = [
    "Ủy ban nhân dân phường phối hợp với Mặt trận Tổ quốc và các đoàn thể.",
    "Cán bộ, đảng viên và nhân dân tích cực hưởng ứng.",
    "Các tổ dân phố, khu chung cư đồng loạt triển khai.",
    "Hoạt động nhận được sự quan tâm của đông đảo người dân.",
    "Lãnh đạo quận đánh giá cao cách làm sáng tạo của cơ sở.",
    "Kết quả được báo cáo tại hội nghị sơ kết của quận.",
    "Lực lượng công an, dân quân tham gia bảo đảm trật tự.",
    "Thanh niên tình nguyện hỗ trợ người cao tuổi và trẻ em.",
]  # fmt: skip


def main(target):
    have = Article.objects.filter(slug__startswith=PREFIX).count()
    categories = list(Category.objects.all())
    start = timezone.now() - datetime.timedelta(days=2)
    rng = random.Random(have)
    batch = []
    for n in range(have, target):
        ward, topic = rng.choice(WARDS), rng.choice(TOPICS)
        text = " ".join(rng.sample(SENTENCES, 4))
        batch.append(
            Article(
                title=f"Phường {ward} {topic} (tin số {n})",
                slug=f"{PREFIX}{n}",
                sapo=f"Tin về hoạt động {topic} tại phường {ward}.",
                body=f"<p>{text}</p><p>Phường {rng.choice(WARDS)} cũng tham gia.</p>",
                category=categories[n % len(categories)],
                author="Cộng tác viên",
                status=Article.Status.PUBLISHED,
                published_at=start - datetime.timedelta(minutes=7 * n),
                view_count=n % 500,
            )
        )
        if len(batch) == 2000:
            _save(batch)
            batch = []
    _save(batch)
    if SearchEntry.objects.filter(kind="article").count() < Article.objects.count():
        print(f"Search index rebuilt: {search.rebuild()} entries.")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Bulk loading leaves GIN's pending list full and the stats stale.
            cursor.execute("VACUUM ANALYZE news_article")
            cursor.execute("VACUUM ANALYZE portal_searchentry")
    print(f"{target} generated articles in the database (added {target - have}).")


def _save(articles):
    """Save a batch and its search entries (bulk_create sends no signals)."""
    if not articles:
        return
    Article.objects.bulk_create(articles)
    SearchEntry.objects.bulk_create(search.entries(articles))


if __name__ == "__main__":
    main(int(sys.argv[1]))
