"""The root redirect by Accept-Language; each page's language head and switcher."""

import pytest

from .factories import make_article, make_person, make_question, make_site

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("zh-TW", "/zh-hant/"),
        ("zh-HK", "/zh-hant/"),
        ("zh", "/zh-hant/"),
        ("zh-Hant", "/zh-hant/"),
        ("zh-MO", "/zh-hant/"),
        # Mainland and Singapore readers, and any Simplified tag, read Simplified.
        ("zh-CN", "/zh-hans/"),
        ("zh-SG", "/zh-hans/"),
        ("zh-Hans", "/zh-hans/"),
        ("zh-Hans-CN", "/zh-hans/"),
        ("zh-Hant-TW", "/zh-hant/"),
        ("en-GB,zh-CN;q=0.8,zh-TW;q=0.5", "/zh-hans/"),
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
        "zh-SG",
        "zh-Hans",
        "zh-Hans-CN",
        "zh-Hant-TW",
        "en-then-zh-CN",
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


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("zh-CN", "/zh-hans/articles/"),
        ("zh-SG", "/zh-hans/articles/"),
        ("zh-Hans-CN", "/zh-hans/articles/"),
        ("zh-TW", "/zh-hant/articles/"),
        ("zh-MO", "/zh-hant/articles/"),
        ("zh-Hant-HK", "/zh-hant/articles/"),
        ("zh", "/zh-hant/articles/"),
        ("de, zh-CN;q=0.5", "/zh-hans/articles/"),
        ("en", "/fr/articles/"),
    ],
)
def test_a_page_without_language_prefix_goes_where_the_root_would(client, header, expected):
    # The x-default URLs of the hreflang alternates: Django's LocaleMiddleware picks
    # the language, and must agree with the registry's Accept-Language table.
    response = client.get("/articles/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert client.get("/", HTTP_ACCEPT_LANGUAGE=header)["Location"] + "articles/" == expected


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
    body = response.text
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
    body = client.get("/fr/articles/?stance=depends&page=2").text
    assert 'href="/zh-hant/articles/?stance=depends&amp;page=2"' in body


def test_home_x_default_is_the_language_redirect(client, small_site):
    assert 'hreflang="x-default" href="http://testserver/"' in client.get("/fr/").text
