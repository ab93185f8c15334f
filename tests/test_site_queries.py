"""Every public page's SQL query count, pinned with enough rows that an N+1 would show."""

import pytest

from articles.models import Article, Block

from .factories import make_site

pytestmark = pytest.mark.django_db


# Pinned with 12 articles, 24 opinions, 6 experts: a query per row would show.
# Pages as most requests see them: the site-wide figures of the content version
# (home overview, experts' counts) already computed; their first request is below.
QUERY_COUNTS = [
    # Home: the content version (the overview is kept per version), question, articles.
    ("/fr/", 3),
    ("/zh-hant/", 3),
    # The list: the version (the count of each filter's articles is kept per
    # version), a page of articles.
    ("/fr/articles/", 2),
    ("/fr/articles/?page=2", 2),
    ("/fr/articles/?stance=depends&source=Le+Monde&language=zh-hant", 2),
    # The version (related articles are kept per version); article, author and
    # its body's stored HTML. (Its first view, which reads the opinions and blocks,
    # is below.)
    ("/fr/articles/{slug}/", 2),
    ("/zh-hant/articles/{slug}/", 2),
    ("/fr/articles/{slug}/bilingual/", 1),
    ("/fr/experts/", 1),
    # The version; the expert's counts come with it; a page of opinions, their
    # blocks, authored articles.
    ("/fr/experts/{person}/", 4),
    ("/fr/feed/", 1),
    # The index counts each section's items; a section page counts them and reads
    # only its own.
    ("/sitemap.xml", 5),
    ("/sitemap-articles.xml", 2),
    ("/sitemap-bilingual.xml", 2),
    ("/sitemap-experts.xml", 2),
    # Simplified Chinese is converted from the rows already loaded: the same counts
    # as Traditional.
    ("/zh-hans/", 3),
    ("/zh-hans/articles/", 2),
    ("/zh-hans/articles/?language=zh-hant", 2),
    ("/zh-hans/articles/{slug}/", 2),
    ("/zh-hans/articles/{slug}/bilingual/", 1),
    ("/zh-hans/articles/{slug}/bilingual/?chinese=zh-hant", 1),
    ("/zh-hans/experts/", 1),
    ("/zh-hans/experts/{person}/", 4),
    ("/zh-hans/feed/", 1),
]


@pytest.mark.parametrize(("path", "queries"), QUERY_COUNTS, ids=[p for p, _ in QUERY_COUNTS])
def test_query_counts_are_pinned(client, django_assert_num_queries, path, queries):
    _question, people, articles = make_site()
    article = articles[0]
    for extra in range(6):  # a long body and many opinions on the article itself
        Block.objects.create(article=article, position=10 + extra, text_fr="x", text_zh_hant="字")
    path = path.format(slug=article.slug, person=people[0].slug)
    client.get(path)  # computes the version's figures (counted in the test below)
    with django_assert_num_queries(queries):
        response = client.get(path)
    assert response.status_code == 200


# The first request after a content change also computes the version's figures.
FIRST_QUERY_COUNTS = [
    # Answers as light rows, then only the opinions and people the home page names.
    ("/fr/", 6),
    # Every expert with their counts per stance, in one query.
    ("/fr/experts/", 2),
    # The sources, the count, a page of articles.
    ("/fr/articles/", 4),
    ("/fr/experts/{person}/", 5),
]


@pytest.mark.parametrize(
    ("path", "queries"), FIRST_QUERY_COUNTS, ids=[p for p, _ in FIRST_QUERY_COUNTS]
)
def test_first_request_of_a_version_query_count_is_pinned(
    client, django_assert_num_queries, path, queries
):
    _question, people, articles = make_site()
    path = path.format(person=people[0].slug)
    client.get(path)
    articles[1].save()  # a new content version: the figures are computed again
    with django_assert_num_queries(queries):
        response = client.get(path)
    assert response.status_code == 200


@pytest.mark.parametrize("suffix", ["", "bilingual/"], ids=["article", "bilingual"])
def test_staff_preview_query_count_is_pinned(editor_client, django_assert_num_queries, suffix):
    _question, _people, articles = make_site()
    draft = articles[0]
    draft.status = Article.Status.DRAFT
    draft.save()
    editor_client.get(f"/fr/articles/{draft.slug}/{suffix}")  # the version's figures
    # Session, user and permission look-ups come on top of the public page's first
    # view (a draft is rendered each time, never stored), less the storing.
    with django_assert_num_queries(7 if suffix else 8):
        response = editor_client.get(f"/fr/articles/{draft.slug}/{suffix}")
    assert "Aperçu" in response.content.decode()


@pytest.mark.parametrize(
    ("suffix", "queries"),
    # The version (its figures: the newest articles of each stance, for related
    # articles, already read); article, author and (no) stored HTML; opinions and
    # people; every block (the
    # article's and its opinions', in one query); the HTML stored (savepoint,
    # update, insert, release). The side-by-side page reads no version.
    [("", 8), ("bilingual/", 7)],
    ids=["article", "bilingual"],
)
def test_first_view_of_an_article_query_count_is_pinned(
    client, django_assert_num_queries, suffix, queries
):
    _question, _people, articles = make_site()
    article = articles[0]
    for extra in range(6):
        Block.objects.create(article=article, position=10 + extra, text_fr="x", text_zh_hant="字")
    client.get(f"/fr/articles/{articles[1].slug}/")  # the version's figures
    with django_assert_num_queries(queries):
        response = client.get(f"/fr/articles/{article.slug}/{suffix}")
    assert response.status_code == 200
