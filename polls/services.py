"""Casting and closing votes: the only code that writes votes."""

import contextlib
import datetime
import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import Choice, Poll, Vote


class VoteRefused(Exception):
    """A vote that is not counted; the message is for the voter, in Vietnamese."""


class AlreadyVoted(VoteRefused):
    pass


def client_address(request):
    """Return the voter's network address, as far as trusted proxies tell it.

    With TRUSTED_PROXY_COUNT = n, the nth entry from the right of X-Forwarded-For
    is the one the outermost trusted proxy added; anything left of it was sent by
    the visitor and could be forged.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            candidate = forwarded[-count]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR", "")


def address_hash(address):
    """Return a keyed hash of address: the raw address is never stored."""
    key = settings.POLL_ADDRESS_KEY.encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()


def _address_allowance(poll, hashed):
    """Count a vote against the address's hourly allowance; False if spent."""
    key = f"poll-votes:{poll.pk}:{hashed}:{timezone.now():%Y%m%d%H}"
    cache.add(key, 0, timeout=3600)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=3600)
        used = 1
    return key, used <= settings.POLL_VOTES_PER_ADDRESS_PER_HOUR


def vote_cast(*, poll, choice_id, voter_key, address):
    """Store one vote and count it, or raise VoteRefused with the reason."""
    if not poll.is_open:
        if poll.is_closed:
            raise VoteRefused("Cuộc bình chọn đã kết thúc.")
        raise VoteRefused("Cuộc bình chọn chưa mở hoặc đã tạm dừng.")
    try:
        choice = poll.choices.get(pk=int(choice_id))
    except (TypeError, ValueError, Choice.DoesNotExist) as error:
        raise VoteRefused("Vui lòng chọn một phương án của câu hỏi này.") from error
    hashed = address_hash(address)
    key, allowed = _address_allowance(poll, hashed)
    if not allowed:
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
        with contextlib.suppress(ValueError):  # the counter expired meanwhile
            cache.decr(key)
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
    """Return counts as percentages with one decimal that add up to exactly 100."""
    total = sum(counts)
    if not total:
        return [0.0 for _ in counts]
    tenths = [count * 1000 / total for count in counts]
    whole = [int(t) for t in tenths]
    by_remainder = sorted(
        range(len(counts)), key=lambda i: tenths[i] - whole[i], reverse=True
    )
    for i in by_remainder[: 1000 - sum(whole)]:
        whole[i] += 1
    return [w / 10 for w in whole]
