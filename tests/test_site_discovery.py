"""Discovery: feeds per language, sitemap.xml with alternates, robots.txt, translations."""

import xml.etree.ElementTree as ET
from pathlib import Path

import polib
import pytest
from django.conf import settings

from articles.models import Article

from .factories import make_article, make_person
from .sitemap_support import XHTML, sitemap_locations, sitemap_pages, sitemap_urls

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "title", "channel"),
    [
        ("fr", "Un titre", "Le client a-t-il toujours raison\u202f?"),
        ("zh-hant", "一個標題", "顧客永遠是對的嗎？"),
    ],
    ids=["fr", "zh-hant"],
)
def test_feed_per_language(client, lang, title, channel):
    make_article(slug="un-titre", title_fr="Un titre", title_zh_hant="一個標題")
    make_article(title_fr="Brouillon", status=Article.Status.DRAFT)
    response = client.get(f"/{lang}/feed/")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    assert root.findtext("channel/title") == channel
    assert root.findtext("channel/language") == lang
    items = root.findall("channel/item")
    assert [item.findtext("title") for item in items] == [title]
    assert items[0].findtext("link") == f"http://testserver/{lang}/articles/un-titre/"


def test_pages_link_to_their_feed(client):
    make_article()
    body = client.get("/zh-hant/").content.decode()
    assert 'type="application/rss+xml"' in body and 'href="/zh-hant/feed/"' in body


def test_sitemap_lists_each_page_per_language_with_alternates(client):
    make_article(slug="public")
    make_article(slug="cache", status=Article.Status.DRAFT)
    person = make_person(slug="ada")
    article = Article.objects.get(slug="public")
    article.opinions.create(person=person, anchor="ada", stance="yes")
    urls = sitemap_urls(client)
    for lang in ("fr", "zh-hant", "zh-hans"):
        for path in (
            "",
            "articles/",
            "articles/public/",
            "articles/public/bilingual/",
            "experts/",
            "experts/ada/",
        ):
            assert f"http://testserver/{lang}/{path}" in urls
    assert not any("cache" in loc for loc in urls)
    links = {
        link.get("hreflang"): link.get("href")
        for link in urls["http://testserver/zh-hant/articles/public/"].findall(f"{XHTML}link")
    }
    assert links == {
        "fr": "http://testserver/fr/articles/public/",
        "zh-Hant": "http://testserver/zh-hant/articles/public/",
        "zh-Hans": "http://testserver/zh-hans/articles/public/",
        "x-default": "http://testserver/articles/public/",
    }


def test_the_index_pages_each_sitemap_and_odd_pages_are_not_found(client, monkeypatch):
    from reading.sitemaps import I18nSitemap

    monkeypatch.setattr(I18nSitemap, "limit", 2)
    for n in range(5):
        make_article(slug=f"a{n}")
    pages = sitemap_pages(client)
    # Pages of two URLs: 5 articles in 3 languages.
    articles = [page for page in pages if "/sitemap-articles.xml" in page]
    assert articles == ["http://testserver/sitemap-articles.xml"] + [
        f"http://testserver/sitemap-articles.xml?p={n}" for n in range(2, 9)
    ]
    listed = [loc for loc in sitemap_locations(client) if "/articles/a" in loc]
    # Every article and its side-by-side page in each language, once each.
    assert len(listed) == len(set(listed)) == 2 * 5 * 3
    for odd in ("/sitemap-articles.xml?p=9", "/sitemap-articles.xml?p=x", "/sitemap-nope.xml"):
        assert client.get(odd).status_code == 404, odd


def test_x_default_redirects_to_a_language(client):
    make_article(slug="public")
    body = client.get("/fr/articles/public/").content.decode()
    assert 'hreflang="x-default" href="http://testserver/articles/public/"' in body
    response = client.get("/articles/public/", HTTP_ACCEPT_LANGUAGE="zh-TW")
    assert response.status_code == 302 and response["Location"] == "/zh-hant/articles/public/"


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


@pytest.mark.parametrize("lang", ["fr", "zh_Hant"])
def test_every_ui_string_is_translated(lang):
    catalogue = polib.pofile(
        str(Path(settings.BASE_DIR) / "locale" / lang / "LC_MESSAGES" / "django.po")
    )
    assert catalogue.percent_translated() == 100
    assert not catalogue.fuzzy_entries()
    # Placeholders survive translation.
    for entry in catalogue.translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for placeholder in ("%(counter)s", "%(name)s", "%(language)s", "%(date)s"):
            if placeholder in entry.msgid:
                assert all(placeholder in t for t in translations), entry.msgid


def test_templates_use_no_untranslated_literal_in_chinese(client):
    make_article(slug="ok")
    body = client.get("/zh-hant/articles/ok/").content.decode()
    for english in ("Skip to content", "Original language", ">Source<", "Read French and Chinese"):
        assert english not in body


def test_favicon_ico_leads_to_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("favicon.svg")
