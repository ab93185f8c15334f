from django.urls import reverse

from reading.sitemaps import I18nSitemap


class GlossarySitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return ["terminology:glossary"]

    def path(self, item):
        return reverse(item)
