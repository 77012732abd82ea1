"""The demo poll of seed_demo: the one-stop office, on the public-service scale."""

import datetime

from django.utils import timezone

from polls.models import Choice, Poll

QUESTION = "Đánh giá thái độ tiếp công dân của cán bộ Một cửa quận"
# The five-level satisfaction scale of Vietnam's public-service portals.
SCALE = [
    "Rất hài lòng",
    "Hài lòng",
    "Bình thường",
    "Không hài lòng",
    "Rất không hài lòng",
]


def load_poll():
    """Create the demo poll, open since a month ago, if it is missing."""
    if Poll.objects.filter(question=QUESTION).exists():
        return
    opened = timezone.now() - datetime.timedelta(days=30)
    poll = Poll.objects.create(
        question=QUESTION,
        description="Mời bạn cho biết mức độ hài lòng với thái độ tiếp đón, hướng "
        "dẫn của cán bộ Bộ phận Một cửa quận Hoàng Mai khi bạn đến làm thủ tục "
        "hành chính.",
        opens_at=opened,
        status=Poll.Status.PUBLISHED,
        published_at=opened,
        results=Poll.Results.AFTER_VOTE,
    )
    Choice.objects.bulk_create(
        Choice(poll=poll, text=text, order=order)
        for order, text in enumerate(SCALE, start=1)
    )
