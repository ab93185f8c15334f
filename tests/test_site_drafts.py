"""Drafts and scheduled articles: invisible to the public, previewed by staff."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article

from .factories import make_article, make_person, make_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_articles():
    person = make_person(slug="ada", name_fr="Ada")
    public = make_article(slug="public", title_fr="Article public", opinions=1, people=[person])
    draft = make_article(
        slug="brouillon",
        title_fr="Article brouillon",
        status=Article.Status.DRAFT,
        opinions=1,
        people=[person],
    )
    scheduled = make_article(
        slug="programme",
        title_fr="Article programmé",
        published_at=timezone.now() + timedelta(days=2),
        opinions=1,
        people=[person],
    )
    make_question()
    return public, draft, scheduled


@pytest.mark.parametrize(
    "path",
    [
        "/fr/",
        "/fr/articles/",
        "/fr/feed/",
        "/sitemap-articles.xml",
        "/fr/experts/ada/",
        "/fr/articles/public/",
    ],
    ids=["home", "list", "feed", "sitemap", "expert", "related"],
)
def test_drafts_and_scheduled_are_invisible_to_the_public(client, hidden_articles, path):
    body = client.get(path).text
    assert "Article brouillon" not in body and "/brouillon/" not in body
    assert "Article programmé" not in body and "/programme/" not in body


@pytest.mark.parametrize("slug", ["brouillon", "programme"])
@pytest.mark.parametrize("suffix", ["", "bilingual/"])
def test_public_gets_404_for_unpublished(client, hidden_articles, slug, suffix):
    assert client.get(f"/fr/articles/{slug}/{suffix}").status_code == 404


@pytest.mark.parametrize(
    ("slug", "message"),
    [("brouillon", "C’est un brouillon."), ("programme", "Sa publication est programmée le")],
    ids=["draft", "scheduled"],
)
@pytest.mark.parametrize("suffix", ["", "bilingual/"])
def test_staff_preview_has_banner_and_noindex(
    editor_client, hidden_articles, slug, message, suffix
):
    response = editor_client.get(f"/fr/articles/{slug}/{suffix}")
    assert response.status_code == 200
    body = response.text
    assert "Aperçu\u00a0: cet article n’est pas public." in body
    assert message in body
    assert '<meta name="robots" content="noindex">' in body
    assert "application/ld+json" not in body


def test_staff_sees_public_article_without_banner(editor_client, hidden_articles):
    body = editor_client.get("/fr/articles/public/").text
    assert "preview-banner" not in body and 'content="noindex"' not in body
