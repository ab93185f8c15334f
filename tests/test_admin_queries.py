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
    # Each Simplified Chinese override field shows the converted text (no query).
    assert html.count('placeholder="文章 ') >= 30
    # Each opinion shows its person without a query of its own.
    assert html.count("selected>Personne") >= 20
    # Session, user, two permission lookups, savepoint pair, the article, its
    # blocks, its opinions with their people.
    assert small_count == 9, small_count


def test_opinion_change_form_with_20_blocks(editor_client, django_assert_num_queries):
    """The opinion's own page (with its version check) does not grow with its blocks."""
    from articles.models import Block

    small = make_article(opinions=1).opinions.get()
    large = make_article(opinions=1).opinions.get()
    for position in range(2, 22):
        Block.objects.create(opinion=large, position=position, text_fr=f"Bloc {position}")
    small_count = count_queries(
        editor_client, reverse("admin:articles_opinion_change", args=[small.pk])
    )
    url = reverse("admin:articles_opinion_change", args=[large.pk])
    editor_client.get(url)
    with django_assert_num_queries(small_count):
        response = editor_client.get(url)
    assert 'name="blocks-20-text_fr"' in response.text
    assert 'name="loaded_version"' in response.text
    # Session, user, savepoint pair, the opinion with its person and article,
    # two permission lookups, its blocks, and the two autocomplete selects' choices.
    assert small_count == 10, small_count


def test_article_search_by_body_word_with_100_articles(editor_client, django_assert_num_queries):
    """Searching the bodies and opinions in every language adds no query per article."""
    people = [make_person() for _ in range(5)]
    url = reverse("admin:articles_article_changelist") + "?q=Paragraphe"
    for _ in range(10):
        make_article(opinions=2, people=people)
    small = count_queries(editor_client, url)
    for _ in range(90):
        make_article(opinions=2, people=people)
    with django_assert_num_queries(small):
        response = editor_client.get(url)
    assert len(response.context["cl"].result_list) == 100
    # As many as without a search (the matches are EXISTS inside the page's query).
    assert small == 14, small


def test_opinion_search_by_person_name_with_60_opinions(editor_client, django_assert_num_queries):
    people = [make_person(name_zh_hant=f"部落格 {n}") for n in range(3)]
    url = reverse("admin:articles_opinion_changelist") + "?q=部落格"
    for _ in range(5):
        make_article(opinions=2, people=people)
    small = count_queries(editor_client, url)
    for _ in range(25):
        make_article(opinions=2, people=people)
    with django_assert_num_queries(small):
        response = editor_client.get(url)
    assert len(response.context["cl"].result_list) == 60
    # Session, user, two permission lookups, savepoint pair, two counts, the page
    # (people and articles joined in it).
    assert small == 9, small


def test_history_page_with_30_versions(editor_client, django_assert_num_queries):
    """Each version's summary is worded from its comment: no query per version."""
    import reversion

    from articles.models import Article
    from editorial import summaries

    article = make_article(blocks=2, opinions=1)
    url = reverse("admin:articles_article_history", args=[article.pk])

    def versions(count):
        for n in range(count):
            with reversion.create_revision():
                reversion.set_comment(
                    summaries.encode(
                        [
                            {
                                "changed": {
                                    "model": "articles.article",
                                    "own": True,
                                    "fields": [["title", "zh-hant"]],
                                }
                            }
                        ]
                    )
                )
                reversion.add_to_revision(Article.objects.get(pk=article.pk))
            del n

    versions(3)
    small = count_queries(editor_client, url)
    versions(27)
    with django_assert_num_queries(small):
        response = editor_client.get(url)
    assert len(response.context["action_list"]) == 30
    assert all("Title" not in entry["summary"] for entry in response.context["action_list"])
    assert small == 7, small
