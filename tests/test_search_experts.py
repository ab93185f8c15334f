"""Experts are found only once an article that quotes (or is written by) them is public."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article
from search.models import SearchEntry

from .factories import make_article, make_person

pytestmark = pytest.mark.django_db


def experts_found(now=None):
    """The experts the public may find (the search page's own visibility rule)."""
    entries = SearchEntry.objects.public(now).filter(kind=SearchEntry.Kind.PERSON)
    return sorted(entries.values_list("slug", flat=True))


@pytest.fixture
def tom():
    return make_person(slug="tom-martin", name_fr="Tom Martin", name_zh_hant="湯姆·馬丁")


def search_page(client, q="Tom Martin"):
    return client.get("/fr/search/", {"q": q}).content.decode()


def test_an_expert_quoted_only_in_a_draft_is_not_listed(client, tom):
    article = make_article(opinions=1, people=[tom], status=Article.Status.DRAFT)
    assert "/fr/experts/tom-martin/" not in search_page(client)
    article.status = Article.Status.PUBLISHED
    article.save()
    assert "/fr/experts/tom-martin/" in search_page(client)
    assert client.get("/fr/experts/tom-martin/").status_code == 200
    article.status = Article.Status.DRAFT
    article.save()
    assert "/fr/experts/tom-martin/" not in search_page(client)


def test_an_expert_with_one_public_article_among_drafts_is_listed(client, tom):
    make_article(opinions=1, people=[tom], status=Article.Status.DRAFT)
    make_article(opinions=1, people=[tom])
    assert "/fr/experts/tom-martin/" in search_page(client)


def test_an_expert_appears_when_a_scheduled_article_comes_out(client, tom):
    soon = timezone.now() + timedelta(hours=2)
    make_article(opinions=1, people=[tom], published_at=soon)
    assert "tom-martin" not in experts_found()
    assert "tom-martin" in experts_found(now=soon + timedelta(minutes=1))


def test_an_author_of_a_published_article_is_listed(client, tom):
    make_article(author=tom)
    assert "/fr/experts/tom-martin/" in search_page(client)


def test_deleting_the_last_public_opinion_hides_the_expert(client, tom):
    article = make_article(opinions=1, people=[tom])
    assert "/fr/experts/tom-martin/" in search_page(client)
    article.opinions.get().delete()
    assert "/fr/experts/tom-martin/" not in search_page(client)


def test_a_rebuilt_index_agrees(client, tom):
    make_article(opinions=1, people=[tom], status=Article.Status.DRAFT)
    other = make_person(slug="ada", name_fr="Ada Tom")
    make_article(opinions=1, people=[other])
    call_command("rebuild_search_index", verbosity=0)
    assert experts_found() == ["ada"]
