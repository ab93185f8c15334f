"""Builders for the search tests: articles with chosen French and Chinese text."""

from datetime import timedelta

from django.utils import timezone

from articles.models import Block, Opinion
from tests.conftest import make_article, make_person


def article_with(title_fr="", title_zh="", standfirst_fr="", standfirst_zh="", body=(), **fields):
    """An article with the given texts; ``body`` is a list of (fr, zh) paragraphs."""
    article = make_article(
        blocks=0,
        title_fr=title_fr or "Sans titre",
        title_zh_hant=title_zh,
        standfirst_fr=standfirst_fr,
        standfirst_zh_hant=standfirst_zh,
        **fields,
    )
    for position, (fr, zh) in enumerate(body, start=1):
        Block.objects.create(article=article, position=position, text_fr=fr, text_zh_hant=zh)
    return article


def opinion_with(article, person=None, headline_fr="", headline_zh="", body=(), anchor=None):
    person = person or make_person()
    opinion = Opinion.objects.create(
        article=article,
        person=person,
        position=article.opinions.count() + 1,
        anchor=anchor or f"avis-{person.slug}",
        stance="depends",
        headline_fr=headline_fr,
        headline_zh_hant=headline_zh,
    )
    for position, (fr, zh) in enumerate(body, start=1):
        Block.objects.create(opinion=opinion, position=position, text_fr=fr, text_zh_hant=zh)
    return opinion


def days_ago(days):
    return timezone.now() - timedelta(days=days)
