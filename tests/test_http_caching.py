"""HTTP caching of the public pages: validators from the content version, 304s,
Cache-Control by audience, Vary only where the page varies."""

import pytest

from reading.caching import STORE

from .factories import make_article

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/fr/",
    "/zh-hant/",
    "/fr/articles/",
    "/fr/articles/{slug}/",
    "/fr/articles/{slug}/bilingual/",
    "/fr/experts/",
    "/fr/feed/",
    "/sitemap.xml",
]


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_MAX_AGE = 60
    settings.PAGE_STALE_WHILE_REVALIDATE = 300
    STORE.clear()


@pytest.fixture
def slug(db):
    return make_article(opinions=1).slug


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_anonymous_pages_are_public_with_validators(client, page_cache, slug, path):
    response = client.get(path.format(slug=slug))
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60, stale-while-revalidate=300"
    assert response["ETag"].startswith('W/"')
    assert response["Last-Modified"].endswith(" GMT")
    # The language is in the path; anonymous readers all get the same page.
    assert "Accept-Language" not in response.get("Vary", "")
    assert "Cookie" not in response.get("Vary", "")


def test_only_the_root_varies_by_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-TW")
    assert response.status_code == 302
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize("cached", [True, False], ids=["stored", "not-yet-stored"])
def test_a_conditional_get_is_answered_304_without_building_the_page(
    client, page_cache, slug, django_assert_num_queries, cached
):
    url = f"/fr/articles/{slug}/"
    etag = client.get(url)["ETag"]
    if not cached:
        STORE.clear()  # another worker, which never built the page
    with django_assert_num_queries(1):  # the content version only
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"].startswith("public")


def test_if_modified_since_is_answered_304(client, page_cache, slug):
    url = f"/fr/articles/{slug}/"
    last_modified = client.get(url)["Last-Modified"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_an_edit_changes_the_validators(client, page_cache):
    article = make_article(title_fr="Avant")
    url = f"/fr/articles/{article.slug}/"
    etag = client.get(url)["ETag"]
    article.title_fr = "Après"
    article.save()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Après" in response.text
    assert response["ETag"] != etag


def test_staff_pages_are_private(editor_client, page_cache, slug):
    response = editor_client.get(f"/fr/articles/{slug}/")
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "ETag" not in response


def test_with_the_page_cache_off_pages_stay_public_without_validators(client, slug):
    response = client.get(f"/fr/articles/{slug}/")
    assert response["Cache-Control"].startswith("public, max-age=")
    assert "ETag" not in response


def test_search_is_not_a_cached_page(client, page_cache):
    response = client.get("/fr/search/", {"q": "client"})
    assert response.status_code == 200
    assert "ETag" not in response
    assert len(STORE) == 0
