"""Top the database up to N generated published articles, for the benchmarks."""

import datetime
import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from news.models import Article, Category  # noqa: E402

PREFIX = "bai-viet-tong-hop-"
BODY = (
    "<p>Ủy ban nhân dân phường phối hợp với Mặt trận Tổ quốc và các đoàn thể "
    "tuyên truyền tới từng tổ dân phố, khu chung cư trên địa bàn quận Hoàng Mai.</p>"
) * 8


def main(target):
    have = Article.objects.filter(slug__startswith=PREFIX).count()
    categories = list(Category.objects.all())
    start = timezone.now() - datetime.timedelta(days=2)
    batch = []
    for n in range(have, target):
        batch.append(
            Article(
                title=f"Tin tổng hợp hoạt động phường số {n}",
                slug=f"{PREFIX}{n}",
                sapo="Tin tổng hợp về hoạt động tuyên truyền ở cơ sở.",
                body=BODY,
                category=categories[n % len(categories)],
                author="Cộng tác viên",
                status=Article.Status.PUBLISHED,
                published_at=start - datetime.timedelta(hours=n),
                view_count=n % 500,
            )
        )
        if len(batch) == 2000:
            Article.objects.bulk_create(batch)
            batch = []
    Article.objects.bulk_create(batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE news_article")
    print(f"{target} generated articles in the database (added {target - have}).")


if __name__ == "__main__":
    main(int(sys.argv[1]))
