"""The sitemaps: every public page in each language, with hreflang alternates.

/sitemap.xml is an index of one sitemap per section (/sitemap-articles.xml…),
each in pages of ``PAGE_SIZE`` URLs (?p=2…; an item gives one URL per language,
each with all its alternates), so a page's size and the time to build it stay
bounded however many articles there are (the protocol allows 50,000 URLs a file).
"""

from collections.abc import Sequence
from functools import cached_property

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import get_language

from articles.models import Article, Person

# <url> entries per sitemap page (Django pages over item × language), each with
# four alternates: 200 items in three languages, built in about 60 ms here.
PAGE_SIZE = 600


class ItemLanguages(Sequence):
    """The (item, language) pairs Django's i18n sitemap pages over, read lazily: its
    own list loads every item for every page (and for the index's page count);
    this counts them in the database and loads only a page's items."""

    def __init__(self, items, languages):
        self.items, self.languages = items, list(languages)

    @cached_property
    def _length(self):
        items = self.items
        count = items.count() if hasattr(items, "query") else len(items)
        return count * len(self.languages)

    def __len__(self):
        return self._length

    def __getitem__(self, index):
        if not isinstance(index, slice):
            item, language = divmod(index, len(self.languages))
            return (self.items[item], self.languages[language])
        start, stop, _step = index.indices(len(self))
        per_item = len(self.languages)
        first = start // per_item
        rows = self.items[first : -(-stop // per_item)]
        pairs = [(item, language) for item in rows for language in self.languages]
        return pairs[start - first * per_item : stop - first * per_item]


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = PAGE_SIZE

    @property
    def paginator(self):
        languages = self.languages or [code for code, _name in settings.LANGUAGES]
        return Paginator(ItemLanguages(self.items(), languages), self.limit)

    def location(self, item):
        # Django asks an item's URL in each language five times per language (its
        # own <url>, each alternate, x-default): each one is reversed once. A
        # sitemap object serves one request, so the memo lives as long as the page.
        memo = self.__dict__.setdefault("_paths", {})
        key = (item, get_language())
        if key not in memo:
            memo[key] = self.path(item)
        return memo[key]

    def path(self, item):
        """The item's URL path in the active language."""
        return item.get_absolute_url()


class StaticPagesSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return ["reading:home", "reading:article_list", "reading:expert_list"]

    def path(self, item):
        return reverse(item)


class ArticleSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # For the index: one aggregate, not every item loaded (Django's default).
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class BilingualSitemap(ArticleSitemap):
    def path(self, item):
        return reverse("reading:article_bilingual", kwargs={"slug": item.slug})


class ExpertSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Person.objects.with_public_opinions().only("slug")


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "articles": ArticleSitemap,
    "bilingual": BilingualSitemap,
    "experts": ExpertSitemap,
}
