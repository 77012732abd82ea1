import csv
import io

import pytest
from openpyxl import load_workbook

from polls.models import Choice, Poll, Vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def voted_poll(open_poll):
    choices = list(open_poll.choices.all())
    Vote.objects.bulk_create(
        Vote(
            poll=open_poll,
            choice=choices[n % 2],
            voter_key=f"khoa-nguoi-binh-chon-{n}",
            address_hash="h",
        )
        for n in range(3)
    )
    Choice.objects.filter(pk=choices[0].pk).update(votes_count=2)
    Choice.objects.filter(pk=choices[1].pk).update(votes_count=1)
    return open_poll


def test_admin_shows_results_with_the_chart(approver_client, voted_poll):
    html = approver_client.get(f"/admin/polls/poll/{voted_poll.pk}/change/").content
    html = html.decode()
    assert '<svg class="chart__svg"' in html and "66,7%" in html


def test_exports_of_totals_and_votes_per_day(approver_client, voted_poll):
    response = approver_client.get(f"/admin/polls/poll/{voted_poll.pk}/ket-qua.csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1] == ["Rất hài lòng", "2", "66.7"]
    assert rows[2] == ["Hài lòng", "1", "33.3"]
    assert rows[-1][1] == "3"  # all three votes on one day
    response = approver_client.get(f"/admin/polls/poll/{voted_poll.pk}/ket-qua.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book["Tong hop"]["B2"].value == 2
    assert book["Theo ngay"]["B2"].value == 3


def test_close_action_closes_and_erases_hashes(approver_client, voted_poll):
    approver_client.post(
        "/admin/polls/poll/",
        {"action": "close", "_selected_action": [voted_poll.pk], "index": 0},
    )
    voted_poll.refresh_from_db()
    assert voted_poll.is_closed
    assert set(Vote.objects.values_list("address_hash", flat=True)) == {""}


def test_voter_keys_and_hashes_are_for_superusers_only(
    approver_client, admin_client, voted_poll
):
    assert approver_client.get("/admin/polls/vote/").status_code == 403
    # The voters' keys themselves ("k0" matched random tokens now and then).
    change = approver_client.get(f"/admin/polls/poll/{voted_poll.pk}/change/")
    assert "khoa-nguoi-binh-chon-" not in change.content.decode()
    assert admin_client.get("/admin/polls/vote/").status_code == 200


def test_editor_cannot_open_or_publish_a_poll(editor_client):
    response = editor_client.post(
        "/admin/polls/poll/add/",
        {
            "question": "Câu hỏi mới",
            "description": "",
            "opens_at_0": "01/01/2026",
            "opens_at_1": "00:00:00",
            "active": "on",
            "results": "always",
            "status": "published",
            "choices-TOTAL_FORMS": "0",
            "choices-INITIAL_FORMS": "0",
            "loaded_version": "",
        },
    )
    assert response.status_code in {200, 403}
    assert not Poll.objects.published().exists()


@pytest.mark.parametrize("role", ["editor", "approver"])
def test_the_poll_form_speaks_of_the_poll(role, editor_client, approver_client):
    client = editor_client if role == "editor" else approver_client
    form = client.get("/admin/polls/poll/add/").content.decode()
    assert "Cuộc bình chọn đã xuất bản chỉ hiện với bạn đọc từ thời điểm này." in form
    assert "Bài đã xuất bản" not in form
    assert "Thêm cuộc bình chọn" in form
