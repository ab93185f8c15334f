"""The public page cache: fast for anonymous readers, never stale after an edit,
and nobody can make it serve their host, scheme or query string to others."""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article
from reading.caching import STORE, finish_response

from .factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.ALLOWED_HOSTS = ["kb.example.org", "evil.test", "testserver"]
    STORE.clear()


def test_a_second_visit_costs_one_query_and_no_middleware(
    client, page_cache, django_assert_num_queries
):
    url = f"/fr/articles/{make_article(opinions=2).slug}/"
    first = client.get(url)
    with django_assert_num_queries(1):  # the content version
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    # Served before the session middleware ran (and the auth and CSRF ones after it).
    assert hasattr(first.wsgi_request, "session")
    assert not hasattr(second.wsgi_request, "session")


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


def test_a_scheduled_article_appears_at_its_time_without_a_save(client, page_cache):
    now = timezone.now()
    make_article(title_fr="Prévu pour bientôt", published_at=now + timedelta(hours=1))
    assert "Prévu pour bientôt" not in client.get("/fr/articles/").text
    assert "Prévu pour bientôt" not in client.get("/fr/articles/").text  # from the cache
    with mock.patch("django.utils.timezone.now", return_value=now + timedelta(hours=2)):
        assert "Prévu pour bientôt" in client.get("/fr/articles/").text


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


def test_signed_in_users_get_the_page_built_for_them(client, page_cache, editor_user):
    url = f"/fr/articles/{make_article().slug}/"
    client.get(url)  # stored for anonymous readers
    client.force_login(editor_user)
    response = client.get(url)
    assert hasattr(response.wsgi_request, "session")  # not served from the cache
    assert "private" in response["Cache-Control"]


def test_a_response_that_sets_a_cookie_is_not_kept(rf, page_cache):
    from django.http import HttpResponse

    request = rf.get("/fr/")
    request._public_page = ((), "")
    response = HttpResponse("page")
    response.set_cookie("csrftoken", "x")
    finish_response(request, response)
    assert len(STORE) == 0
    assert "private" in response["Cache-Control"]


def test_pages_are_built_afresh_when_the_cache_is_off(client, settings):
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    url = f"/fr/articles/{make_article().slug}/"
    client.get(url)  # its first view also stores the article's body
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    assert len(second) == len(first) > 1


# --- Poisoning: another allowed host, plain http, tracking parameters


def _absolute_urls(client, path, **headers):
    """The absolute URLs a page gives others: canonical, Open Graph, JSON-LD, feed, sitemap."""
    return client.get(path, **headers).text


@pytest.mark.parametrize(
    "path",
    ["/fr/", "/fr/articles/{slug}/", "/fr/articles/{slug}/bilingual/", "/fr/feed/", "/sitemap.xml"],
    ids=["home", "article", "bilingual", "feed", "sitemap"],
)
def test_another_host_cannot_put_itself_into_others_pages(client, page_cache, path):
    path = path.format(slug=make_article(opinions=1).slug)
    poisoned = client.get(path, HTTP_HOST="evil.test").text
    assert "http://evil.test/" in poisoned  # the attacker's own copy
    page = client.get(path, HTTP_HOST="kb.example.org").text
    assert "evil.test" not in page
    assert "http://kb.example.org/" in page


def test_canonical_open_graph_and_json_ld_name_the_readers_host(client, page_cache):
    url = f"/fr/articles/{make_article().slug}/"
    client.get(url, HTTP_HOST="evil.test")
    page = client.get(url, HTTP_HOST="kb.example.org").text
    assert f'<link rel="canonical" href="http://kb.example.org{url}">' in page
    assert f'<meta property="og:url" content="http://kb.example.org{url}">' in page
    assert f'"url": "http://kb.example.org{url}"' in page


def test_plain_http_cannot_downgrade_the_https_pages(client, page_cache):
    url = f"/fr/articles/{make_article().slug}/"
    client.get(url, HTTP_HOST="kb.example.org")  # plain http, behind no proxy
    page = client.get(url, HTTP_HOST="kb.example.org", HTTP_X_FORWARDED_PROTO="https").text
    assert f'<link rel="canonical" href="https://kb.example.org{url}">' in page
    assert "http://kb.example.org" not in page


def test_tracking_parameters_share_the_plain_page(client, page_cache, django_assert_num_queries):
    url = f"/fr/articles/{make_article().slug}/"
    plain = client.get(url)
    for n in range(20):
        with django_assert_num_queries(1):
            tracked = client.get(url, {"utm_source": f"campaign-{n}", "fbclid": "x"})
        assert tracked.content == plain.content
    assert len(STORE) == 1


def test_a_page_built_for_a_tracked_url_does_not_repeat_the_parameters(client, page_cache):
    url = f"/fr/articles/{make_article().slug}/"
    first = client.get(url, {"utm_source": "<evil>"}).text
    assert "utm_source" not in first and "evil" not in first
    assert client.get(url).text == first


def test_the_list_keeps_the_parameters_it_reads(client, page_cache):
    for n in range(12):
        make_article(title_fr=f"Article {n:02d}")
    first = client.get("/fr/articles/").text
    second = client.get("/fr/articles/", {"page": "2", "utm_medium": "mail"}).text
    assert first != second
    assert client.get("/fr/articles/?page=2").text == second
    assert len(STORE) == 2
    client.get("/fr/articles/?stance=no&page=2")
    client.get("/fr/articles/?page=2&stance=no&gclid=1")
    assert len(STORE) == 3


# --- Several processes: the version is in the database, the pages in each process


@pytest.mark.django_db(transaction=True)
def test_a_save_through_another_connection_invalidates(client, page_cache):
    article = make_article(title_fr="Version du premier serveur")
    url = f"/fr/articles/{article.slug}/"
    assert "Version du premier serveur" in client.get(url).text

    def other_process():
        # A thread has its own database connection, as another worker would;
        # nothing in this process's memory is told about the save.
        try:
            other = Article.objects.get(pk=article.pk)
            other.title_fr = "Publié par un autre serveur"
            other.save()
        finally:
            connection.close()

    thread = threading.Thread(target=other_process)
    thread.start()
    thread.join()
    assert "Publié par un autre serveur" in client.get(url).text


def test_the_memory_given_to_pages_is_bounded(client, page_cache, settings):
    slugs = [make_article(title_fr=f"Article {n}").slug for n in range(6)]
    one_page = len(client.get(f"/fr/articles/{slugs[0]}/").content)
    settings.PAGE_CACHE_MAX_BYTES = 3 * (one_page + 1024)
    for slug in slugs:
        client.get(f"/fr/articles/{slug}/")
    assert 0 < len(STORE) <= 3
    assert STORE.size <= settings.PAGE_CACHE_MAX_BYTES
    # The most recent pages are the ones kept.
    assert not hasattr(client.get(f"/fr/articles/{slugs[-1]}/").wsgi_request, "session")


def test_hits_are_served_before_the_middleware_they_do_not_need(settings):
    order = settings.MIDDLEWARE
    cache = order.index("reading.caching.PageCacheMiddleware")
    assert order.index("whitenoise.middleware.WhiteNoiseMiddleware") < cache
    for name in (
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.locale.LocaleMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
    ):
        assert cache < order.index(name), name
