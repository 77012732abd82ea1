"""The admin site: Django's, asking staff for a second factor when required."""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import URLPattern, URLResolver, path

from publishing.methods import takes

from . import enrolment, login, policy, status

# Django's admin views answer PUT, PROPFIND and the like as if they were a GET;
# its pages only ever get and post, so every admin URL takes these alone.
admin_methods = takes("GET", "HEAD", "POST")


class PortalAdminSite(admin.AdminSite):
    """admin.site (see PortalAdminConfig): every admin page needs a verified session.

    With settings.STAFF_TWO_FACTOR on, a staff member's session counts only once a
    code from their authenticator app or a backup code has been accepted; until
    then every admin page, action, import and export answers with the login page.
    """

    # The side menu of every app would take a fifth of a 1366 px office screen
    # from the lists; the index and the breadcrumbs lead everywhere it does.
    enable_nav_sidebar = False

    def has_permission(self, request):
        return super().has_permission(request) and policy.satisfied(request.user)

    def each_context(self, request):
        context = super().each_context(request)
        context["staff_two_factor"] = policy.required()
        return context

    def login(self, request, extra_context=None):
        if not policy.required():
            return super().login(request, extra_context)
        return login.login(self, request, extra_context)

    def guide(self, request):
        """Show staff the guide to their week's tasks, "Hướng dẫn sử dụng"."""
        context = {**self.each_context(request), "title": "Hướng dẫn sử dụng"}
        return TemplateResponse(request, "admin/guide.html", context)

    def get_urls(self):
        urls = [
            path(
                "xac-thuc-hai-lop/thiet-lap/",
                enrolment.enrol_view(self),
                name="two_factor_enrol",
            ),
            path(
                "xac-thuc-hai-lop/",
                self.admin_view(status.status_view(self)),
                name="two_factor",
            ),
            path("huong-dan/", self.admin_view(self.guide), name="guide"),
            *super().get_urls(),
        ]
        return with_views(admin_methods, urls)


def with_views(decorate, urls):
    """Return the URL patterns urls with decorate applied to each view, at any depth.

    Django wraps the admin's views when they are called, not when their patterns
    are made; decorated here, each pattern's view itself declares its methods.
    """
    return [
        URLResolver(
            url.pattern,
            with_views(decorate, url.url_patterns),
            url.default_kwargs,
            url.app_name,
            url.namespace,
        )
        if isinstance(url, URLResolver)
        else URLPattern(url.pattern, decorate(url.callback), url.default_args, url.name)
        for url in urls
    ]
