"""Behind a TLS proxy with the https redirect on, discovery files still answer on plain
http (crawlers and Lighthouse fetch them there) instead of redirecting."""

import pytest
from django.templatetags.static import static

pytestmark = pytest.mark.django_db


@pytest.fixture
def https_redirect(settings):
    settings.SECURE_SSL_REDIRECT = True


@pytest.mark.parametrize(
    "path",
    ["/robots.txt", "/sitemap.xml", "/sitemap-articles.xml"],
    ids=["robots", "sitemap", "sitemap-section"],
)
def test_discovery_files_answer_on_plain_http(client, https_redirect, path):
    response = client.get(path, HTTP_X_FORWARDED_PROTO="http")
    assert response.status_code == 200


def test_the_favicon_is_reached_without_going_through_https(client, https_redirect):
    response = client.get("/favicon.ico", HTTP_X_FORWARDED_PROTO="http")
    assert response.status_code == 302
    assert response["Location"] == static("img/favicon.svg")  # same scheme, no https hop
    onward = client.get(response["Location"], HTTP_X_FORWARDED_PROTO="http")
    assert not onward.get("Location", "").startswith("https://")


def test_pages_still_redirect_to_https(client, https_redirect):
    response = client.get("/fr/", HTTP_X_FORWARDED_PROTO="http")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/fr/"
