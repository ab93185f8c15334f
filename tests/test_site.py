"""The public reading site: pages, languages, fallback, alignment, drafts, bad input."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Block, Opinion

from .factories import make_article, make_half_translated, make_person, make_question, make_site

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


# --- "/" and languages


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("zh-TW", "/zh-hant/"),
        ("zh-HK", "/zh-hant/"),
        ("zh", "/zh-hant/"),
        ("zh-Hant", "/zh-hant/"),
        ("zh-MO", "/zh-hant/"),
        # Django's LocaleMiddleware would send these to zh-hant (prefix match); the
        # issue asks for French until a Simplified Chinese version exists.
        ("zh-CN", "/fr/"),
        ("zh-Hans", "/fr/"),
        ("fr-CA", "/fr/"),
        ("fr", "/fr/"),
        ("en", "/fr/"),
        ("", "/fr/"),
        ("garbage;;q=x,,", "/fr/"),
        ("en-US,en;q=0.9,zh-TW;q=0.8", "/zh-hant/"),
        ("zh-TW;q=0.5,fr;q=0.9", "/fr/"),
        ("fr;q=abc,zh-TW", "/zh-hant/"),
        ("*, zh-HK;q=0", "/fr/"),
    ],
    ids=[
        "zh-TW",
        "zh-HK",
        "zh",
        "zh-Hant",
        "zh-MO",
        "zh-CN",
        "zh-Hans",
        "fr-CA",
        "fr",
        "en",
        "empty",
        "garbage",
        "en-then-zh-TW",
        "fr-preferred-by-quality",
        "bad-quality-skipped",
        "wildcard-and-refused",
    ],
)
def test_root_redirects_by_accept_language(client, header, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


def test_root_without_header_goes_to_french(client):
    assert client.get("/")["Location"] == "/fr/"


def test_root_and_robots_answer_head_requests(client):
    assert client.head("/").status_code == 302
    assert client.head("/robots.txt").status_code == 200
    assert client.post("/robots.txt").status_code == 405


PAGES = [
    "/{lang}/",
    "/{lang}/articles/",
    "/{lang}/articles/{slug}/",
    "/{lang}/articles/{slug}/bilingual/",
    "/{lang}/experts/",
    "/{lang}/experts/{person}/",
]


@pytest.fixture
def small_site():
    make_question()
    person = make_person(slug="ada")
    article = make_article(slug="le-client", opinions=1, people=[person])
    return article, person


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.strip("/").replace("/", "-"))
@pytest.mark.parametrize(
    ("lang", "html_lang", "other"), [("fr", "fr", "zh-hant"), ("zh-hant", "zh-Hant", "fr")]
)
def test_every_page_has_language_head_and_switcher(
    client, small_site, page, lang, html_lang, other
):
    path = page.format(lang=lang, slug="le-client", person="ada")
    response = client.get(path)
    assert response.status_code == 200
    body = html(response)
    assert f'<html lang="{html_lang}">' in body
    other_path = path.replace(f"/{lang}/", f"/{other}/", 1)
    # hreflang alternates for both languages, x-default, canonical, Open Graph.
    assert f'hreflang="fr" href="http://testserver{path.replace(f"/{lang}/", "/fr/", 1)}"' in body
    zh_path = path.replace(f"/{lang}/", "/zh-hant/", 1)
    assert f'hreflang="zh-Hant" href="http://testserver{zh_path}"' in body
    assert 'hreflang="x-default"' in body
    assert f'<link rel="canonical" href="http://testserver{path}">' in body
    assert 'property="og:title"' in body
    assert '<meta name="description" content="' in body
    # The switcher links to the same object in the other language.
    assert f'<a href="{other_path}" hreflang=' in body
    # Skip link and search box on every page.
    assert 'class="skip-link" href="#main"' in body
    assert 'name="q"' in body


def test_switcher_keeps_filters_and_page(client):
    make_site(articles=12)
    body = html(client.get("/fr/articles/?stance=depends&page=2"))
    assert 'href="/zh-hant/articles/?stance=depends&amp;page=2"' in body


def test_home_x_default_is_the_language_redirect(client, small_site):
    assert 'hreflang="x-default" href="http://testserver/"' in html(client.get("/fr/"))


# --- Home


def test_home_shows_question_overview_articles_and_experts(client):
    make_question()
    yes, depends, no = make_person(name_fr="Alice"), make_person(name_fr="Bruno"), make_person()
    article = make_article(title_fr="Le premier article")
    for person, stance, anchor in [(yes, "yes", "a"), (depends, "depends", "b"), (no, "no", "c")]:
        Opinion.objects.create(article=article, person=person, anchor=anchor, stance=stance)
    body = html(client.get("/fr/"))
    assert "Le client a-t-il toujours raison ?" in body
    # The text equivalent of the picture: counts per stance, in words.
    assert "3 avis d’experts\u00a0:" in body
    assert "Oui 1, Ça dépend 1, Non 1" in body
    # Each expert links to the opinion's permalink.
    assert f'href="/fr/articles/{article.slug}/#a">Alice</a>' in body
    assert "stance-icon--yes" in body and "stance-icon--no" in body
    assert "Le premier article" in body
    assert f'href="/fr/experts/{depends.slug}/"' in body


def test_home_overview_counts_each_expert_once_per_answer(client):
    make_question()
    person = make_person(name_fr="Alice")
    older = make_article(published_at=timezone.now() - timedelta(days=9))
    newer = make_article()
    for article in (older, newer):
        Opinion.objects.create(article=article, person=person, anchor="alice", stance="yes")
    body = html(client.get("/fr/"))
    assert "1 avis d’expert\u00a0:" in body
    assert f'href="/fr/articles/{newer.slug}/#alice">Alice</a>' in body
    assert f'href="/fr/articles/{older.slug}/#alice"' not in body


def test_home_overview_in_chinese(client):
    make_question()
    article = make_article()
    Opinion.objects.create(article=article, person=make_person(), anchor="x", stance="no")
    body = html(client.get("/zh-hant/"))
    assert "顧客永遠是對的嗎？" in body
    assert "1 則專家意見：" in body
    assert "是 0、視情況而定 0、否 1" in body


# --- Article list


def test_list_item_shows_title_source_date_languages(client):
    make_article(title_fr="Un titre", source_name="Le Monde", slug="un-titre")
    make_half_translated(slug="moitie", title_fr="À moitié")
    body = html(client.get("/fr/articles/"))
    item = body[body.index("Un titre") :][:1500]
    assert "Le Monde" in item
    assert "<time datetime=" in item
    assert 'lang="fr" title="Français">FR<' in item and ">中文<" in item
    half = body[body.index("À moitié") :][:1500]
    assert ">FR<" in half and ">中文<" not in half


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
    body = html(client.get(f"/fr/articles/?{query}"))
    for title in expected:
        assert f">{title}</a>" in body
    for title in absent:
        assert f">{title}</a>" not in body


def test_list_is_paginated(client):
    make_site(articles=12)
    first, second = html(client.get("/fr/articles/")), html(client.get("/fr/articles/?page=2"))
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
    assert page_label in html(response)


@pytest.mark.parametrize(
    "query",
    ["stance=maybe", "source=Nowhere", "language=klingon", "stance[]=x&language=", "stance=%00"],
    ids=["stance", "source", "language", "array", "nul"],
)
def test_odd_filters_are_ignored_with_a_message(client, query):
    make_article(title_fr="Toujours là")
    response = client.get(f"/fr/articles/?{query}")
    assert response.status_code == 200
    body = html(response)
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
    body = html(client.get("/fr/articles/complet/"))
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
    body = html(client.get("/fr/articles/ld/"))
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Article"
    assert data["headline"] == "Titre </script> piégé"
    assert data["inLanguage"] == "fr"
    assert data["url"] == f"http://testserver{article.get_absolute_url()}"
    assert 'property="og:type" content="article"' in body
    with_chinese = html(client.get("/zh-hant/articles/ld/"))
    assert '"inLanguage": "zh-Hant"' in with_chinese


@pytest.mark.parametrize(
    "path",
    ["/fr/articles/nope/", "/zh-hant/articles/nope/bilingual/", "/fr/experts/nobody/"],
    ids=["article", "bilingual", "expert"],
)
def test_unknown_slug_is_404(client, path):
    assert client.get(path).status_code == 404


# --- Missing translations


def test_missing_chinese_shows_french_with_a_notice_in_chinese(client):
    make_half_translated(slug="moitie", standfirst_fr="Chapeau seulement en français")
    body = html(client.get("/zh-hant/articles/moitie/"))
    assert "這個網頁尚未完整翻譯成您的語言" in body
    assert 'lang="fr">Chapeau seulement en français' in body
    assert "原文，法文" in body
    # The untranslated paragraph is there, in French, marked with its language.
    assert re.search(
        r'<div class="fallback" lang="fr"><p class="block block--paragraph">'
        r"Paragraphe 2 de l",
        body,
    )


def test_missing_french_shows_chinese_with_a_notice_in_french(client):
    make_article(slug="zh", title_fr="", title_zh_hant="只有中文的標題")
    body = html(client.get("/fr/articles/zh/"))
    assert '<h1 lang="zh-Hant">只有中文的標題</h1>' in body
    assert "texte original, Chinois traditionnel" in body
    assert "Cette page n’est pas encore entièrement traduite" in body


def test_complete_translation_shows_no_notice(client):
    make_article(slug="ok")
    assert "notice--fallback" not in html(client.get("/zh-hant/articles/ok/"))


# --- Side by side


def test_side_by_side_pairs_blocks_and_marks_missing_sides(client):
    make_half_translated(slug="moitie")
    body = html(client.get("/zh-hant/articles/moitie/bilingual/"))
    pairs = re.findall(r'<div class="pair pair--(\w+)">(.*?)</div>\n</div>', body, re.S)
    kinds = [kind for kind, _ in pairs]
    # title, standfirst, 3 body paragraphs, then the opinion's headline and paragraph.
    assert kinds == [
        "title",
        "lead",
        "paragraph",
        "paragraph",
        "paragraph",
        "headline",
        "paragraph",
    ]
    second = pairs[3][1]
    assert 'lang="fr">Paragraphe 2 de l' in second
    assert "缺少中文版本" in second  # missing side stays in its row
    third = pairs[4][1]
    assert "Paragraphe 3" in third and "第 3 段" in third
    standfirst = pairs[1][1]
    assert "缺少中文版本" in standfirst


def test_side_by_side_missing_french_is_marked_in_french(client):
    article = make_article(slug="zh-first", blocks=1)
    Block.objects.filter(article=article).update(text_fr="")
    body = html(client.get("/fr/articles/zh-first/bilingual/"))
    assert "Manquant en français" in body


def test_side_by_side_groups_opinions_with_anchors(client):
    people = [make_person(slug="p1"), make_person(slug="p2")]
    make_article(slug="avis", opinions=2, people=people)
    body = html(client.get("/fr/articles/avis/bilingual/"))
    assert 'id="p1-1"' in body and 'id="p2-2"' in body
    assert body.index('id="p1-1"') < body.index('id="p2-2"')


# --- Experts


def test_expert_page_lists_all_public_opinions_with_stances(client):
    person = make_person(slug="ada", name_fr="Ada")
    first = make_article(title_fr="Premier", slug="premier")
    second = make_article(title_fr="Second", slug="second")
    draft = make_article(title_fr="Brouillon", status=Article.Status.DRAFT)
    for article, stance in [(first, "yes"), (second, "no"), (draft, "depends")]:
        Opinion.objects.create(article=article, person=person, anchor="ada", stance=stance)
    body = html(client.get("/fr/experts/ada/"))
    assert "<h1>Ada</h1>" in body
    assert 'href="/fr/articles/premier/#ada"' in body and 'href="/fr/articles/second/#ada"' in body
    assert "stance-icon--yes" in body and "stance-icon--no" in body
    assert "Brouillon" not in body and "stance-icon--depends" not in body


def test_expert_list_counts_public_opinions(client):
    person = make_person(slug="ada", name_fr="Ada")
    Opinion.objects.create(article=make_article(), person=person, anchor="a", stance="yes")
    hidden = make_article(status=Article.Status.DRAFT)
    Opinion.objects.create(
        article=hidden, person=make_person(name_fr="Caché"), anchor="b", stance="no"
    )
    body = html(client.get("/fr/experts/"))
    assert "Ada" in body and "1 avis\u00a0:" in body
    assert "Caché" not in body


def test_person_quoted_only_in_a_draft_is_not_public(client):
    person = make_person(slug="secret")
    draft = make_article(status=Article.Status.DRAFT)
    Opinion.objects.create(article=draft, person=person, anchor="s", stance="no")
    assert client.get("/fr/experts/secret/").status_code == 404


# --- Drafts and scheduled articles


@pytest.fixture
def hidden_articles():
    person = make_person(slug="ada", name_fr="Ada")
    public = make_article(slug="public", title_fr="Article public", opinions=1, people=[person])
    draft = make_article(
        slug="brouillon",
        title_fr="Article brouillon",
        status=Article.Status.DRAFT,
        opinions=1,
        people=[person],
    )
    scheduled = make_article(
        slug="programme",
        title_fr="Article programmé",
        published_at=timezone.now() + timedelta(days=2),
        opinions=1,
        people=[person],
    )
    make_question()
    return public, draft, scheduled


@pytest.mark.parametrize(
    "path",
    [
        "/fr/",
        "/fr/articles/",
        "/fr/feed/",
        "/sitemap.xml",
        "/fr/experts/ada/",
        "/fr/articles/public/",
    ],
    ids=["home", "list", "feed", "sitemap", "expert", "related"],
)
def test_drafts_and_scheduled_are_invisible_to_the_public(client, hidden_articles, path):
    body = html(client.get(path))
    assert "Article brouillon" not in body and "/brouillon/" not in body
    assert "Article programmé" not in body and "/programme/" not in body


@pytest.mark.parametrize("slug", ["brouillon", "programme"])
@pytest.mark.parametrize("suffix", ["", "bilingual/"])
def test_public_gets_404_for_unpublished(client, hidden_articles, slug, suffix):
    assert client.get(f"/fr/articles/{slug}/{suffix}").status_code == 404


@pytest.mark.parametrize(
    ("slug", "message"),
    [("brouillon", "C’est un brouillon."), ("programme", "Sa publication est programmée le")],
    ids=["draft", "scheduled"],
)
@pytest.mark.parametrize("suffix", ["", "bilingual/"])
def test_staff_preview_has_banner_and_noindex(
    editor_client, hidden_articles, slug, message, suffix
):
    response = editor_client.get(f"/fr/articles/{slug}/{suffix}")
    assert response.status_code == 200
    body = html(response)
    assert "Aperçu\u00a0: cet article n’est pas public." in body
    assert message in body
    assert '<meta name="robots" content="noindex">' in body
    assert "application/ld+json" not in body


def test_staff_sees_public_article_without_banner(editor_client, hidden_articles):
    body = html(editor_client.get("/fr/articles/public/"))
    assert "preview-banner" not in body and 'content="noindex"' not in body


# --- 404 and 500


@pytest.mark.parametrize(
    ("path", "text"),
    [("/fr/nulle-part/", "Page introuvable"), ("/zh-hant/nulle-part/", "找不到網頁")],
    ids=["fr", "zh-hant"],
)
def test_404_is_localized(client, path, text):
    make_article()
    response = client.get(path)
    assert response.status_code == 404
    body = html(response)
    assert text in body and '<meta name="robots" content="noindex">' in body


@pytest.mark.parametrize(
    ("language", "text"),
    [("fr", "Un problème est survenu de notre côté"), ("zh-hant", "我們這邊出了點問題")],
    ids=["fr", "zh-hant"],
)
def test_500_renders_without_request_context_or_database(
    rf, language, text, django_assert_num_queries
):
    from django.utils import translation
    from django.views.defaults import server_error

    with translation.override(language), django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert text in response.content.decode()


# --- Query counts

# Pinned with 12 articles, 24 opinions, 6 experts: a query per row would show.
QUERY_COUNTS = [
    # Home: answers as light rows, then only the opinions and people it names.
    ("/fr/", 5),
    ("/zh-hant/", 5),
    ("/fr/articles/", 3),
    ("/fr/articles/?page=2", 3),
    ("/fr/articles/?stance=depends&source=Le+Monde&language=zh-hant", 3),
    ("/fr/articles/{slug}/", 5),
    ("/zh-hant/articles/{slug}/", 5),
    ("/fr/articles/{slug}/bilingual/", 4),
    ("/fr/experts/", 1),
    ("/fr/experts/{person}/", 4),
    ("/fr/feed/", 1),
    ("/sitemap.xml", 3),
]


@pytest.mark.parametrize(("path", "queries"), QUERY_COUNTS, ids=[p for p, _ in QUERY_COUNTS])
def test_query_counts_are_pinned(client, django_assert_num_queries, path, queries):
    _question, people, articles = make_site()
    article = articles[0]
    for extra in range(6):  # a long body and many opinions on the article itself
        Block.objects.create(article=article, position=10 + extra, text_fr="x", text_zh_hant="字")
    path = path.format(slug=article.slug, person=people[0].slug)
    with django_assert_num_queries(queries):
        response = client.get(path)
    assert response.status_code == 200


@pytest.mark.parametrize("suffix", ["", "bilingual/"], ids=["article", "bilingual"])
def test_staff_preview_query_count_is_pinned(editor_client, django_assert_num_queries, suffix):
    _question, _people, articles = make_site()
    draft = articles[0]
    draft.status = Article.Status.DRAFT
    draft.save()
    # Session, user and permission look-ups come on top of the public page's queries.
    with django_assert_num_queries(8 if suffix else 9):
        response = editor_client.get(f"/fr/articles/{draft.slug}/{suffix}")
    assert "Aperçu" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    ["/fr/", "/zh-hant/", "/fr/articles/", "/fr/experts/", "/fr/feed/", "/sitemap.xml"],
)
def test_an_empty_site_still_renders(client, path):
    assert client.get(path).status_code == 200


def test_home_counts_every_expert_but_lists_a_bounded_number(client):
    from reading.views import HOME_EXPERTS, HOME_NAMES_PER_STANCE

    people = [make_person() for _ in range(HOME_NAMES_PER_STANCE + 3)]
    for person in people:
        make_article(opinions=1, people=[person], blocks=0)  # every first opinion says yes
    response = client.get("/fr/")
    groups = {group.stance: group for group in response.context["stance_groups"]}
    assert groups["yes"].count == len(people)
    assert len(groups["yes"].shown) == HOME_NAMES_PER_STANCE
    assert "et 3 autres" in response.text
    assert len(response.context["experts"]) == HOME_EXPERTS
