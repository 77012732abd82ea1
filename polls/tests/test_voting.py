import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from polls.models import Choice, Poll, Vote
from polls.services import address_hash, percentages, poll_close
from polls.views import VOTER_COOKIE

pytestmark = pytest.mark.django_db

SAME_SITE = {"HTTP_ORIGIN": "http://testserver"}


def vote(client, poll, choice, **headers):
    headers = {**SAME_SITE, **headers}
    return client.post(
        f"/binh-chon/{poll.slug}/binh-chon/",
        {"choice": getattr(choice, "pk", choice), "next": "/"},
        **headers,
    )


def counts(poll):
    return list(poll.choices.values_list("votes_count", flat=True))


def test_a_vote_is_stored_counted_and_confirmed(client, open_poll):
    choice = open_poll.choices.get(text="Hài lòng")
    response = vote(client, open_poll, choice, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 302 and response["Location"] == "/"
    assert VOTER_COOKIE in response.cookies
    page = client.get("/").content.decode()
    assert "Cảm ơn bạn đã bình chọn!" in page
    assert counts(open_poll) == [0, 1, 0, 0, 0]
    stored = Vote.objects.get()
    assert stored.choice == choice
    assert stored.address_hash == address_hash("203.0.113.7")
    assert "203.0.113.7" not in str(Vote.objects.values_list().get())


def test_a_second_vote_gets_a_clear_message_and_counts_nothing(client, open_poll):
    first, second = open_poll.choices.all()[:2]
    vote(client, open_poll, first)
    response = vote(client, open_poll, second)
    assert response.status_code == 302
    assert "Bạn đã bình chọn cho câu hỏi này" in client.get("/").content.decode()
    assert counts(open_poll) == [1, 0, 0, 0, 0]
    assert Vote.objects.count() == 1


def test_votes_from_another_site_are_refused(client, open_poll):
    choice = open_poll.choices.first()
    for headers in [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "http://testserver"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "", "HTTP_REFERER": "https://evil.example/trang"},
        {"HTTP_ORIGIN": ""},
    ]:
        response = vote(client, open_poll, choice, **headers)
        assert response.status_code == 302
        assert VOTER_COOKIE not in response.cookies
    assert (
        "phải được gửi từ trang của Cổng thông tin" in client.get("/").content.decode()
    )
    assert not Vote.objects.exists()


def test_same_site_by_sec_fetch_or_referer_is_accepted(client, open_poll):
    choice = open_poll.choices.first()
    vote(client, open_poll, choice, HTTP_ORIGIN="", HTTP_SEC_FETCH_SITE="same-origin")
    client.cookies.clear()
    vote(client, open_poll, choice, HTTP_ORIGIN="", HTTP_REFERER="http://testserver/")
    assert Vote.objects.count() == 2


@pytest.mark.parametrize("choice", ["", "abc", "999999", "1.5", "-1", "1 OR 1=1"])
def test_missing_or_forged_choices_are_refused(client, open_poll, choice):
    vote(client, open_poll, choice)
    assert "Vui lòng chọn một phương án" in client.get("/").content.decode()
    assert not Vote.objects.exists()


def test_a_choice_of_another_poll_is_refused(client, open_poll):
    other = Poll.objects.create(
        question="Câu hỏi khác", status="published", published_at=timezone.now()
    )
    stranger = Choice.objects.create(poll=other, text="Có")
    vote(client, open_poll, stranger)
    assert not Vote.objects.exists()
    assert stranger.votes_count == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"closes_at": -1}, "đã kết thúc"),
        ({"opens_at": +1}, "chưa mở"),
        ({"active": False}, "chưa mở hoặc đã tạm dừng"),
    ],
)
def test_votes_outside_the_open_period_are_refused(client, open_poll, change, message):
    now = timezone.now()
    for field, value in change.items():
        if isinstance(value, int) and not isinstance(value, bool):
            value = now + datetime.timedelta(days=value)
            if field == "closes_at":
                open_poll.opens_at = now - datetime.timedelta(days=10)
        setattr(open_poll, field, value)
    open_poll.save()
    vote(client, open_poll, open_poll.choices.first())
    assert message in client.get(open_poll.get_absolute_url()).content.decode()
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    ("change", "current"),
    [
        ({}, True),
        ({"closes_at": -1}, False),
        ({"opens_at": +1}, False),
        ({"active": False}, False),
    ],
)
def test_the_page_offers_the_form_exactly_when_the_poll_is_current(
    client, open_poll, change, current
):
    now = timezone.now()
    day = datetime.timedelta(days=1)
    open_poll.opens_at = now - 10 * day
    for field, value in change.items():
        setattr(open_poll, field, now + value * day if field.endswith("_at") else value)
    open_poll.save()
    page = client.get(open_poll.get_absolute_url()).content.decode()
    assert Poll.objects.current().filter(pk=open_poll.pk).exists() == current
    assert ('class="poll-form"' in page) == current


def test_an_unpublished_poll_answers_404(client, open_poll):
    open_poll.status = Poll.Status.DRAFT
    open_poll.save()
    assert vote(client, open_poll, open_poll.choices.first()).status_code == 404
    assert client.get(open_poll.get_absolute_url()).status_code == 404


def test_clearing_cookies_cannot_stuff_the_ballot(client, open_poll, settings):
    settings.POLL_VOTES_PER_ADDRESS_PER_HOUR = 3
    choice = open_poll.choices.first()
    for _ in range(5):
        client.cookies.clear()
        vote(client, open_poll, choice, REMOTE_ADDR="198.51.100.4")
    assert Vote.objects.count() == 3
    assert (
        "quá nhiều lượt bình chọn từ cùng một địa chỉ"
        in client.get("/").content.decode()
    )
    client.cookies.clear()
    vote(client, open_poll, choice, REMOTE_ADDR="198.51.100.5")
    assert Vote.objects.count() == 4


def test_forwarded_for_is_believed_only_from_trusted_proxies(
    client, open_poll, settings
):
    choice = open_poll.choices.first()
    forged = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.9"}
    vote(client, open_poll, choice, **forged)
    assert Vote.objects.get().address_hash == address_hash("10.0.0.2")
    settings.TRUSTED_PROXY_COUNT = 1
    client.cookies.clear()
    vote(client, open_poll, choice, **forged)
    # The proxy appended the real client (203.0.113.9); "1.2.3.4" came from it.
    assert Vote.objects.filter(address_hash=address_hash("203.0.113.9")).exists()
    assert not Vote.objects.filter(address_hash=address_hash("1.2.3.4")).exists()


def test_next_cannot_redirect_to_another_site(client, open_poll):
    response = client.post(
        f"/binh-chon/{open_poll.slug}/binh-chon/",
        {"choice": open_poll.choices.first().pk, "next": "https://evil.example/"},
        **SAME_SITE,
    )
    assert response["Location"] == open_poll.get_absolute_url()


def test_get_on_the_vote_url_is_not_allowed(client, open_poll):
    assert client.get(f"/binh-chon/{open_poll.slug}/binh-chon/").status_code == 405


@pytest.mark.parametrize(
    "votes",
    [[1, 1, 1], [2, 2, 2], [1, 0, 0], [5, 3, 1, 1, 0], [0, 0], [7, 7, 7, 7, 7, 7]],
)
def test_percentages_are_each_share_rounded_and_equal_for_equal_votes(votes):
    shares = percentages(votes)
    assert all(round(s, 1) == s for s in shares)
    total = sum(votes)
    for count, share in zip(votes, shares, strict=True):
        assert abs(share - (100 * count / total if total else 0)) <= 0.05
    for a, b in zip(votes, votes[1:], strict=False):
        assert (a == b) <= (shares[votes.index(a)] == shares[votes.index(b)])
    assert percentages([1, 1, 1]) == [33.3, 33.3, 33.3]
    assert percentages([1, 7]) == [12.5, 87.5]
    assert abs(sum(shares) - (100 if total else 0)) <= 0.05 * len(votes)


def test_results_show_counts_percentages_total_chart_and_dates(client, open_poll):
    choices = list(open_poll.choices.all())
    Choice.objects.filter(pk=choices[0].pk).update(votes_count=2)
    Choice.objects.filter(pk=choices[1].pk).update(votes_count=1)
    open_poll.results = Poll.Results.ALWAYS
    open_poll.save()
    html = client.get(open_poll.get_absolute_url()).content.decode()
    assert "Tổng số phiếu: <strong>3</strong>" in html
    assert "<td>66,7%</td>" in html and "<td>33,3%</td>" in html
    assert html.count("<rect") == 5
    assert "Mở từ " in html and "Nghị định 13/2023/NĐ-CP" in html


def test_results_after_voting_only(client, open_poll):
    url = open_poll.get_absolute_url()
    assert "Tổng số phiếu" not in client.get(url).content.decode()
    vote(client, open_poll, open_poll.choices.first())
    html = client.get(url).content.decode()
    assert "Tổng số phiếu" in html and "Cảm ơn bạn đã bình chọn!" in html
    html = client.get(url).content.decode()
    assert "Tổng số phiếu" in html and "Bạn đã bình chọn" in html


def test_results_after_closing_only(client, open_poll):
    open_poll.results = Poll.Results.AFTER_CLOSE
    open_poll.save()
    vote(client, open_poll, open_poll.choices.first())
    url = open_poll.get_absolute_url()
    assert "Tổng số phiếu" not in client.get(url).content.decode()
    poll_close(open_poll)
    assert "Tổng số phiếu" in client.get(url).content.decode()


def test_closing_erases_the_address_hashes(client, open_poll):
    vote(client, open_poll, open_poll.choices.first())
    assert Vote.objects.get().address_hash
    poll_close(open_poll)
    assert Vote.objects.get().address_hash == ""
    open_poll.refresh_from_db()
    assert open_poll.is_closed and open_poll.hashes_erased_at


def test_a_poll_closing_by_its_time_erases_hashes_when_next_shown(client, open_poll):
    vote(client, open_poll, open_poll.choices.first())
    Poll.objects.filter(pk=open_poll.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.get(open_poll.get_absolute_url())
    assert Vote.objects.get().address_hash == ""


def test_results_page_does_not_count_votes(client, open_poll):
    open_poll.results = Poll.Results.ALWAYS
    open_poll.save()
    url = open_poll.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    choice = open_poll.choices.first()
    Vote.objects.bulk_create(
        Vote(poll=open_poll, choice=choice, voter_key=f"k{n}") for n in range(500)
    )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(few) == len(many)
    assert not any("COUNT(" in q["sql"].upper() for q in many.captured_queries)


def test_close_polls_command_erases_hashes_of_polls_past_their_time(client, open_poll):
    from django.core.management import call_command

    vote(client, open_poll, open_poll.choices.first())
    Poll.objects.filter(pk=open_poll.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("close_polls", stdout=__import__("io").StringIO())
    assert Vote.objects.get().address_hash == ""


def test_the_side_column_form_comes_back_to_the_page_it_was_on(client, open_poll):
    """The widget is one fragment for every page: the browser says where it was."""
    page = "http://testserver/tin-tuc/"
    response = client.post(
        f"/binh-chon/{open_poll.slug}/binh-chon/",
        {"choice": open_poll.choices.first().pk},
        HTTP_REFERER=page,
        **SAME_SITE,
    )
    assert response.status_code == 302 and response["Location"] == page
    elsewhere = client.post(
        f"/binh-chon/{open_poll.slug}/binh-chon/",
        {"choice": open_poll.choices.first().pk},
        HTTP_REFERER="https://evil.example/",
        **SAME_SITE,
    )
    assert elsewhere["Location"] == open_poll.get_absolute_url()
