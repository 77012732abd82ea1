"""The HTTP methods a view takes, declared on the view itself.

Django's require_http_methods answers 405 inside the view, after the CSRF check
has already answered a PUT or a DELETE with 403 and a page about a missing
token. Declared here, the methods are kept on the view (http_methods), where
portal.middleware.MethodMiddleware reads them before anything else runs, as
CsrfViewMiddleware reads csrf_exempt.
"""

from django.views.decorators.http import require_http_methods


def takes(*methods):
    """Let a view answer methods alone; any other gets 405 with an Allow header."""

    def decorator(view):
        checked = require_http_methods(list(methods))(view)
        checked.http_methods = tuple(methods)
        return checked

    return decorator


def allowed(view):
    """Return the methods view declares, or None when it declares none."""
    return getattr(view, "http_methods", None)


# Pages, feeds and downloads.
safe = takes("GET", "HEAD")
# Forms that change something.
posted = takes("POST")
