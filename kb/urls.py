"""Root URLconf: the admin, discovery files, and the public site under a language prefix."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import index
from django.urls import include, path

from operations.views import healthz
from reading.caching import cache_public_page
from reading.sitemaps import SITEMAPS, sitemap_page
from reading.views import favicon, robots_txt, root_redirect
from terminology.sitemaps import GlossarySitemap

SITEMAPS = {**SITEMAPS, "glossary": GlossarySitemap}

urlpatterns = [
    path("", root_redirect, name="root"),
    # Before admin/: the admin would take translations/ for an app label.
    path("admin/translations/", include("editorial.urls")),
    path("admin/", admin.site.urls),
    # An index of the sections' sitemaps, each in pages (reading/sitemaps.py).
    path(
        "sitemap.xml",
        cache_public_page(index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        cache_public_page(sitemap_page, params=("p",)),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("healthz", healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", include("reading.urls")),
    path("", include("search.urls")),
    path("", include("terminology.urls")),
    path("", include("feedback.urls")),
)

# 404.html and 500.html (templates/) are Django's default handlers' templates;
# a database error that no view caught becomes a 503 (templates/503.html).
handler500 = "operations.outage.server_error"
