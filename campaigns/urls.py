from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("chien-dich/", views.campaign_list, name="list"),
    path("chien-dich/<slug:slug>/", views.campaign_detail, name="detail"),
    path(
        "chien-dich/<slug:campaign>/<slug:slug>/",
        views.report_detail,
        name="report",
    ),
    path(
        "chien-dich/<slug:campaign>/<slug:slug>/so-lieu.<str:fmt>",
        views.report_data,
        name="report_data",
    ),
    path("van-ban/", views.document_list, name="documents"),
    path("van-ban/<slug:slug>/", views.document_detail, name="document"),
]
