from django.contrib.sitemaps import Sitemap

from .models import Poll


class PollSitemap(Sitemap):
    """The polls readers can vote in now; a closed poll is linked from nowhere."""

    changefreq = "daily"

    def items(self):
        return Poll.objects.current().only("slug")
