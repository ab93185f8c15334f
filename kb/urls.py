"""Root URLconf: the admin, discovery files, and the public site under a language prefix."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from reading.caching import cache_public_page
from reading.sitemaps import SITEMAPS
from reading.views import favicon, robots_txt, root_redirect

urlpatterns = [
    path("", root_redirect, name="root"),
    path("admin/", admin.site.urls),
    path("sitemap.xml", cache_public_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
]

urlpatterns += i18n_patterns(
    path("", include("reading.urls")),
    path("", include("search.urls")),
    path("", include("feedback.urls")),
)

# 404.html and 500.html (templates/) are Django's default handlers' templates.
