"""sitemap.xml: every public page in each language, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article, Person


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return ["reading:home", "reading:article_list", "reading:expert_list"]

    def location(self, item):
        return reverse(item)


class ArticleSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class BilingualSitemap(ArticleSitemap):
    def location(self, item):
        return reverse("reading:article_bilingual", kwargs={"slug": item.slug})


class ExpertSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Person.objects.experts()


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "articles": ArticleSitemap,
    "bilingual": BilingualSitemap,
    "experts": ExpertSitemap,
}
