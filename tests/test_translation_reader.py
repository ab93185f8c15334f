"""Readers are told when the translation they read lags behind the original."""

import re

import pytest

from .factories import make_article

NOTICE = re.compile(r'<p [^>]*data-translation="(\w+)"[^>]*>(.*?)</p>', re.S)
LINK = re.compile(r'<a href="([^"]+)"')


def notices(response):
    """{state: (text of the notice, its link or None)} of the page's translation notices."""
    found = {}
    for state, inner in NOTICE.findall(response.content.decode()):
        link = LINK.search(inner)
        found[state] = (re.sub(r"<[^>]+>", "", inner), link.group(1) if link else None)
    return found


@pytest.fixture
def outdated(db):
    article = make_article(blocks=3, opinions=1)
    block = article.blocks.first()
    block.text_fr = "Le paragraphe d’origine, réécrit depuis la traduction."
    block.save()
    return article


def test_an_outdated_translation_is_shown_with_a_notice_in_the_readers_language(client, outdated):
    response = client.get(f"/zh-hant/articles/{outdated.slug}/")
    text, link = notices(response)["outdated"]
    assert "原文已於" in text
    assert link == f"/zh-hant/articles/{outdated.slug}/bilingual/"
    # The translation itself is still what is shown.
    assert outdated.blocks.first().text_zh_hant in response.content.decode()
    assert "missing" not in notices(response)


def test_the_original_language_has_no_notice(client, outdated):
    assert notices(client.get(f"/fr/articles/{outdated.slug}/")) == {}


def test_the_notice_goes_once_the_translation_is_updated(client, outdated):
    block = outdated.blocks.first()
    block.text_zh_hant = "重寫後的原段落。"
    block.save()
    assert "outdated" not in notices(client.get(f"/zh-hant/articles/{outdated.slug}/"))


def test_an_outdated_opinion_or_person_counts_too(client, db):
    article = make_article(blocks=1, opinions=1)
    person = article.opinions.get().person
    person.role_fr = "Directrice générale"
    person.save()
    _text, link = notices(client.get(f"/zh-hant/articles/{article.slug}/"))["outdated"]
    assert link.endswith("/bilingual/")


def test_a_missing_translation_keeps_its_notice(client, db):
    article = make_article(blocks=2)
    block = article.blocks.first()
    block.text_zh_hant = ""
    block.save()
    found = notices(client.get(f"/zh-hant/articles/{article.slug}/"))
    assert "missing" in found and "outdated" not in found
    assert "原文" in found["missing"][0]


# --- Simplified Chinese: its text is the Traditional one, or an editor's override


def test_a_simplified_reader_is_told_when_the_traditional_text_lags(client, outdated):
    response = client.get(f"/zh-hans/articles/{outdated.slug}/")
    text, link = notices(response)["outdated"]
    assert "原文已于" in text  # the notice in Simplified
    assert link == f"/zh-hans/articles/{outdated.slug}/bilingual/"


def test_an_override_made_before_the_traditional_text_changed_is_outdated(client, db):
    article = make_article(blocks=1, original_language="zh-hant")
    block = article.blocks.get()
    block.text_zh_hans = "编辑写的简体段落。"
    block.save()
    assert "outdated" not in notices(client.get(f"/zh-hans/articles/{article.slug}/"))
    block.text_zh_hant = "改寫後的繁體段落。"
    block.save()
    assert "outdated" in notices(client.get(f"/zh-hans/articles/{article.slug}/"))
    # Traditional readers read the original: nothing is behind for them.
    assert "outdated" not in notices(client.get(f"/zh-hant/articles/{article.slug}/"))
