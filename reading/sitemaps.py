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
from django.contrib.sitemaps.views import x_robots_tag
from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.http import http_date

from articles.models import Article, Person

from .presentation import html_lang

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

    def paths(self, item):
        """{language code: the item's URL path in that language}. The paths differ by
        their language prefix only: one is reversed, the others follow from it."""
        default = settings.LANGUAGE_CODE
        with translation.override(default):
            path = self.path(item)
        prefix = f"/{default}/"
        if not path.startswith(prefix):  # not under i18n_patterns: ask each language
            paths = {}
            for code in self._languages():
                with translation.override(code):
                    paths[code] = self.path(item)
            return paths
        rest = path[len(prefix) :]
        return {code: f"/{code}/{rest}" for code in self._languages()}

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
        # For the index: one aggregate (read from an index), not every item loaded
        # (Django's default).
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


def _entries(site, pairs, base):
    """The <url> elements of a page of (item, language) pairs, and the newest lastmod
    (None unless every item has one)."""
    lines, newest, dated = [], None, hasattr(site, "lastmod")
    default = settings.LANGUAGE_CODE
    paths = {}
    for item, code in pairs:
        if item not in paths:  # an item's languages are consecutive on a page
            paths = {item: site.paths(item)}
        item_paths = paths[item]
        parts = [f"<url><loc>{escape(base + item_paths[code])}</loc>"]
        lastmod = site.lastmod(item) if dated else None
        if lastmod is not None:
            parts.append(f"<lastmod>{timezone.localtime(lastmod):%Y-%m-%d}</lastmod>")
            newest = lastmod if newest is None else max(newest, lastmod)
        else:
            dated = False
        changefreq = site.changefreq(item) if callable(site.changefreq) else site.changefreq
        if changefreq:
            parts.append(f"<changefreq>{escape(changefreq)}</changefreq>")
        alternates = [(html_lang(other), path) for other, path in item_paths.items()]
        if site.x_default and default in item_paths:
            alternates.append(("x-default", item_paths[default].replace(f"/{default}/", "/", 1)))
        parts += [
            f'<xhtml:link rel="alternate" hreflang="{tag}" href="{escape(base + path)}"/>'
            for tag, path in alternates
        ]
        parts.append("</url>")
        lines.append("".join(parts))
    return lines, newest if dated else None


@x_robots_tag
def sitemap_page(request, sitemaps, section):
    """One page of a section (?p=2…): what Django's sitemap view answers (<loc>,
    <lastmod>, <changefreq>, every language as an alternate with its BCP 47 tag,
    x-default, Last-Modified), written out in Python: a page's 600 URLs and their
    2,400 alternates took the template engine most of the page's time."""
    if section not in sitemaps:
        raise Http404(f"No sitemap available for section: {section!r}")
    site = sitemaps[section]()
    number = request.GET.get("p", 1)
    try:
        page = site.paginator.page(number)
    except EmptyPage:
        raise Http404(f"Page {number} empty") from None
    except PageNotAnInteger:
        raise Http404(f"No page {number!r}") from None
    base = f"{site.get_protocol(request.scheme)}://{get_current_site(request).domain}"
    lines, newest = _entries(site, page.object_list, base)
    body = "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
            *lines,
            "</urlset>",
            "",
        ]
    )
    response = HttpResponse(body, content_type="application/xml")
    if newest is not None:
        response.headers["Last-Modified"] = http_date(newest.timestamp())
    return response
