"""One feed per language: /fr/feed/ and /zh-hant/feed/ (the URL prefix sets the language,
which Django's Feed also reports as the feed's <language>)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext

from articles.models import Article

from .presentation import shown

FEED_LENGTH = 20


class LatestArticlesFeed(Feed):
    def title(self):
        return gettext("Is the customer always right?")

    def description(self):
        return gettext("The latest articles and expert opinions.")

    def link(self):
        return reverse("reading:article_list")

    def feed_url(self):
        return reverse("reading:feed")

    def items(self):
        return Article.objects.published()[:FEED_LENGTH]

    def item_title(self, item):
        return shown(item, "title").text

    def item_description(self, item):
        return shown(item, "standfirst").text

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
