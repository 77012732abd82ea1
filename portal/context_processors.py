from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import page_cache


def office(request):
    """Expose the office's contact details for the footer."""
    return {"office": settings.PORTAL_OFFICE}


def shared_fragments(request):
    """Expose what {% cache %} needs to keep what every page shares.

    Fragments are kept FRAGMENT_CACHE_SECONDS under the page cache's generation,
    read only by a template that caches a fragment: a publish shows at once.
    """
    return {
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
        "page_generation": SimpleLazyObject(page_cache.generation),
    }
