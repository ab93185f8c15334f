"""Missing translations (the original shown, with a notice) and the side-by-side view."""

import re

import pytest

from articles.models import Block

from .factories import make_article, make_half_translated, make_person

pytestmark = pytest.mark.django_db


# --- Missing translations


def test_missing_chinese_shows_french_with_a_notice_in_chinese(client):
    make_half_translated(slug="moitie", standfirst_fr="Chapeau seulement en français")
    body = client.get("/zh-hant/articles/moitie/").text
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
    body = client.get("/fr/articles/zh/").text
    assert '<h1 lang="zh-Hant">只有中文的標題</h1>' in body
    assert "texte original, Chinois traditionnel" in body
    assert "Cette page n’est pas encore entièrement traduite" in body


def test_complete_translation_shows_no_notice(client):
    make_article(slug="ok")
    assert "notice--fallback" not in client.get("/zh-hant/articles/ok/").text


# --- Side by side


def test_side_by_side_pairs_blocks_and_marks_missing_sides(client):
    make_half_translated(slug="moitie")
    body = client.get("/zh-hant/articles/moitie/bilingual/").text
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
    assert "缺少繁體中文版本" in second  # missing side stays in its row
    third = pairs[4][1]
    assert "Paragraphe 3" in third and "第 3 段" in third
    standfirst = pairs[1][1]
    assert "缺少繁體中文版本" in standfirst


def test_side_by_side_missing_french_is_marked_in_french(client):
    article = make_article(slug="zh-first", blocks=1)
    Block.objects.filter(article=article).update(text_fr="")
    body = client.get("/fr/articles/zh-first/bilingual/").text
    assert "Manquant en français" in body


def test_side_by_side_groups_opinions_with_anchors(client):
    people = [make_person(slug="p1"), make_person(slug="p2")]
    make_article(slug="avis", opinions=2, people=people)
    body = client.get("/fr/articles/avis/bilingual/").text
    assert 'id="p1-1"' in body and 'id="p2-2"' in body
    assert body.index('id="p1-1"') < body.index('id="p2-2"')
