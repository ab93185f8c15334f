"""Cross-language search through the glossary: a query holding an agreed term
also finds the texts holding its equivalent, labelled and below the direct results."""

import re

import pytest

from terminology.expansion import expand_query
from terminology.models import Term

from .factories import article_with, days_ago, make_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    make_term("fidélisation", "顧客忠誠度")
    make_term("service client", "客戶服務")
    make_term("réclamation", "投訴", status="proposed")
    article_with(
        slug="direct",
        title_fr="La fidélisation des clients",
        title_zh="如何提升顧客忠誠度",
    )
    # French says it otherwise: only the glossary links it to "fidélisation".
    article_with(slug="loyaute", title_fr="Garder ses clients", title_zh="顧客忠誠度的祕密")
    # Chinese says it otherwise: only the glossary links it to 顧客忠誠度.
    article_with(slug="retenir", title_fr="Réussir la fidélisation", title_zh="留住老顧客")
    article_with(slug="ailleurs", title_fr="Autre chose", title_zh="別的事")


def sections(response):
    """(label, [result links]) for the direct results, then each glossary group."""
    html = response.content.decode()
    direct, _, rest = html.partition('class="search-glossary"')
    found = [("direct", sorted(re.findall(r'href="/\w+(?:-\w+)?/articles/([\w-]+)/"', direct)))]
    for part in rest.split('class="search-glossary"') if rest else []:
        label = re.search(r'class="search-glossary__label"[^>]*>(.*?)</h2>', part, re.S)
        text = re.sub(r"<[^>]+>", "", label.group(1))
        found.append((" ".join(text.split()), re.findall(r'articles/([\w-]+)/"', part)))
    return found


def test_expand_query_finds_agreed_terms_in_either_language(content):
    assert expand_query("la fidélisation") == [("fidélisation", "顧客忠誠度")]
    assert expand_query("FIDELISATION et service clients") == [
        ("fidélisation", "顧客忠誠度"),
        ("service client", "客戶服務"),
    ]
    assert expand_query("顧客忠誠度") == [("fidélisation", "顧客忠誠度")]
    assert expand_query("réclamations") == []  # a proposed term does not expand


def test_a_french_query_finds_chinese_texts_through_the_glossary(client, content):
    response = client.get("/fr/search/", {"q": "fidélisation"})
    assert sections(response) == [
        ("direct", ["direct", "retenir"]),
        ("Trouvé grâce au glossaire : fidélisation ↔ 顧客忠誠度", ["loyaute"]),
    ]
    # The extra result shows the Chinese text where the equivalent matched.
    assert "<mark>顧客忠誠度</mark>的祕密" in response.content.decode()


def test_a_chinese_query_finds_french_texts_through_the_glossary(client, content):
    response = client.get("/zh-hant/search/", {"q": "顧客忠誠度"})
    assert sections(response) == [
        ("direct", ["direct", "loyaute"]),
        ("透過詞彙表找到： fidélisation ↔ 顧客忠誠度", ["retenir"]),
    ]
    assert "Réussir la <mark>fidélisation</mark>" in response.content.decode()


def test_no_glossary_section_without_an_agreed_term(client, content):
    response = client.get("/fr/search/", {"q": "clients"})
    assert [label for label, _ in sections(response)] == ["direct"]


def test_glossary_results_cost_one_query_per_pair(client, content, django_assert_num_queries):
    # Direct search: count + page; glossary: the terms' state, then one query
    # per pair (the terms themselves are read again only when they changed).
    with django_assert_num_queries(5):
        client.get("/fr/search/", {"q": "fidélisation"})
    with django_assert_num_queries(4):
        client.get("/fr/search/", {"q": "fidélisation"})
    with django_assert_num_queries(3):
        client.get("/fr/search/", {"q": "autre"})


def test_the_search_follows_term_edits_at_once(client, content):
    assert "search-glossary" in client.get("/fr/search/", {"q": "fidélisation"}).text
    term = Term.objects.get(french="fidélisation")
    term.status = "proposed"
    term.save()
    assert "search-glossary" not in client.get("/fr/search/", {"q": "fidélisation"}).text
    Term.objects.filter(french="service client").delete()
    assert expand_query("service client") == []


def test_a_simplified_query_expands_through_the_glossary(client, content):
    assert expand_query("顾客忠诚度") == [("fidélisation", "顧客忠誠度")]
    response = client.get("/zh-hans/search/", {"q": "顾客忠诚度"})
    assert sections(response) == [
        ("direct", ["direct", "loyaute"]),
        ("通过术语表找到： fidélisation ↔ 顾客忠诚度", ["retenir"]),
    ]
    assert '<span lang="zh-Hans">顾客忠诚度</span>' in response.text
    assert "Réussir la <mark>fidélisation</mark>" in response.text


def test_a_french_query_shows_chinese_glossary_hits_in_simplified(client, content):
    response = client.get("/zh-hans/search/", {"q": "fidélisation"})
    assert sections(response) == [
        ("direct", ["direct", "retenir"]),
        ("通过术语表找到： fidélisation ↔ 顾客忠诚度", ["loyaute"]),
    ]
    assert "<mark>顾客忠诚度</mark>的秘密" in response.text


def test_a_terms_simplified_override_expands_and_is_found(client, content):
    make_term("clientèle", "客群", simplified_override="顾客群")
    article_with(slug="groupe", title_fr="Autre", title_zh="別的", body=[("", "說明")])
    from articles.models import Block

    block = Block.objects.get(article__slug="groupe")
    block.text_zh_hans = "我们的顾客群很广。"
    block.save()
    assert expand_query("顾客群") == [("clientèle", "客群")]
    response = client.get("/fr/search/", {"q": "clientèle"})
    assert ("Trouvé grâce au glossaire : clientèle ↔ 客群", ["groupe"]) in sections(response)


def test_simplified_glossary_search_costs_what_traditional_does(
    client, content, django_assert_num_queries
):
    client.get("/zh-hant/search/", {"q": "顧客忠誠度"})  # the termbase is loaded once
    with django_assert_num_queries(4):
        client.get("/zh-hant/search/", {"q": "顧客忠誠度"})
    with django_assert_num_queries(4):
        client.get("/zh-hans/search/", {"q": "顾客忠诚度"})


@pytest.mark.parametrize("window", [1, 2, 3, 4, 5, 6, 100])
def test_the_glossary_shows_the_newest_equivalents_whatever_the_window(
    client, db, monkeypatch, window
):
    # SQLite looks at the first WINDOW entries in result order before it sorts
    # every match (fulltext.SQLiteBackend.first_excluding): whether that window
    # holds five matches or fewer, the reader sees the same five, newest first.
    from search.fulltext import SQLiteBackend

    make_term("fidélisation", "顧客忠誠度")
    for day in range(12):
        # Every third article (newest included) says it in Chinese only.
        title_zh = "顧客忠誠度的祕密" if day % 3 == 0 or day > 8 else "別的事"
        article_with(
            slug=f"jour-{day}",
            title_fr=f"Jour {day}",
            title_zh=title_zh,
            published_at=days_ago(day + 1),
        )
    monkeypatch.setattr(SQLiteBackend, "WINDOW", window)
    response = client.get("/fr/search/", {"q": "fidélisation"})
    assert sections(response)[1:] == [
        (
            "Trouvé grâce au glossaire : fidélisation ↔ 顧客忠誠度",
            ["jour-0", "jour-3", "jour-6", "jour-9", "jour-10"],
        )
    ]


def test_sqlite_reads_the_glossary_window_in_index_order(db):
    # Without the result-order index (migration 0008; a table rebuild drops it)
    # SQLite would sort every public entry to find the first 50.
    from django.db import connection

    from search.models import SearchEntry
    from search.text import parse_query

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan")
    found = SearchEntry.objects.search(parse_query("顧客"))
    first = found.backend.first_excluding(found.public, found.query, parse_query("client"), 5)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {first.sql}", first.params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "USING INDEX search_entry_result_order" in plan
