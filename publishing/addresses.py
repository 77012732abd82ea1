"""The visitor's network address, as far as the proxies in front can be trusted."""

import ipaddress

from django.conf import settings


def client_address(request):
    """Return the visitor's address: REMOTE_ADDR, or what trusted proxies tell.

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


def network(address):
    """Return what a per-visitor limit counts: the IPv4 address or the IPv6 /64.

    One IPv6 subscriber is given a whole /64 and can pick any address in it.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))
