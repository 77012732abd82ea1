"""Casting and closing votes: the only code that writes votes."""

import datetime
import hashlib
import hmac
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from publishing.addresses import network

from .models import Choice, Poll, Vote


class VoteRefused(Exception):
    """A vote that is not counted; the message is for the voter, in Vietnamese."""


class AlreadyVoted(VoteRefused):
    pass


def address_hash(address):
    """Return a keyed hash of address's network: the raw address is never stored."""
    key = settings.POLL_ADDRESS_KEY.encode()
    return hmac.new(key, network(address).encode(), hashlib.sha256).hexdigest()


def _allowance_spent(poll, hashed):
    """Tell whether the network already cast its votes of the last hour.

    Counted from the stored votes, in a window that slides with the clock: it
    holds without the cache. Concurrent votes from one network may pass the
    limit by at most the number of requests served at once.
    """
    limit = settings.POLL_VOTES_PER_ADDRESS_PER_HOUR
    since = timezone.now() - datetime.timedelta(hours=1)
    recent = Vote.objects.filter(poll=poll, address_hash=hashed, created_at__gt=since)
    # Counting stops at the limit: a busy address costs no more than a quiet one.
    return recent[:limit].count() >= limit


def vote_cast(*, poll, choice_id, voter_key, address):
    """Store one vote and count it, or raise VoteRefused with the reason."""
    if not Poll.objects.current().filter(pk=poll.pk).exists():
        if poll.is_closed:
            raise VoteRefused("Cuộc bình chọn đã kết thúc.")
        raise VoteRefused("Cuộc bình chọn chưa mở hoặc đã tạm dừng.")
    try:
        choice = poll.choices.get(pk=int(choice_id))
    except (TypeError, ValueError, Choice.DoesNotExist) as error:
        raise VoteRefused("Vui lòng chọn một phương án của câu hỏi này.") from error
    hashed = address_hash(address)
    if _allowance_spent(poll, hashed):
        raise VoteRefused(
            "Đã có quá nhiều lượt bình chọn từ cùng một địa chỉ mạng trong một giờ. "
            "Vui lòng thử lại sau."
        )
    try:
        with transaction.atomic():
            vote = Vote.objects.create(
                poll=poll, choice=choice, voter_key=voter_key, address_hash=hashed
            )
            Choice.objects.filter(pk=choice.pk).update(votes_count=F("votes_count") + 1)
    except IntegrityError as error:
        # The unique constraint, not a prior check, decides who voted first.
        raise AlreadyVoted("Bạn đã bình chọn cho câu hỏi này. Cảm ơn bạn!") from error
    return vote


def has_voted(poll, voter_key):
    return (
        bool(voter_key) and Vote.objects.filter(poll=poll, voter_key=voter_key).exists()
    )


def poll_close(poll, *, at=None):
    """Close poll (now unless at is given) and erase its address hashes."""
    with transaction.atomic():
        poll = Poll.objects.select_for_update().get(pk=poll.pk)
        at = at or timezone.now()
        if poll.closes_at is None or poll.closes_at > at:
            poll.closes_at = max(at, poll.opens_at + datetime.timedelta(seconds=1))
        poll.save(update_fields=["closes_at", "version"])
        erase_address_hashes(poll)
    return poll


def erase_address_hashes(poll):
    """Erase the address hashes of a closed poll, once (Decree 13/2023)."""
    if not poll.is_closed or poll.hashes_erased_at:
        return False
    Vote.objects.filter(poll=poll).exclude(address_hash="").update(address_hash="")
    Poll.objects.filter(pk=poll.pk).update(hashes_erased_at=timezone.now())
    poll.hashes_erased_at = timezone.now()
    return True


def percentages(counts):
    """Return counts as percentages, each its exact share rounded to one decimal.

    Equal votes show equal shares: 1, 1 and 1 vote are 33,3 % each, and the
    shares then add up to 99,9 %, not 100 %; giving one choice 33,4 % to make
    100 would tell readers it got more votes than the others.
    """
    total = sum(counts)
    if not total:
        return [0.0 for _ in counts]
    # Half a tenth rounds up, as readers round: 1 of 8 votes is 12,5 %.
    return [
        float((Decimal(count * 100) / total).quantize(Decimal("0.1"), ROUND_HALF_UP))
        for count in counts
    ]
