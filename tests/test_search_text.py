"""How queries are read and matches highlighted (no database)."""

import random

import pytest

import search.text
from search.text import find_matches, highlight, parse_query, snippet, stem, words


@pytest.mark.parametrize(
    "q, phrases",
    [
        ("Réponse", (("réponse",),)),
        ('"service client" roi', (("service", "client"), ("roi",))),
        ("«le roi»", (("le", "roi"),)),
        ("「客戶服務」", (("客", "戶", "服", "務"),)),
        ("顧客 服務", (("顧", "客"), ("服", "務"))),
        ("l'article", (("l", "article"),)),
        ('"unclosed words', (("unclosed",), ("words",))),
        ("NEAR AND OR NOT", (("near",), ("and",), ("or",), ("not",))),
        ("% _ ' \" \\ * ( ) :", ()),
        ("client client", (("client",),)),
    ],
    ids=[
        "word",
        "phrase-and-word",
        "french-quotes",
        "chinese-quotes",
        "chinese-words",
        "elision",
        "unclosed-quote",
        "operators",
        "punctuation-only",
        "repeated",
    ],
)
def test_queries_are_read_as_phrases_of_words(q, phrases):
    assert parse_query(q).phrases == phrases


def test_accents_case_and_plural_share_a_stem():
    assert stem("réponses") == stem("Reponse".casefold()) == stem("réponse")
    assert stem("clients") == stem("client")


def test_full_width_and_decomposed_text_give_the_same_words():
    assert words("ＣＬＩＥＮＴ") == ["client"]
    assert words("re\u0301ponse") == words("réponse")


def test_matches_are_highlighted_and_the_rest_escaped():
    text = "Le <client> & ses clients ; 顧客至上"
    matches = find_matches(text, parse_query("client 顧客"))
    html = highlight(text, matches)
    assert html == (
        "Le &lt;<mark>client</mark>&gt; &amp; ses <mark>clients</mark> ; <mark>顧客</mark>至上"
    )


def test_a_snippet_shows_the_first_match_in_a_long_text():
    text = "début " + "remplissage " * 200 + "la réponse attendue " + "suite " * 200
    excerpt = snippet(text, find_matches(text, parse_query("reponse"), window=220))
    assert "<mark>réponse</mark>" in excerpt
    assert excerpt.startswith("… ") and excerpt.endswith(" …")
    assert len(excerpt) < 300


def test_long_texts_find_a_match_past_false_candidates():
    # "clientèle" starts like "client" but is another word.
    text = "clientèle " * 300 + "un client " + "fin " * 300
    matches = find_matches(text, parse_query("client"), window=220)
    assert [text[s:e] for s, e in matches] == ["client"]


@pytest.mark.parametrize(
    ("text", "q", "expected"),
    [
        # Folded into more letters ("œ" -> "oe", "ß" -> "ss"), short and long.
        ("Une Œuvre", "oeuvres", ["Œuvre"]),
        ("fin " * 200 + "une Œuvre majeure " + "fin " * 200, "oeuvre", ["Œuvre"]),
        ("fin " * 200 + "Straße " + "fin " * 200, "strasse", ["Straße"]),
        # Accents as separate combining marks, and full-width letters.
        ("la re\u0301ponse", "réponse", ["re\u0301ponse"]),
        ("fin " * 200 + "ＣＬＩＥＮＴＳ" + " fin" * 200, "client", ["ＣＬＩＥＮＴＳ"]),
        # Plural and stem changes: "eaux" is stemmed "eau".
        ("Les EAUX troubles", "eau", ["EAUX"]),
        # The other language's text holds nothing.
        ("顧客至上", "client", []),
        ("Le client", "顧客", []),
    ],
)
def test_matches_are_found_however_the_text_is_written(text, q, expected):
    matches = find_matches(text, parse_query(q), window=220)
    assert [text[s:e] for s, e in matches] == expected


def test_matching_only_where_a_needle_starts_a_word_finds_every_match(monkeypatch):
    # The fast path (candidates only) against cutting the whole text into words.
    vocabulary = [
        "Client", "clients", "clientèle", "RÉPONSE", "réponses", "eaux", "eau", "Œuvre",
        "œuvres", "l'avis", "prix", "qualité", "顧客", "客戶", "服務", "的", "x2", "2x",
        "déclient", "«service", "client»", "—", "...", "…", "é", "i", "ïle", "naïveté",
    ]  # fmt: skip
    queries = ["client", "reponse", "eau", "oeuvre", '"service client"', "顧", "客戶", "i", "x2"]
    rng = random.Random(7)
    texts = [
        "".join(
            rng.choice(vocabulary) + rng.choice(["", " ", ", ", "\n"])
            for _ in range(rng.randint(1, 25))
        )
        for _ in range(300)
    ]
    queries = [parse_query(q) for q in queries]
    fast = [[find_matches(text, query) for query in queries] for text in texts]
    monkeypatch.setattr(search.text, "_fold_keeping_offsets", lambda text: None)
    slow = [[find_matches(text, query) for query in queries] for text in texts]
    assert fast == slow
    assert sum(bool(found) for row in fast for found in row) > 500  # most texts match
