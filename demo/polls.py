"""The demo poll of seed_demo: the one-stop office, on the public-service scale."""

from polls.models import Choice, Poll

from .news_content import ARTICLES, published_at
from .revisions import bring_up_to_date

QUESTION = "Đánh giá thái độ tiếp công dân của cán bộ Một cửa quận"
DESCRIPTION = (
    "Mời bạn cho biết mức độ hài lòng với thái độ tiếp đón, hướng dẫn của cán bộ Bộ "
    "phận Một cửa quận Hoàng Mai khi bạn đến làm thủ tục hành chính."
)
# The five-level satisfaction scale of Vietnam's public-service portals.
SCALE = [
    "Rất hài lòng",
    "Hài lòng",
    "Bình thường",
    "Không hài lòng",
    "Rất không hài lòng",
]
# The news article that invites readers to vote, published as the poll opens.
INVITATION = "moi-nguoi-dan-danh-gia-thai-do-tiep-cong-dan-cua-can-bo-mot-cua-quan"


def opening():
    """Return when the poll opens: when the article inviting readers is published."""
    return published_at(next(a for a in ARTICLES if a["slug"] == INVITATION))


def load_poll():
    """Create the demo poll, or give an earlier run's its opening and text."""
    opened = opening()
    poll = Poll.objects.filter(question=QUESTION).first()
    if poll:
        bring_up_to_date(
            poll, opens_at=opened, published_at=opened, description=DESCRIPTION
        )
        return
    poll = Poll.objects.create(
        question=QUESTION,
        description=DESCRIPTION,
        opens_at=opened,
        status=Poll.Status.PUBLISHED,
        published_at=opened,
        results=Poll.Results.AFTER_VOTE,
    )
    Choice.objects.bulk_create(
        Choice(poll=poll, text=text, order=order)
        for order, text in enumerate(SCALE, start=1)
    )
