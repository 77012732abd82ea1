"""Every picture of a body has a description before it goes to review or readers."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from publishing.models import Status
from publishing.pictures import check_descriptions, pictures_without_description
from publishing.workflow import sent_out

BODY = (
    '<p>Mở đầu.</p><figure class="image"><img src="/media/editor/le-khai-mac.jpg" '
    'alt="Lễ khai mạc"></figure><p>Tiếp theo.</p>'
    '<figure class="image"><img src="/media/editor/anh-hop-bao.jpg"></figure>'
    '<p><img src="/media/editor/ban-do%20phuong.png" alt="  "></p>'
)


def item(status, body):
    return SimpleNamespace(Status=Status, status=status, body=body)


def test_pictures_without_description_are_named_by_position_and_file():
    assert pictures_without_description(BODY) == [
        (2, "anh-hop-bao.jpg"),
        (3, "ban-do phuong.png"),
    ]
    assert pictures_without_description("<p>Không có ảnh.</p>") == []


@pytest.mark.parametrize("status", [Status.REVIEW, Status.PUBLISHED])
def test_an_undescribed_picture_may_not_go_to_review_or_readers(status):
    with pytest.raises(ValidationError) as refused:
        check_descriptions(item(Status.DRAFT, BODY), item(status, BODY), sent_out)
    said = refused.value.messages[0]
    assert said.startswith(
        "Ảnh thứ 2 (“anh-hop-bao.jpg”) và ảnh thứ 3 (“ban-do phuong.png”) chưa có "
        "mô tả."
    )
    assert "“Mô tả ảnh”" in said


def test_a_draft_keeps_undescribed_pictures_and_a_described_body_passes():
    check_descriptions(None, item(Status.DRAFT, BODY), sent_out)
    check_descriptions(item(Status.DRAFT, BODY), item(Status.WITHDRAWN, BODY), sent_out)
    described = BODY.replace('.jpg">', '.jpg" alt="Họp báo">').replace(
        'alt="  "', 'alt="Bản đồ phường"'
    )
    check_descriptions(None, item(Status.PUBLISHED, described), sent_out)


def test_a_live_item_older_than_the_rule_can_still_be_saved_unchanged():
    """Unfeaturing or re-saving a published item sends out nothing new."""
    check_descriptions(
        item(Status.PUBLISHED, BODY), item(Status.PUBLISHED, BODY), sent_out
    )
    with pytest.raises(ValidationError):
        # A changed body, or a proposal of one, is checked.
        check_descriptions(
            item(Status.PUBLISHED, BODY),
            item(Status.PUBLISHED, BODY + "<p>Thêm.</p>"),
            sent_out,
        )
