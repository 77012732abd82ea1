"""The poll page shows its poll once, says one thing at a time, links results sanely."""

import datetime
import re

import pytest
from django.utils import timezone

from polls.models import Choice, Poll

pytestmark = pytest.mark.django_db

SAME_SITE = {"HTTP_ORIGIN": "http://testserver"}


def vote(client, poll, next_url):
    return client.post(
        f"/binh-chon/{poll.slug}/binh-chon/",
        {"choice": poll.choices.first().pk, "next": next_url},
        **SAME_SITE,
    )


def vote_forms(html, poll):
    return html.count(f'action="/binh-chon/{poll.slug}/binh-chon/"')


def notices(html):
    return re.findall(r'<p class="notice[^"]*">([^<]*)</p>', html)


def results_links(html):
    return re.findall(r'<a href="[^"]*">Xem kết quả</a>', html)


def test_the_poll_page_shows_its_poll_once_and_other_pages_in_the_side_column(
    client, open_poll
):
    page = client.get(open_poll.get_absolute_url()).content.decode()
    assert vote_forms(page, open_poll) == 1
    assert 'class="poll-form"' in page and "poll-widget" not in page
    # The side column of every other page still carries the poll.
    home = client.get("/").content.decode()
    assert vote_forms(home, open_poll) == 1 and "poll-widget" in home


def test_the_page_of_another_poll_keeps_the_current_one_in_the_side_column(
    client, open_poll
):
    now = timezone.now()
    closed = Poll.objects.create(
        question="Bình chọn năm trước",
        opens_at=now - datetime.timedelta(days=60),
        closes_at=now - datetime.timedelta(days=30),
        status=Poll.Status.PUBLISHED,
        published_at=now - datetime.timedelta(days=60),
    )
    Choice.objects.create(poll=closed, text="Có")
    page = client.get(closed.get_absolute_url()).content.decode()
    assert vote_forms(page, closed) == 0 and vote_forms(page, open_poll) == 1
    assert notices(page) == ["Cuộc bình chọn đã kết thúc."]


def test_after_a_vote_and_a_refused_second_vote_one_notice_at_a_time(client, open_poll):
    url = open_poll.get_absolute_url()
    assert notices(client.get(url).content.decode()) == []
    vote(client, open_poll, url)
    assert notices(client.get(url).content.decode()) == [
        "Cảm ơn bạn đã bình chọn! Phiếu của bạn đã được ghi nhận."
    ]
    # A second vote, from a page kept open before the first one.
    vote(client, open_poll, url)
    page = client.get(url).content.decode()
    assert notices(page) == ["Bạn đã bình chọn cho câu hỏi này. Cảm ơn bạn!"]
    assert vote_forms(page, open_poll) == 0
    # Once the message is read, the page still says where the reader stands.
    assert notices(client.get(url).content.decode()) == [
        "Bạn đã bình chọn cho câu hỏi này. Cảm ơn bạn!"
    ]


def test_a_refused_vote_of_someone_who_has_not_voted_keeps_the_form(client, open_poll):
    url = open_poll.get_absolute_url()
    client.post(f"/binh-chon/{open_poll.slug}/binh-chon/", {"next": url}, **SAME_SITE)
    page = client.get(url).content.decode()
    assert notices(page) == ["Vui lòng chọn một phương án của câu hỏi này."]
    assert vote_forms(page, open_poll) == 1


@pytest.mark.parametrize(
    ("results", "before_vote", "after_vote"),
    [
        (Poll.Results.ALWAYS, True, True),
        (Poll.Results.AFTER_VOTE, False, True),
        (Poll.Results.AFTER_CLOSE, False, False),
    ],
)
def test_the_side_column_links_results_only_where_the_reader_sees_them(
    client, open_poll, results, before_vote, after_vote
):
    open_poll.results = results
    open_poll.save()
    home = client.get("/").content.decode()
    form = home[home.index('<form method="post" action="/binh-chon/') :]
    form = form[: form.index("</form>")]
    voted = re.search(r'<p class="poll-voted" hidden>.*?</p>', home, re.S).group()
    assert bool(results_links(form)) == before_vote
    assert bool(results_links(voted)) == after_vote
    # What a link promises, the page keeps: the results, for a voter or not.
    url = open_poll.get_absolute_url()
    assert ("Tổng số phiếu" in client.get(url).content.decode()) == before_vote
    vote(client, open_poll, url)
    client.get(url)  # the thank-you
    assert ("Tổng số phiếu" in client.get(url).content.decode()) == after_vote


def test_the_privacy_note_speaks_plainly(client, open_poll):
    page = client.get(open_poll.get_absolute_url()).content.decode()
    note = page[page.index('id="du-lieu"') :]
    assert "Nghị định 13/2023/NĐ-CP" in note and "địa chỉ IP không được lưu" in note
    for word in ["HMAC", "cookie", "mã băm"]:
        assert word not in note
