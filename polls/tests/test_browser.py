"""Voting from the home page's side column, in Debian's chromium."""

import pytest

from polls.models import Vote
from portal.tests.screens import keep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_vote_from_the_home_widget_then_a_second_is_refused(
    browser, live_server, open_poll
):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        widget = page.locator(".poll-widget")
        widget.get_by_label("Hài lòng", exact=True).check()
        widget.get_by_role("button", name="Bình chọn").click()
        page.wait_for_selector(".notice--success")
        assert "Cảm ơn bạn đã bình chọn" in page.locator(".notices").inner_text()
        assert Vote.objects.get().choice.text == "Hài lòng"

        # The widget then asks whether this browser voted and thanks it instead.
        thanks = page.locator(".poll-widget .poll-voted")
        thanks.wait_for(state="visible")
        thanks.get_by_role("link", name="Xem kết quả").click()
        page.wait_for_selector("table.poll-results")
        row = page.locator("table.poll-results tbody tr").nth(1)  # "Hài lòng"
        assert row.inner_text().split("\t") == ["Hài lòng", "1", "100,0%"]
        assert "Bạn đã bình chọn" in page.content()
        keep(page, "poll-voted-phone")

        # The home page now comes from the shared cache; the widget asks, for
        # this browser only, whether it voted, and says so instead of the form.
        page.goto(live_server.url + "/")
        page.wait_for_selector(".poll-voted", state="visible")
        assert page.locator(".poll-widget form").is_hidden()

        # Without JavaScript the form is there; a second vote is refused politely.
        plain = browser.new_context(
            viewport={"width": 360, "height": 740},
            java_script_enabled=False,
            storage_state=context.storage_state(),
        )
        try:
            page = plain.new_page()
            page.goto(live_server.url + "/")
            widget = page.locator(".poll-widget")
            widget.get_by_label("Rất hài lòng").check()
            widget.get_by_role("button", name="Bình chọn").click()
            page.wait_for_selector(".notice--warning")
            notice = page.locator(".notices").inner_text()
            assert "Bạn đã bình chọn cho câu hỏi này" in notice
            keep(page, "poll-second-vote-refused-phone")
        finally:
            plain.close()
        assert Vote.objects.count() == 1
    finally:
        context.close()


@pytest.mark.parametrize("width", [360, 1366])
def test_the_poll_page_has_one_poll_and_says_one_thing_at_a_time(
    browser, live_server, open_poll, width
):
    url = live_server.url + open_poll.get_absolute_url()
    vote_url = f"/binh-chon/{open_poll.slug}/binh-chon/"
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(url)
        assert page.locator(f"form[action='{vote_url}']").count() == 1
        assert page.locator(".poll-widget").count() == 0
        # Results come after the vote: nothing links to them before.
        assert page.get_by_role("link", name="Xem kết quả").count() == 0
        assert page.get_by_text("Kết quả hiển thị sau khi bạn bình chọn").is_visible()
        keep(page, f"poll-page-{width}")
        # A second tab, opened before the vote, will try again.
        later = context.new_page()
        later.goto(url)

        page.get_by_label("Hài lòng", exact=True).check()
        page.get_by_role("button", name="Gửi bình chọn").click()
        page.wait_for_selector("table.poll-results")
        assert page.locator(".notice").all_inner_texts() == [
            "Cảm ơn bạn đã bình chọn! Phiếu của bạn đã được ghi nhận."
        ]
        assert page.locator(f"form[action='{vote_url}']").count() == 0
        keep(page, f"poll-page-voted-{width}")

        later.get_by_label("Rất hài lòng").check()
        later.get_by_role("button", name="Gửi bình chọn").click()
        later.wait_for_selector("table.poll-results")
        later.wait_for_load_state("networkidle")  # the side column's question, if any
        assert later.locator(".notice").all_inner_texts() == [
            "Bạn đã bình chọn cho câu hỏi này. Cảm ơn bạn!"
        ]
        assert later.get_by_text("Bạn đã bình chọn", exact=False).count() == 1
        keep(later, f"poll-page-second-vote-refused-{width}")
        assert Vote.objects.count() == 1
    finally:
        context.close()
