from django.urls import path

from . import feeds, views
from .caching import cache_public_page as cached

app_name = "reading"

urlpatterns = [
    path("", cached(views.home), name="home"),
    path(
        "articles/",
        cached(views.article_list, params=("page", "stance", "source", "language")),
        name="article_list",
    ),
    path("articles/<slug:slug>/", cached(views.article_detail), name="article_detail"),
    path(
        "articles/<slug:slug>/bilingual/",
        cached(views.article_bilingual, params=("chinese",)),
        name="article_bilingual",
    ),
    path("experts/", cached(views.expert_list, params=("page",)), name="expert_list"),
    path(
        "experts/<slug:slug>/",
        cached(views.expert_detail, params=("page",)),
        name="expert_detail",
    ),
    path("feed/", cached(feeds.LatestArticlesFeed()), name="feed"),
]
