from django.urls import path

from publishing.methods import safe

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.article_list, name="list"),
    path("rss/", safe(feeds.LatestArticlesFeed()), name="feed"),
    path("luot-xem/<int:pk>.gif", views.article_view, name="article_view"),
    path("<slug:slug>/", views.category_detail, name="category"),
    path("<slug:slug>/rss/", safe(feeds.CategoryFeed()), name="category_feed"),
    path("<slug:category>/<slug:slug>/", views.article_detail, name="article"),
]
