from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from campaigns.views import report_preview
from news.views import article_preview
from pages import views as pages_views
from search import views as search_views

from . import views

admin.site.site_header = "Cổng thông tin Ban Tuyên giáo Quận ủy Hoàng Mai"
admin.site.site_title = "Quản trị Cổng thông tin"
admin.site.index_title = "Quản trị nội dung"

handler403 = views.permission_denied
handler500 = views.server_error

urlpatterns = [
    path("", views.home, name="home"),
    path("tin-tuc/", include("news.urls")),
    path("", include("campaigns.urls")),
    path("binh-chon/", include("polls.urls")),
    path("trang/<slug:slug>/", pages_views.page_detail, name="page"),
    path("tim-kiem/", search_views.search_page, name="search"),
    path("so-do-trang/", views.site_map, name="site_map"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("sitemap-<section>.xml", views.sitemap_section, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("xem-truoc/bai-viet/<int:pk>/", article_preview, name="article_preview"),
    path("xem-truoc/bao-cao/<int:pk>/", report_preview, name="report_preview"),
    path("tai-anh-bien-tap/", views.editor_image_upload, name="editor_image_upload"),
    path("readyz", views.readyz, name="readyz"),
    path(settings.ADMIN_PATH, admin.site.urls),
]

if settings.SERVE_MEDIA:
    urlpatterns += [path("media/<path:path>", views.media, name="media")]
