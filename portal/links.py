"""reverse() with a memory: the same name and arguments give the same URL.

Every page links to the same few dozen URLs; reverse() costs tens of
microseconds each time. The memory is forgotten whenever the URLconf setting
changes (tests do that), and is keyed on the script prefix and URLconf in use.
"""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse


@functools.lru_cache(maxsize=8192)
def _reverse(urlconf, prefix, viewname, args, kwargs):
    return reverse(viewname, urlconf=urlconf, args=args, kwargs=dict(kwargs))


def link(viewname, *args, **kwargs):
    """Return reverse(viewname, args, kwargs), remembered."""
    return _reverse(
        get_urlconf(), get_script_prefix(), viewname, args, tuple(kwargs.items())
    )


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reverse.cache_clear()
