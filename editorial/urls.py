"""The translation pages, under /admin/translations/ (mounted before the admin's own URLs)."""

from django.contrib import admin
from django.urls import path

from . import translation_views

app_name = "translations"

urlpatterns = [
    path("", admin.site.admin_view(translation_views.dashboard), name="dashboard"),
    path(
        "<slug:slug>/<str:language>/",
        admin.site.admin_view(translation_views.translation_editor),
        name="editor",
    ),
]
