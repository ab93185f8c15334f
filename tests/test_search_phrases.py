"""Phrases (quoted French words, Chinese runs): found only when their words are
side by side and in order, however the database answers them (PostgreSQL asks
its index for pairs of adjacent words first)."""

import re

import pytest

from articles.models import Block

from .factories import article_with

pytestmark = pytest.mark.django_db


def found(client, q):
    response = client.get("/fr/search/", {"q": q})
    assert response.status_code == 200
    return sorted(href.split("/")[3] for href in _hrefs(response.content.decode()))


def _hrefs(html):
    return re.findall(r'class="search-result-title"[^>]*><a href="([^"]+)"', html)


@pytest.fixture
def texts(db):
    article_with(
        title_fr="Accueil", body=[("Un service client heureux revient.", "")], slug="together"
    )
    # Every adjacent pair of the phrase, but never the three words in a row.
    article_with(
        title_fr="Accueil",
        body=[("Le service client compte. Un client heureux revient.", "")],
        slug="apart",
    )
    article_with(title_fr="Accueil", body=[("", "好的顧客服務先傾聽。")], slug="zh-together")
    article_with(title_fr="Accueil", body=[("", "顧客說：客服很好，服務也是。")], slug="zh-apart")


@pytest.mark.parametrize(
    "q, expected",
    [
        ('"service client heureux"', ["together"]),
        ('"client heureux"', ["apart", "together"]),
        ('"Services Clients"', ["apart", "together"]),
        ('"heureux client"', []),
        ("顧客服務", ["zh-together"]),
        ("客服", ["zh-apart", "zh-together"]),
        ("服務顧客", []),
        ('"service client heureux" 顧客服務', []),
    ],
    ids=[
        "three-words",
        "two-words",
        "plural-and-case",
        "reversed",
        "four-chars",
        "two-chars",
        "chars-reversed",
        "both-phrases",
    ],
)
def test_phrases_need_their_words_in_a_row(client, texts, q, expected):
    assert found(client, q) == expected


def test_phrases_follow_edits(client, db):
    article = article_with(title_fr="Accueil", body=[("Un bon service client.", "")], slug="edited")
    assert found(client, '"service client"') == ["edited"]
    block = Block.objects.get(article=article)
    block.text_fr = "Le client attend un service rapide."
    block.save()
    assert found(client, '"service client"') == []
    assert found(client, '"service rapide"') == ["edited"]


def test_a_two_word_phrase_does_not_run_from_one_field_into_the_next(client, db):
    # Both databases answer two words from pair tokens made field by field.
    article_with(title_fr="Notre service", standfirst_fr="Client ravi", slug="fields")
    article_with(
        title_fr="Accueil", body=[("Le service", "顧"), ("Client ravi", "客")], slug="blocks"
    )
    assert found(client, '"service client"') == ["blocks"]  # blocks are one field
    assert found(client, "顧客") == ["blocks"]
    assert found(client, '"ravi service"') == []


def test_a_phrase_in_the_title_comes_before_one_in_the_body(client, db):
    article_with(title_fr="Accueil", body=[("Un service client", "")], slug="body")
    article_with(title_fr="Le service client", slug="title")
    response = client.get("/fr/search/", {"q": '"service client"'})
    assert [href.split("/")[3] for href in _hrefs(response.content.decode())] == ["title", "body"]
