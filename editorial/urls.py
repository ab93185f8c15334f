"""The translation pages, under /admin/translations/ (mounted before the admin's own URLs)."""

from django.contrib import admin
from django.urls import path

from . import exchange_views, translation_views

app_name = "translations"

urlpatterns = [
    path("", admin.site.admin_view(translation_views.dashboard), name="dashboard"),
    # Before the editor's pattern, which would take "exchange" for an article slug.
    path("exchange/", admin.site.admin_view(exchange_views.exchange), name="exchange"),
    path(
        "exchange/download/",
        admin.site.admin_view(exchange_views.download),
        name="exchange_download",
    ),
    path(
        "<slug:slug>/<str:language>/",
        admin.site.admin_view(translation_views.translation_editor),
        name="editor",
    ),
]
