import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.signing import BadSignature
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt

from publishing.addresses import client_address
from publishing.charts import BarChart
from publishing.methods import posted, safe

from .models import Poll
from .services import (
    VoteRefused,
    erase_address_hashes,
    has_voted,
    percentages,
    vote_cast,
)

VOTER_COOKIE = settings.POLL_VOTER_COOKIE
VOTER_SALT = "polls.voter"
VOTER_COOKIE_AGE = 2 * 365 * 24 * 3600


def voter_key(request):
    """Return the voter key of the browser's signed cookie, or None."""
    try:
        return request.get_signed_cookie(VOTER_COOKIE, salt=VOTER_SALT, default=None)
    except BadSignature:
        return None


@safe
def poll_detail(request, slug):
    """Show a poll: its form, its results when they may be shown, what is stored."""
    poll = get_object_or_404(Poll.objects.published().with_open(), slug=slug)
    if poll.is_closed and not poll.hashes_erased_at:
        erase_address_hashes(poll)
    voted = has_voted(poll, voter_key(request))
    response = render(
        request,
        "polls/poll_detail.html",
        {
            "poll": poll,
            "choices": poll.choices.all(),
            "voted": voted,
            "results": results(poll) if poll.shows_results(voted=voted) else None,
        },
    )
    if VOTER_COOKIE in request.COOKIES:
        response["Cache-Control"] = "private, no-cache"
    else:
        # Alike for everyone who has not voted: shared briefly, counts stay fresh.
        response["Cache-Control"] = "no-cache"
        response.page_cache_seconds = settings.POLL_PAGE_CACHE_SECONDS
    return response


@safe
def voter_state(request, slug):
    """Tell this browser whether it voted: fetched by the widget, never cached."""
    poll = get_object_or_404(Poll.objects.published(), slug=slug)
    response = JsonResponse({"voted": has_voted(poll, voter_key(request))})
    response["Cache-Control"] = "private, no-store"
    return response


def results(poll):
    """Return the counts, percentages, total and chart of a poll."""
    choices = list(poll.choices.all())
    counts = [choice.votes_count for choice in choices]
    shares = percentages(counts)
    rows = [
        {"choice": c, "count": n, "percent": p}
        for c, n, p in zip(choices, counts, shares, strict=True)
    ]
    chart = BarChart(
        anchor=f"ket-qua-{poll.pk}",
        title=f"Kết quả: {poll.question}",
        unit="%",
        bars=[
            (r["choice"].text, r["percent"], f"{r['percent']:.1f}%".replace(".", ","))
            for r in rows
        ],
        row_header="Phương án",
    )
    return {"rows": rows, "total": sum(counts), "chart": chart}


def _from_this_site(request):
    """Tell whether a POST comes from a page of this site.

    Pages carrying the poll may come from a shared cache, so a CSRF token baked
    into them cannot be trusted; the browser's own Sec-Fetch-Site and Origin
    headers (or, failing those, Referer) say where the form was.
    """
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site:
        return fetch_site == "same-origin"
    here = f"{request.scheme}://{request.get_host()}"
    trusted = {here, *settings.CSRF_TRUSTED_ORIGINS}
    origin = request.META.get("HTTP_ORIGIN")
    if origin:
        return origin in trusted
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    return f"{referer.scheme}://{referer.netloc}" in trusted


@csrf_exempt  # checked by _from_this_site(), which a cached page cannot break
@posted
def vote(request, slug):
    """Take a vote from the widget or the poll page, then redirect (PRG)."""
    poll = get_object_or_404(Poll.objects.published(), slug=slug)
    # The side column's form, the same on every page, comes back to the page it
    # was sent from; the poll's own page says where to go.
    next_url = request.POST.get("next") or request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, require_https=request.is_secure()
    ):
        next_url = poll.get_absolute_url()
    key = voter_key(request)
    new_key = key is None
    if new_key:
        key = secrets.token_urlsafe(24)
    try:
        if not _from_this_site(request):
            raise VoteRefused(
                "Phiếu bình chọn phải được gửi từ trang của Cổng thông tin; phiếu "
                "này không được ghi nhận."
            )
        vote_cast(
            poll=poll,
            choice_id=request.POST.get("choice"),
            voter_key=key,
            address=client_address(request),
        )
    except VoteRefused as refusal:
        messages.warning(request, str(refusal))
        new_key = False
    else:
        messages.success(
            request, "Cảm ơn bạn đã bình chọn! Phiếu của bạn đã được ghi nhận."
        )
    response = redirect(next_url)
    if new_key:
        response.set_signed_cookie(
            VOTER_COOKIE,
            key,
            salt=VOTER_SALT,
            max_age=VOTER_COOKIE_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response
