from django.conf import settings


def office(request):
    """Expose the office's contact details for the footer."""
    return {"office": settings.PORTAL_OFFICE}
