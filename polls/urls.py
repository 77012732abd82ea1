from django.urls import path

from . import views

app_name = "polls"

urlpatterns = [
    path("<slug:slug>/", views.poll_detail, name="detail"),
    path("<slug:slug>/binh-chon/", views.vote, name="vote"),
    path("<slug:slug>/trang-thai/", views.voter_state, name="state"),
]
