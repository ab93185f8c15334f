"""The article list (filters, pages, odd input) and the article page."""

import json
import re

import pytest
from django.utils import timezone

from articles.models import Block, Opinion

from .factories import make_article, make_half_translated, make_person, make_site

pytestmark = pytest.mark.django_db


# --- Article list


def test_list_item_shows_title_source_date_languages(client):
    make_article(title_fr="Un titre", source_name="Le Monde", slug="un-titre")
    make_half_translated(slug="moitie", title_fr="À moitié")
    body = client.get("/fr/articles/").text
    item = body[body.index("Un titre") :][:1500]
    assert "Le Monde" in item
    assert "<time datetime=" in item
    assert 'lang="fr" title="Français">FR<' in item
    assert 'lang="zh-Hant" title="Chinois traditionnel">繁體<' in item
    assert 'lang="zh-Hans" title="Chinois simplifié">简体<' in item
    half = body[body.index("À moitié") :][:1500]
    assert ">FR<" in half and ">繁體<" not in half and ">简体<" not in half


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ("stance=no", {"Contre"}, {"Pour", "Nuancé"}),
        ("stance=yes", {"Pour"}, {"Contre", "Nuancé"}),
        ("source=Les+%C3%89chos", {"Nuancé"}, {"Pour", "Contre"}),
        ("language=zh-hant", {"Pour", "Nuancé"}, {"Contre"}),
        ("language=fr", {"Pour", "Nuancé", "Contre"}, set()),
        ("stance=depends&source=Les+%C3%89chos", {"Nuancé"}, {"Pour", "Contre"}),
    ],
    ids=["stance-no", "stance-yes", "source", "in-chinese", "in-french", "combined"],
)
def test_list_filters(client, query, expected, absent):
    make_article(title_fr="Pour", stance="yes", source_name="Le Monde")
    make_article(title_fr="Nuancé", stance="depends", source_name="Les Échos")
    make_half_translated(title_fr="Contre", stance="no", source_name="Le Monde")
    body = client.get(f"/fr/articles/?{query}").text
    for title in expected:
        assert f">{title}</a>" in body
    for title in absent:
        assert f">{title}</a>" not in body


def test_list_is_paginated(client):
    make_site(articles=12)
    first, second = client.get("/fr/articles/").text, client.get("/fr/articles/?page=2").text
    assert first.count('class="article-item"') == 10
    assert second.count('class="article-item"') == 2
    assert "Page 1 sur 2" in first and 'rel="next" href="?page=2"' in first
    assert '<link rel="canonical" href="http://testserver/fr/articles/?page=2">' in second


@pytest.mark.parametrize(
    ("query", "page_label"),
    [
        ("page=abc", "Page 1 sur 2"),
        ("page=0", "Page 2 sur 2"),
        ("page=-3", "Page 2 sur 2"),
        ("page=99999", "Page 2 sur 2"),
        ("page=1.5", "Page 1 sur 2"),
        ("page=", "Page 1 sur 2"),
    ],
    ids=["word", "zero", "negative", "huge", "decimal", "empty"],
)
def test_odd_page_numbers_give_a_sensible_page(client, query, page_label):
    make_site(articles=12)
    response = client.get(f"/fr/articles/?{query}")
    assert response.status_code == 200
    assert page_label in response.text


@pytest.mark.parametrize(
    "query",
    ["stance=maybe", "source=Nowhere", "language=klingon", "stance[]=x&language=", "stance=%00"],
    ids=["stance", "source", "language", "array", "nul"],
)
def test_odd_filters_are_ignored_with_a_message(client, query):
    make_article(title_fr="Toujours là")
    response = client.get(f"/fr/articles/?{query}")
    assert response.status_code == 200
    body = response.text
    assert "Toujours là" in body
    if "stance[]" not in query:
        assert "Certains filtres n’ont pas été compris et ont été ignorés." in body


# --- Article page


def test_article_page_shows_everything_a_reader_needs(client):
    author = make_person(slug="auteur", name_fr="Jeanne Auteur")
    expert = make_person(
        slug="expert", name_fr="Paul Expert", role_fr="Directeur", organisation_fr="ACME"
    )
    article = make_article(
        slug="complet",
        title_fr="Titre complet",
        standfirst_fr="Le chapeau.",
        source_name="Le Monde",
        source_url="https://example.org/article",
        author=author,
        credits_fr="Photo : Untel.",
        original_published_on=timezone.now().date().replace(year=2022, month=10, day=7),
        blocks=0,
    )
    Block.objects.create(article=article, position=1, kind="heading", text_fr="Un intertitre")
    Block.objects.create(article=article, position=2, kind="list", text_fr="un\ndeux")
    opinion = Opinion.objects.create(
        article=article, person=expert, anchor="paul", stance="no", headline_fr="Non, jamais"
    )
    Block.objects.create(opinion=opinion, position=1, text_fr="Parce que.")
    other = make_article(slug="autre", title_fr="Un autre article", stance="depends")
    body = client.get("/fr/articles/complet/").text
    assert "<h1>Titre complet</h1>" in body
    assert "Le chapeau." in body
    assert '<a href="https://example.org/article" rel="noopener">Le Monde</a>' in body
    assert "7 octobre 2022" in body
    assert "Jeanne Auteur" in body
    assert "Français" in body  # original language
    assert "Photo : Untel." in body
    assert '<h2 class="block block--heading">Un intertitre</h2>' in body
    assert "<li>un</li><li>deux</li>" in body
    assert 'id="paul"' in body
    assert "Paul Expert" in body and "Directeur" in body and "ACME" in body
    assert "stance-icon--no" in body and ">Non</span>" in body
    assert "Non, jamais" in body and "Parce que." in body
    assert 'href="#paul"' in body
    assert f'href="{other.get_absolute_url()}"' in body  # related
    assert 'href="/fr/articles/complet/bilingual/"' in body


def test_article_json_ld(client):
    article = make_article(slug="ld", title_fr="Titre </script> piégé")
    body = client.get("/fr/articles/ld/").text
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Article"
    assert data["headline"] == "Titre </script> piégé"
    assert data["inLanguage"] == "fr"
    assert data["url"] == f"http://testserver{article.get_absolute_url()}"
    assert 'property="og:type" content="article"' in body
    with_chinese = client.get("/zh-hant/articles/ld/").text
    assert '"inLanguage": "zh-Hant"' in with_chinese


@pytest.mark.parametrize(
    "path",
    ["/fr/articles/nope/", "/zh-hant/articles/nope/bilingual/", "/fr/experts/nobody/"],
    ids=["article", "bilingual", "expert"],
)
def test_unknown_slug_is_404(client, path):
    assert client.get(path).status_code == 404


def _related_slugs(client, slug):
    body = client.get(f"/fr/articles/{slug}/").text
    aside = body[body.index('class="related"') :]
    return re.findall(r'href="/fr/articles/([^/]+)/"', aside)


def test_related_articles_share_the_stance_first_newest_first(client):
    from .factories import days_ago

    make_article(slug="lu", stance="yes", published_at=days_ago(5))
    make_article(slug="oui-ancien", stance="yes", published_at=days_ago(9))
    make_article(slug="oui-recent", stance="yes", published_at=days_ago(2))
    make_article(slug="non-recent", stance="no", published_at=days_ago(1))
    make_article(slug="nuance", stance="depends", published_at=days_ago(3))
    make_article(slug="oui-brouillon", stance="yes", status="draft", published_at=days_ago(1))
    make_article(slug="oui-plus-tard", stance="yes", published_at=days_ago(-1))
    assert _related_slugs(client, "lu") == ["oui-recent", "oui-ancien", "non-recent"]
    assert _related_slugs(client, "nuance") == ["non-recent", "oui-recent", "lu"]
    # A new article is among them on the next view.
    make_article(slug="oui-nouveau", stance="yes", published_at=days_ago(0))
    assert _related_slugs(client, "lu") == ["oui-nouveau", "oui-recent", "oui-ancien"]


def test_the_list_counts_follow_each_filter_and_each_change(client):
    make_article(slug="a", stance="yes")
    make_article(slug="b", stance="no")
    assert '<h2 class="result-count">2 articles</h2>' in client.get("/fr/articles/").text
    assert '<h2 class="result-count">1 article</h2>' in client.get("/fr/articles/?stance=no").text
    make_article(slug="c", stance="no")
    assert '<h2 class="result-count">3 articles</h2>' in client.get("/fr/articles/").text
    assert '<h2 class="result-count">2 articles</h2>' in client.get("/fr/articles/?stance=no").text
    # An invalid value is ignored: the count of the unfiltered list.
    assert '<h2 class="result-count">3 articles</h2>' in client.get("/fr/articles/?stance=x").text
