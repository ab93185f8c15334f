"""Error pages, and pages of an empty site."""

import pytest

from .factories import make_article

pytestmark = pytest.mark.django_db


# --- 404 and 500


@pytest.mark.parametrize(
    ("path", "text"),
    [("/fr/nulle-part/", "Page introuvable"), ("/zh-hant/nulle-part/", "找不到網頁")],
    ids=["fr", "zh-hant"],
)
def test_404_is_localized(client, path, text):
    make_article()
    response = client.get(path)
    assert response.status_code == 404
    body = response.text
    assert text in body and '<meta name="robots" content="noindex">' in body


@pytest.mark.parametrize(
    ("language", "text"),
    [("fr", "Un problème est survenu de notre côté"), ("zh-hant", "我們這邊出了點問題")],
    ids=["fr", "zh-hant"],
)
def test_500_renders_without_request_context_or_database(
    rf, language, text, django_assert_num_queries
):
    from django.utils import translation
    from django.views.defaults import server_error

    with translation.override(language), django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert text in response.content.decode()


@pytest.mark.parametrize(
    "path",
    ["/fr/", "/zh-hant/", "/fr/articles/", "/fr/experts/", "/fr/feed/", "/sitemap.xml"],
)
def test_an_empty_site_still_renders(client, path):
    assert client.get(path).status_code == 200
