from django.shortcuts import get_object_or_404, render

from publishing.methods import safe

from .models import Page


@safe
def page_detail(request, slug):
    """Show a standing page such as "Giới thiệu"."""
    page = get_object_or_404(Page.objects.published(), slug=slug)
    return render(request, "pages/page_detail.html", {"page": page})
