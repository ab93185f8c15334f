"""The public glossary: agreed terms side by side, linking to the search."""

import pytest

from terminology.models import Term

from .factories import make_term
from .sitemap_support import sitemap_urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms():
    make_term("service client", "客戶服務")
    make_term("client", "顧客", forbidden_zh_hant="客戶")
    make_term("médias sociaux", "社群媒體", simplified_override="社群媒体")
    make_term("fidélisation", "顧客忠誠度", status="proposed")
    Term.objects.bulk_create(
        Term(french=f"terme {n:02}", chinese=f"術語{n:02}", status="agreed") for n in range(40)
    )


def test_the_glossary_shows_agreed_terms_side_by_side_with_search_links(client, terms):
    html = client.get("/fr/glossary/").content.decode()
    assert '<td lang="fr"><a href="/fr/search/?q=client">client</a></td>' in html
    # Several words: searched as a phrase.
    assert 'href="/fr/search/?q=%22service+client%22">service client</a>' in html
    assert 'href="/fr/search/?q=%E9%A1%A7%E5%AE%A2">顧客</a>' in html
    assert '<span class="glossary__script" lang="zh-Hans"' in html and "社群媒体" in html
    assert "fidélisation" not in html  # proposed terms are not public
    assert html.index(">client<") < html.index(">médias sociaux<") < html.index(">service client<")


def test_the_chinese_glossary_puts_chinese_first(client, terms):
    html = client.get("/zh-hant/glossary/").content.decode()
    assert "<h1>詞彙表</h1>" in html
    row = html[html.index(">客戶服務<") - 60 :]
    assert row.index("客戶服務") < row.index("service client")
    assert 'href="/zh-hant/search/?q=client"' in html


@pytest.mark.parametrize("language", ["fr", "zh-hant"])
def test_the_glossary_query_count_is_pinned(client, terms, django_assert_num_queries, language):
    with django_assert_num_queries(1):
        response = client.get(f"/{language}/glossary/")
    assert response.status_code == 200
    assert response.content.decode().count("<tr id=") == 43


def test_an_empty_glossary_says_so(client):
    assert "Aucun terme validé pour l’instant." in client.get("/fr/glossary/").content.decode()


def test_the_glossary_is_in_the_sitemap(client):
    locations = set(sitemap_urls(client))
    assert {"http://testserver/fr/glossary/", "http://testserver/zh-hant/glossary/"} <= locations


def test_the_simplified_glossary_shows_simplified_forms(client, terms):
    html = client.get("/zh-hans/glossary/").content.decode()
    assert '<th scope="col">简体中文</th><th scope="col">法语</th>' in html
    # Derived (顧客 -> 顾客) and overridden (社群媒体) forms, each searching for itself;
    # the Traditional form beside it.
    assert '<td lang="zh-Hans"><a href="/zh-hans/search/?q=%E9%A1%BE%E5%AE%A2">顾客</a>' in html
    assert '<span class="glossary__script" lang="zh-Hant" title="繁体中文">顧客</span>' in html
    assert ">社群媒体</a>" in html
    row = html[html.index(">客户服务<") - 80 :]
    assert row.index("客户服务") < row.index("service client")


def test_the_simplified_glossary_query_count_is_pinned(client, terms, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/zh-hans/glossary/")
    assert response.content.decode().count("<tr id=") == 43
