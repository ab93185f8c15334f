"""The editors' busiest admin pages do not issue more queries as content grows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .editorial_support import make_editor
from .factories import make_article, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(make_editor(django_user_model))
    return client


def count_queries(client, url):
    client.get(url)  # warm the session, content types and permission caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_article_change_list_with_100_articles(editor_client, django_assert_num_queries):
    people = [make_person() for _ in range(5)]
    url = reverse("admin:articles_article_changelist")
    for _ in range(10):
        make_article(opinions=2, people=people)
    small = count_queries(editor_client, url)
    for _ in range(90):
        make_article(opinions=2, people=people)
    # Session, user, two permission lookups, savepoint pair (reversion), two
    # counts, the page of articles, the date hierarchy's two queries, and the
    # translation status column's body blocks, opinions (with people) and their blocks.
    with django_assert_num_queries(14):
        response = editor_client.get(url)
    assert len(response.context["cl"].result_list) == 100
    assert small == 14


def test_article_change_form_with_20_opinions(editor_client, django_assert_num_queries):
    people = [make_person() for _ in range(20)]
    small = make_article(blocks=3, opinions=2, people=people)
    large = make_article(blocks=30, opinions=20, people=people)
    small_count = count_queries(
        editor_client, reverse("admin:articles_article_change", args=[small.pk])
    )
    url = reverse("admin:articles_article_change", args=[large.pk])
    editor_client.get(url)
    with django_assert_num_queries(small_count):
        response = editor_client.get(url)
    html = response.text
    assert 'name="opinions-19-headline_zh_hant"' in html
    assert 'name="blocks-29-text_fr"' in html
    # Each opinion shows its person without a query of its own.
    assert html.count("selected>Personne") >= 20
    # Session, user, two permission lookups, savepoint pair, the article, its
    # blocks, its opinions with their people.
    assert small_count == 9, small_count
