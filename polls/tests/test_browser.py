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
