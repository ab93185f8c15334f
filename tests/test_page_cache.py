"""The public page cache: fast for anonymous readers, never stale after an edit."""

import pytest
from django.core.cache import cache

from articles.models import Article

from .factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()


def test_a_second_visit_costs_no_query(client, page_cache, django_assert_num_queries):
    url = f"/fr/articles/{make_article(opinions=2).slug}/"
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content


def test_an_edit_shows_at_once(client, page_cache):
    article = make_article(title_fr="Avant")
    url = f"/fr/articles/{article.slug}/"
    assert "Avant" in client.get(url).text
    article.title_fr = "Après"
    article.save()
    assert "Après" in client.get(url).text


@pytest.mark.parametrize("change", ["unpublish", "delete"], ids=["unpublished", "deleted"])
def test_a_withdrawn_article_leaves_every_cached_page(client, page_cache, change):
    article = make_article(title_fr="Bientôt retiré")
    page = f"/fr/articles/{article.slug}/"
    for url in ("/fr/", "/fr/articles/", page):
        assert "Bientôt retiré" in client.get(url).text
    if change == "delete":
        Article.objects.get(pk=article.pk).delete()
    else:
        article.status = Article.Status.DRAFT
        article.save()
    assert client.get(page).status_code == 404
    for url in ("/fr/", "/fr/articles/"):
        assert "Bientôt retiré" not in client.get(url).text


def test_each_language_has_its_own_page(client, page_cache):
    article = make_article(title_fr="Le client", title_zh_hant="顧客")
    assert "Le client" in client.get(f"/fr/articles/{article.slug}/").text
    assert "顧客" in client.get(f"/zh-hant/articles/{article.slug}/").text


def test_staff_previews_are_never_cached(client, page_cache, editor_user):
    draft = make_article(status=Article.Status.DRAFT, title_fr="Brouillon secret")
    url = f"/fr/articles/{draft.slug}/"
    client.force_login(editor_user)
    assert "Brouillon secret" in client.get(url).text
    client.logout()
    assert client.get(url).status_code == 404


def test_pages_are_built_afresh_when_the_cache_is_off(client, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    url = f"/fr/articles/{make_article().slug}/"
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    assert len(second) == len(first) > 0
