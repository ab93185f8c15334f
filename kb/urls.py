"""Root URLconf: the admin, discovery files, and the public site under a language prefix."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from operations.views import healthz
from reading.caching import cache_public_page
from reading.sitemaps import SITEMAPS
from reading.views import favicon, robots_txt, root_redirect
from terminology.sitemaps import GlossarySitemap

urlpatterns = [
    path("", root_redirect, name="root"),
    # Before admin/: the admin would take translations/ for an app label.
    path("admin/translations/", include("editorial.urls")),
    path("admin/", admin.site.urls),
    path(
        "sitemap.xml",
        cache_public_page(sitemap, params=("p",)),
        {"sitemaps": {**SITEMAPS, "glossary": GlossarySitemap}},
        name="sitemap",
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
