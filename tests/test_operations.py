"""The health check, database errors as 503s, and the PostgreSQL timeouts."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client


@pytest.mark.django_db
def test_healthz_answers_200_with_no_secrets_and_is_never_cached(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_healthz_is_not_redirected_to_https_behind_the_proxy(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/fr/").status_code == 301
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_healthz_answers_503_when_the_cache_fails(client):
    with mock.patch("operations.views.cache.set", side_effect=ConnectionError("refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "failing"}


def failing_database(error):
    return mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=error("server closed")
    )


@pytest.mark.django_db
@pytest.mark.parametrize("error", [OperationalError, InterfaceError], ids=lambda e: e.__name__)
@pytest.mark.parametrize(
    ("path", "text"),
    [("/fr/articles/", "temporairement indisponible"), ("/zh-hant/experts/", "暫時無法使用")],
    ids=["fr", "zh-hant"],
)
def test_a_database_error_in_a_page_is_a_localized_503(error, path, text):
    client = Client(raise_request_exception=False)
    with failing_database(error):
        response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert text in response.content.decode()


@pytest.mark.django_db
def test_a_database_error_outside_a_view_is_a_503_too():
    # An unknown article's 404 goes through the old-slug middleware's query.
    client = Client(raise_request_exception=False)
    with mock.patch(
        "reading.middleware.Article.objects.filter", side_effect=OperationalError("gone")
    ):
        response = client.get("/fr/articles/no-such-article/")
    assert response.status_code == 503
    assert "temporairement indisponible" in response.content.decode()


@pytest.mark.django_db
def test_other_errors_stay_500(settings):
    client = Client(raise_request_exception=False)
    with mock.patch("reading.views.render", side_effect=ValueError("bug")):
        response = client.get("/fr/")
    assert response.status_code == 500
    # Django's handler renders it with no context: the shared error-page base needs none.
    page = response.content.decode()
    assert '<html lang="fr">' in page
    assert "Un problème est survenu de notre côté" in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's session settings")
@pytest.mark.django_db
def test_postgresql_sessions_have_a_statement_and_a_connect_timeout():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "10s"
    assert connection.get_connection_params()["connect_timeout"] == 5


@pytest.mark.django_db
def test_the_workers_warm_up_compiles_every_template_without_the_database(
    django_assert_num_queries,
):
    """gunicorn.conf.py runs it in the master before forking: a query there would
    hand one connection to every worker, and a broken template would stop the start."""
    from django.template import engines

    from operations.warmup import THIRD_PARTY_TEMPLATES, project_templates, warm_up

    names = project_templates()
    assert {"base.html", "reading/article_detail.html", "feedback/vote_fields.html"} <= set(names)
    with django_assert_num_queries(0):
        warm_up()
    engine = engines["django"].engine
    [cached] = [
        loader for loader in engine.template_loaders if hasattr(loader, "get_template_cache")
    ]
    assert set(names + THIRD_PARTY_TEMPLATES) <= set(cached.get_template_cache)
