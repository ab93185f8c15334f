"""The search page: what readers find, in French and Chinese, on both databases."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from articles.models import Article
from search.pager import SearchResults

from .factories import article_with, days_ago, make_article, make_person, opinion_with

pytestmark = pytest.mark.django_db


def search(client, q, lang="fr", **params):
    return client.get(f"/{lang}/search/", {"q": q, **params})


def titles(response):
    """Result titles in order, as the reader sees them (marks removed)."""
    html = response.content.decode()
    found = re.findall(r'class="search-result-title"[^>]*><a [^>]*>(.*?)</a>', html, re.S)
    return [re.sub(r"</?mark>", "", t) for t in found]


def hrefs(response):
    html = response.content.decode()
    return re.findall(r'class="search-result-title"[^>]*><a href="([^"]+)"', html)


@pytest.fixture
def corpus(db):
    """A small bilingual corpus with known words."""
    reponse = article_with(
        title_fr="La réponse au client mécontent",
        title_zh="對不滿客戶的回應",
        standfirst_fr="Comment répondre",
        standfirst_zh="如何回應",
        body=[
            ("Un bon service client écoute d'abord.", "顧客永遠是對的嗎？好的客戶服務先傾聽。"),
            ("Le client n'est pas un roi, dit-on.", "有人說顧客不是國王。"),
        ],
        slug="reponse",
    )
    separe = article_with(
        title_fr="Le service, puis le client",
        title_zh="服務，然後是客人",
        body=[("Le service compte ; le client aussi.", "服務很重要；客人也是。")],
        slug="separe",
    )
    expert = make_person(
        slug="marie-curie",
        name_fr="Marie Lemaître",
        name_zh_hant="瑪麗",
        bio_fr="Spécialiste de la fidélisation.",
        bio_zh_hant="忠誠度專家。",
    )
    opinion = opinion_with(
        reponse,
        person=expert,
        headline_fr="La politesse avant tout",
        headline_zh="禮貌第一",
        body=[("Restez courtois face aux exigences.", "面對要求要保持禮貌。")],
        anchor="marie-lemaitre",
    )
    return {"reponse": reponse, "separe": separe, "expert": expert, "opinion": opinion}


def test_every_page_has_the_search_box(client, corpus):
    for url in ["/fr/", "/zh-hant/", "/fr/articles/reponse/", "/fr/search/"]:
        html = client.get(url).content.decode()
        assert 'action="/' in html and 'role="search"' in html, url
        assert re.search(r'<input[^>]+name="q"', html), url


def test_the_query_is_shown_back_in_the_box(client, corpus):
    html = search(client, "réponse").content.decode()
    assert re.search(r'<input[^>]+name="q"[^>]+value="réponse"', html)


@pytest.mark.parametrize(
    "q",
    ["réponse", "reponse", "REPONSE", "Réponses", "réPONSE"],
    ids=["exact", "no-accent", "capitals", "plural", "mixed-case"],
)
def test_french_ignores_case_accents_and_plural(client, corpus, q):
    assert "La réponse au client mécontent" in titles(search(client, q))


@pytest.mark.parametrize("q", ["clients", "client", "CLIENTS"], ids=["plural", "singular", "caps"])
def test_singular_and_plural_find_each_other(client, corpus, q):
    assert set(titles(search(client, q))) >= {
        "La réponse au client mécontent",
        "Le service, puis le client",
    }


def test_a_quoted_phrase_needs_its_words_side_by_side(client, corpus):
    assert titles(search(client, '"service client"')) == ["La réponse au client mécontent"]
    assert set(titles(search(client, "service client"))) == {
        "La réponse au client mécontent",
        "Le service, puis le client",
    }


@pytest.mark.parametrize(
    "q, expected",
    [
        ("顧", ["La réponse au client mécontent"]),
        ("客戶", ["La réponse au client mécontent"]),
        ("客人", ["Le service, puis le client"]),
        ("客", ["La réponse au client mécontent", "Le service, puis le client"]),
        ("顧客永遠", ["La réponse au client mécontent"]),
        ("戶客", []),
    ],
    ids=["one-char", "two-chars", "other-two-chars", "common-char", "four-chars", "reversed"],
)
def test_chinese_finds_substrings(client, corpus, q, expected):
    # Results are shown in the reader's language when it matched; here only
    # the Chinese text did, so titles come in Chinese: compare the article slugs.
    slugs = {"La réponse au client mécontent": "reponse", "Le service, puis le client": "separe"}
    found = [href.split("/")[3] for href in hrefs(search(client, q))]
    assert sorted(found) == sorted(slugs[t] for t in expected)


def test_chinese_matches_link_to_the_chinese_page_and_are_labelled(client, corpus):
    response = search(client, "顧")
    html = response.content.decode()
    assert hrefs(response) == ["/zh-hant/articles/reponse/"]
    assert 'data-lang="zh-hant"' in html and 'data-lang="fr"' not in html
    assert "<mark>顧</mark>" in html


def test_a_mixed_french_and_chinese_query(client, corpus):
    response = search(client, "client 顧客")
    assert hrefs(response) == ["/fr/articles/reponse/"]
    html = response.content.decode()
    assert 'data-lang="fr"' in html and 'data-lang="zh-hant"' in html


@pytest.mark.parametrize("lang", ["fr", "zh-hant"])
def test_both_languages_are_searched_whatever_the_readers_language(client, corpus, lang):
    assert len(hrefs(search(client, "mécontent", lang=lang))) == 1
    assert len(hrefs(search(client, "不滿", lang=lang))) == 1


def test_opinions_link_to_their_anchor(client, corpus):
    response = search(client, "politesse")
    assert hrefs(response) == ["/fr/articles/reponse/#marie-lemaitre"]
    assert "search-result-opinion" in response.content.decode()


def test_experts_are_found_and_link_to_their_page(client, corpus):
    response = search(client, "fidélisation")
    assert hrefs(response) == ["/fr/experts/marie-curie/"]


def test_snippets_highlight_the_match(client, corpus):
    html = search(client, "écoute").content.decode()
    assert "<mark>écoute</mark>" in html


def test_content_and_query_are_escaped(client, db):
    article_with(title_fr="<script>alert(1)</script> piège", body=[("<b>gras</b> piège", "")])
    html = search(client, "piège").content.decode()
    assert "<script>alert(1)" not in html and "<b>gras" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;gras&lt;/b&gt; <mark>piège</mark>" in html
    html = search(client, "<img src=x onerror=alert(1)>").content.decode()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_title_matches_rank_before_headline_before_body(client, db):
    # The newest article matches only in its body, the oldest in its title.
    article_with(title_fr="Corps", body=[("La loyauté compte.", "")], published_at=days_ago(1))
    article_with(title_fr="Chapeau", standfirst_fr="Sur la loyauté", published_at=days_ago(2))
    article_with(title_fr="La loyauté des clients", published_at=days_ago(3))
    assert titles(search(client, "loyauté")) == [
        "La loyauté des clients",
        "Chapeau",
        "Corps",
    ]


def test_result_count_and_pagination(client, db):
    for n in range(25):
        article_with(title_fr=f"Fiche pratique {n}", published_at=days_ago(n + 1))
    first = search(client, "fiche")
    html = first.content.decode()
    assert "25 résultats" in html or "25 results" in html
    assert len(titles(first)) == 10
    assert titles(first)[0] == "Fiche pratique 0"
    assert len(titles(search(client, "fiche", page=2))) == 10
    third = search(client, "fiche", page=3)
    assert titles(third) == [f"Fiche pratique {n}" for n in range(20, 25)]
    assert 'rel="prev"' in third.content.decode() and 'rel="next"' not in third.content.decode()


def test_a_very_common_word_gives_a_capped_count(client, db, monkeypatch):
    from search.pager import SearchResults

    monkeypatch.setattr(SearchResults, "COUNT_LIMIT", 12)
    for n in range(15):
        article_with(title_fr=f"Fiche pratique {n}", published_at=days_ago(n + 1))
    html = search(client, "fiche").content.decode()
    assert "Plus de 12 résultats" in html
    last = search(client, "fiche", page=2)
    assert titles(last) == ["Fiche pratique 10", "Fiche pratique 11"]


@pytest.mark.parametrize(
    "page, expected_first",
    [("abc", 0), ("999", 20), ("-1", 20), ("0", 20), ("", 0), ("1.5", 0)],
    ids=["text", "too-far", "negative", "zero", "empty", "decimal"],
)
def test_bad_page_numbers_give_a_sensible_page(client, db, page, expected_first):
    for n in range(25):
        article_with(title_fr=f"Fiche pratique {n}", published_at=days_ago(n + 1))
    response = search(client, "fiche", page=page)
    assert response.status_code == 200
    assert titles(response)[0] == f"Fiche pratique {expected_first}"


def test_empty_query_gives_a_helpful_page(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/fr/search/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "search-help" in html
    assert "?q=%E9%A1%A7" in html  # a suggestion: 顧


def test_a_huge_query_gets_a_clear_message_without_searching(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = search(client, "client " * 1500)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize(
    "q",
    [
        "%",
        "_",
        "'",
        '"',
        "\\",
        "*",
        "%_'\"\\*",
        "NEAR",
        "AND",
        "OR",
        "NOT",
        "client AND",
        "NOT client",
        "NEAR(client service)",
        '"unclosed phrase',
        "title_terms: client",
        "{body_terms}: client",
        "client*",
        "^client",
        "-client",
        "client:*",
        "a & b | !c <-> d",
        "'; DROP TABLE search_searchentry; --",
        "\x00client",
        "()",
        "\u200b",
    ],
)
def test_syntax_characters_and_words_are_just_text(client, corpus, q):
    response = search(client, q)
    assert response.status_code == 200


def test_full_text_operator_words_are_searched_as_words(client, db):
    article_with(title_fr="Fermé", body=[("Ouvert OR fermé, NEAR la gare, NOT cher", "")])
    assert titles(search(client, "near")) == ["Fermé"]
    assert titles(search(client, "OR")) == ["Fermé"]
    assert titles(search(client, '"NEAR la gare"')) == ["Fermé"]


def test_drafts_scheduled_articles_and_their_opinions_are_hidden(client, db):
    draft = article_with(title_fr="Secret brouillon", status=Article.Status.DRAFT)
    opinion_with(draft, headline_fr="Avis brouillon")
    later = timezone.now() + timedelta(hours=2)
    scheduled = article_with(title_fr="Annonce prochaine", published_at=later)
    opinion_with(scheduled, headline_fr="Avis prochain")
    assert titles(search(client, "brouillon")) == []
    assert titles(search(client, "prochain")) == []
    # The count leaves them out too.
    article_with(title_fr="Avis public prochain")
    html = search(client, "prochain").content.decode()
    assert titles(search(client, "prochain")) == ["Avis public prochain"]
    assert "1 résultat pour" in html
    # When its time comes the scheduled article appears, with no re-indexing.
    with mock.patch("django.utils.timezone.now", return_value=later + timedelta(minutes=1)):
        assert len(titles(search(client, "prochain"))) == 3
        assert titles(search(client, "brouillon")) == []


def test_publishing_and_unpublishing_an_article_shows_and_hides_its_opinions(client, db):
    article = article_with(title_fr="Bientôt public", status=Article.Status.DRAFT)
    opinion_with(article, make_person(name_fr="Experte Dupont"), headline_fr="Avis bientôt public")
    assert titles(search(client, "bientôt")) == []
    article.status = Article.Status.PUBLISHED
    article.save()
    assert titles(search(client, "bientôt")) == ["Bientôt public", "Experte Dupont"]
    article.status = Article.Status.DRAFT
    article.save()
    assert titles(search(client, "bientôt")) == []


def test_searches_that_found_nothing_are_recorded(client, corpus):
    from search.models import ZeroResultQuery

    search(client, "Introuvable")
    search(client, "  introuvable ")
    search(client, "introuvable", lang="zh-hant")
    search(client, "client")
    recorded = {(z.query, z.language): z.count for z in ZeroResultQuery.objects.all()}
    assert recorded == {("introuvable", "fr"): 2, ("introuvable", "zh-hant"): 1}


@pytest.fixture
def many_matches(db):
    people = [make_person() for _ in range(5)]
    for _ in range(12):
        make_article(blocks=3, opinions=2, people=people)
    # All 12 articles match "client"; all 24 opinions match "avis" and "意見".


@pytest.fixture
def tier_by_tier(monkeypatch):
    """Read pages tier by tier, as for more than SORT_ALL_LIMIT matches."""
    monkeypatch.setattr(SearchResults, "SORT_ALL_LIMIT", 5)


def test_search_page_query_count_does_not_grow_with_results(
    client, many_matches, django_assert_num_queries
):
    # The count, then one page of entries with their texts and links, all
    # matches sorted by tier (title, headline, elsewhere) in one query; on the
    # first page, the agreed terms too (terminology.expansion).
    for q, page, shown in (("client", 1, 10), ("avis", 2, 10), ("意見", 3, 4)):
        with django_assert_num_queries(3 if page == 1 else 2):
            response = search(client, q, page=page)
        assert len(titles(response)) == shown


def test_many_matches_are_read_tier_by_tier_in_few_queries(
    client, many_matches, tier_by_tier, django_assert_num_queries
):
    # The count; one page read from the first tier that has it; the agreed terms.
    with django_assert_num_queries(3):
        response = search(client, "client")  # page 1, all in the title tier
    assert len(titles(response)) == 10
    # Opinions match "avis" in their headline (second tier): skipping to page
    # 2 counts the first tier and the start of the second, two more queries.
    with django_assert_num_queries(4):
        response = search(client, "avis", page=2)
    assert len(titles(response)) == 10
    # However far the page, at most three tiers are counted and read.
    with django_assert_num_queries(4):
        response = search(client, "意見", page=3)
    assert len(titles(response)) == 4


def test_sorting_all_matches_and_reading_tier_by_tier_agree(client, many_matches, monkeypatch):
    article_with(title_fr="Avis au client", body=[("Un avis", "")])  # all three tiers

    def every_page(q):
        return [hrefs(search(client, q, page=n)) for n in (1, 2, 3)]

    queries = ("client", "avis", "意見", "avis client")
    sorted_at_once = [every_page(q) for q in queries]
    monkeypatch.setattr(SearchResults, "SORT_ALL_LIMIT", 0)
    assert [every_page(q) for q in queries] == sorted_at_once
    assert sum(len(page) for page in sorted_at_once[1]) == 24 + 1


def test_a_phrase_does_not_run_from_one_field_into_the_next(client, db):
    article_with(title_fr="Le bon service", standfirst_fr="Client heureux", body=[("fin", "")])
    assert titles(search(client, '"service client"')) == []
    assert titles(search(client, "service client")) == ["Le bon service"]
