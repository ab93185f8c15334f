"""Hardened responses: CSP without inline code, Permissions-Policy, no OPTIONS/TRACE,
a bounded search log, one log line per disallowed Host."""

import io
import logging
import re

import pytest
from django.test import Client

from search.models import ZeroResultQuery

from .factories import make_article, make_person, make_question

PUBLIC_PAGES = [
    "/fr/",
    "/zh-hant/articles/",
    "/fr/articles/stanced/",
    "/fr/articles/stanced/bilingual/",
    "/fr/experts/",
    "/fr/experts/ada/",
    "/fr/search/?q=client",
    "/fr/no-such-page/",
]


@pytest.fixture
def site(db):
    make_question()
    ada = make_person(slug="ada", name_fr="Ada", name_zh_hant="艾達")
    make_article(slug="stanced", blocks=2, opinions=3, people=[ada, make_person(), make_person()])


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_a_strict_csp_and_no_inline_code(client, site, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    html = response.content.decode()
    assert not re.search(r"<style|\sstyle=|\son[a-z]+=", html)
    # The only inline scripts are JSON-LD data blocks, which browsers do not run.
    assert set(re.findall(r"<script([^>]*)>", html)) <= {' type="application/ld+json"'}
    assert "camera=()" in response["Permissions-Policy"]


def test_the_stance_bar_widths_are_classes(client, site):
    html = client.get("/fr/").content.decode()
    # One opinion per stance: a third of the bar each (7 twentieths).
    assert html.count("stance-bar__segment--share-7") == 3


@pytest.mark.django_db
def test_the_admin_has_a_workable_csp_of_its_own(admin_client):
    response = admin_client.get("/admin/articles/article/add/")
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "Permissions-Policy" in response


@pytest.mark.parametrize("method", ["options", "trace"])
@pytest.mark.parametrize("path", ["/fr/", "/fr/articles/stanced/", "/fr/search/?q=x", "/"])
def test_options_and_trace_are_refused(client, site, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert b"stanced" not in response.content


@pytest.mark.django_db
def test_the_zero_result_log_is_rate_limited_per_client(settings):
    settings.SEARCH_LOG_PER_CLIENT = 10
    flooder = Client(REMOTE_ADDR="203.0.113.5")
    for number in range(30):
        assert flooder.get(f"/fr/search/?q=licorne{number}").status_code == 200
    assert ZeroResultQuery.objects.count() == 10
    Client(REMOTE_ADDR="198.51.100.5").get("/fr/search/?q=dragon")
    assert ZeroResultQuery.objects.filter(query="dragon").exists()


@pytest.mark.django_db
def test_the_zero_result_log_is_bounded_in_total(settings):
    settings.SEARCH_LOG_MAX_ROWS = 5
    for number in range(8):
        Client(REMOTE_ADDR=f"203.0.113.{number}").get(f"/fr/search/?q=licorne{number}")
    assert ZeroResultQuery.objects.count() == 5
    # A search already listed is still counted.
    Client(REMOTE_ADDR="198.51.100.9").get("/fr/search/?q=licorne0")
    assert ZeroResultQuery.objects.get(query="licorne0").count == 2


@pytest.mark.django_db
def test_a_disallowed_host_is_logged_on_one_line():
    # The project's handler (pytest adds capturing ones beside it).
    (handler,) = [
        h
        for h in logging.getLogger("django.security.DisallowedHost").handlers
        if type(h) is logging.StreamHandler
    ]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        response = Client(raise_request_exception=False).get("/fr/", HTTP_HOST="evil.example")
    finally:
        handler.setStream(previous)
    assert response.status_code == 400
    logged = stream.getvalue().splitlines()
    assert len(logged) == 1, logged
    assert "Invalid HTTP_HOST header: 'evil.example'" in logged[0]
    assert "Traceback" not in logged[0]
