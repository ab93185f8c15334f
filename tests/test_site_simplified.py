"""Simplified Chinese for mainland readers: /zh-hans/ pages derived from the
Traditional text through OpenCC (vocabulary too), editors' overrides, fallbacks,
and the language showing up everywhere a language is listed."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from articles import chinese
from articles.models import Block

from .factories import make_article, make_person, make_question, make_site

pytestmark = pytest.mark.django_db

# Taiwan vocabulary and characters; what a mainland reader reads instead.
TRADITIONAL = "部落格上的軟體影片與資訊"
SIMPLIFIED = "博客上的软件视频与信息"

PAGES = [
    "",
    "articles/",
    "articles/{slug}/",
    "articles/{slug}/bilingual/",
    "experts/",
    "experts/{person}/",
    "search/?q=client",
    "glossary/",
]


def _site():
    make_question()
    person = make_person(slug="ada", name_zh_hant="艾達")
    article = make_article(
        slug="blog",
        opinions=1,
        people=[person],
        title_zh_hant=f"{TRADITIONAL}：顧客",
        standfirst_zh_hant="登入後觀看影片",
    )
    Block.objects.filter(article=article, position=1).update(text_zh_hant=f"「{TRADITIONAL}」")
    return article, person


@pytest.mark.parametrize("page", PAGES)
def test_every_public_page_is_served_in_simplified_chinese(client, page):
    article, person = _site()
    response = client.get("/zh-hans/" + page.format(slug=article.slug, person=person.slug))
    assert response.status_code == 200
    body = response.text
    assert '<html lang="zh-Hans">' in body
    assert '<meta property="og:locale" content="zh_CN">' in body
    # Every page lists all three languages, and the page without prefix as x-default.
    for tag in ("fr", "zh-Hant", "zh-Hans", "x-default"):
        assert f'hreflang="{tag}"' in body
    assert ">简体中文<" in body and ">繁體中文<" in body and ">Français<" in body


def test_the_article_reads_in_mainland_vocabulary_and_quotes(client):
    _site()
    body = client.get("/zh-hans/articles/blog/").text
    assert f"{SIMPLIFIED}：顾客" in body  # title: vocabulary and characters
    assert "登录后观看视频" in body  # 登入 -> 登录, 影片 -> 视频
    assert f"“{SIMPLIFIED}”" in body  # corner brackets become mainland quotes
    assert TRADITIONAL not in body and "「" not in body
    assert "notice--fallback" not in body  # derived text is not a fallback


def test_an_editors_override_wins_over_the_conversion(client):
    article, _person = _site()
    Block.objects.filter(article=article, position=1).update(text_zh_hans="编辑亲自写的简体段落")
    body = client.get("/zh-hans/articles/blog/").text
    assert "编辑亲自写的简体段落" in body and SIMPLIFIED + "”" not in body
    # Traditional readers are not affected by the override.
    assert f"「{TRADITIONAL}」" in client.get("/zh-hant/articles/blog/").text


def test_text_missing_in_traditional_falls_back_to_french_with_the_notice(client):
    article, _person = _site()
    Block.objects.filter(article=article, position=2).update(text_zh_hant="")
    body = client.get("/zh-hans/articles/blog/").text
    assert "notice--fallback" in body
    assert re.search(r'<div class="fallback" lang="fr">.*Paragraphe 2', body, re.S)


def test_links_on_a_simplified_page_stay_in_simplified(client):
    make_site(articles=3)
    body = client.get("/zh-hans/").text
    links = re.findall(r'<a href="(/[^"]*)"', body)
    site_links = [link for link in links if not link.startswith("/static/")]
    assert site_links
    # The switcher is the only way out of /zh-hans/.
    leaving = {link for link in site_links if not link.startswith("/zh-hans/")}
    assert leaving == {"/fr/", "/zh-hant/"}


def test_switcher_offers_simplified_chinese_on_the_same_article(client):
    _site()
    body = client.get("/fr/articles/blog/").text
    assert re.search(r'<a [^>]*href="/zh-hans/articles/blog/"[^>]*>简体中文</a>', body)


def test_a_feed_per_language_with_simplified_titles(client):
    _site()
    response = client.get("/zh-hans/feed/")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314
    assert root.findtext("channel/language") == "zh-hans"
    titles = [item.findtext("title") for item in root.findall("channel/item")]
    assert f"{SIMPLIFIED}：顾客" in titles


def test_side_by_side_pairs_french_with_the_chosen_script(client):
    _site()
    simplified = client.get("/zh-hans/articles/blog/bilingual/").text
    assert 'class="cell cell--zh-hans"' in simplified and "cell--zh-hant" not in simplified
    assert f"“{SIMPLIFIED}”" in simplified
    # On the French page the Chinese column is Traditional unless the reader chooses.
    french = client.get("/fr/articles/blog/bilingual/").text
    assert "cell--zh-hant" in french and "cell--zh-hans" not in french
    chosen = client.get("/fr/articles/blog/bilingual/?chinese=zh-hans").text
    assert "cell--zh-hans" in chosen and f"“{SIMPLIFIED}”" in chosen
    assert re.search(r'<a href="\?chinese=zh-hans" lang="zh-Hans" aria-current="page">', chosen)
    # An unknown choice is the default view, not an error.
    odd = client.get("/fr/articles/blog/bilingual/?chinese=klingon")
    assert odd.status_code == 200 and "cell--zh-hant" in odd.text


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", PAGES)
def test_simplified_pages_make_as_many_queries_as_traditional(client, page):
    _question, people, articles = make_site()
    path = page.format(slug=articles[0].slug, person=people[0].slug)
    # Warm what is loaded once per process, and each article page's stored HTML.
    _queries(client, "/zh-hant/" + path)
    _queries(client, "/zh-hans/" + path)
    assert _queries(client, "/zh-hans/" + path) == _queries(client, "/zh-hant/" + path)


def test_a_text_is_converted_once_not_on_every_request(client):
    _site()
    client.get("/zh-hans/articles/blog/")
    before = chinese.memo_info()
    client.get("/zh-hans/articles/blog/")
    after = chinese.memo_info()
    assert after.misses == before.misses  # nothing new to convert
    assert after.hits > before.hits


FOURTH = [*settings.LANGUAGES, ("de", "Deutsch")]


@override_settings(LANGUAGES=FOURTH)
@pytest.mark.parametrize("page", PAGES)
def test_a_fourth_language_in_the_settings_shows_up_on_every_page(client, page):
    # No column, no catalogue: its pages show the French text as a fallback, and
    # every page (of every language) lists it.
    article, person = _site()
    path = page.format(slug=article.slug, person=person.slug)
    german = client.get("/de/" + path)
    assert german.status_code == 200
    assert '<html lang="de">' in german.text
    french = client.get("/fr/" + path).text
    assert 'hreflang="de"' in french and ">Deutsch</a>" in french
