"""Content corrections: text after the opinions (closing blocks), the stance rule's
data, and the wording and typography of the UI catalogues and the content files."""

import re
import shutil
from io import StringIO
from pathlib import Path

import polib
import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.utils.html import escape

from articles.models import Article, Block
from search.models import SearchEntry
from search.text import parse_query

from .editorial_support import open_change_form
from .factories import make_article, make_site

SEED_ARTICLE = "cinq-experts-client-toujours-raison"
LOCALE = Path(settings.BASE_DIR) / "locale"
FRENCH_PO = LOCALE / "fr" / "LC_MESSAGES" / "django.po"
CHINESE_PO = LOCALE / "zh_Hant" / "LC_MESSAGES" / "django.po"
CONTENT = Path(settings.CONTENT_DIR)


def html(response):
    return response.content.decode()


@pytest.fixture
def seeded(db, tmp_path):
    target = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, target)
    call_command("import_content", str(target), stdout=StringIO())
    return target


def with_closing(**fields):
    """A published article with one opinion and a closing paragraph after it."""
    article = make_article(blocks=2, opinions=1, **fields)
    Block.objects.create(
        article=article,
        position=50,
        section=Block.Section.CLOSING,
        text_fr="Et vous, qu’en pensez-vous\u202f?",
        text_zh_hant="那麼您怎麼看？",
    )
    return article


# --- closing blocks -------------------------------------------------------------


def test_the_seed_article_keeps_its_closing_paragraph(seeded):
    article = Article.objects.get(slug=SEED_ARTICLE)
    closing = [b for b in article.blocks.all() if b.section == Block.Section.CLOSING]
    assert len(closing) == 1
    assert closing[0].text_fr.startswith("Alors, qu'est-ce que tu penses\u202f?")
    assert closing[0].text_zh_hant.startswith("所以你怎麼看？")
    # Numbered after the body, so every list of the article's blocks keeps the order.
    assert closing[0].position > max(b.position for b in article.body_blocks())


@pytest.mark.parametrize(
    ("lang", "closing"),
    [
        ("fr", "Nous aimerions recevoir de vos nouvelles"),
        ("zh-hant", "我們很樂意聽取您的意見"),
    ],
    ids=["fr", "zh-hant"],
)
def test_the_closing_paragraph_follows_the_opinions(client, seeded, lang, closing):
    page = html(client.get(f"/{lang}/articles/{SEED_ARTICLE}/"))
    assert page.count(closing) == 1
    # After the last opinion, and outside the body that comes before the opinions.
    assert page.index(closing) > page.index('id="tom-martin"')
    assert page.index(closing) > page.index('class="opinions"')


def test_side_by_side_pairs_the_closing_paragraph_after_the_opinions(client, seeded):
    page = html(client.get(f"/fr/articles/{SEED_ARTICLE}/bilingual/"))
    start = page.index('class="bilingual__closing"')
    assert start > page.index('id="tom-martin"')
    row = page[start:]
    assert row.index("Nous aimerions recevoir") < row.index("所以你怎麼看")


def test_an_opinion_block_cannot_be_a_closing_block(db):
    article = make_article(blocks=0, opinions=1)
    opinion = article.opinions.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Block.objects.create(opinion=opinion, section=Block.Section.CLOSING, text_fr="x")


def test_the_search_finds_an_article_by_its_closing_words(db):
    article = with_closing(title_fr="Article à la fin")
    Block.objects.filter(article=article, section=Block.Section.CLOSING).update(
        text_fr="Une conclusion singulière", text_zh_hant="獨特的結語"
    )
    call_command("rebuild_search_index", stdout=StringIO())
    for query in ("singulière", "結語"):
        entries = SearchEntry.objects.search(parse_query(query))[:10]
        assert [e.text.title_fr for e in entries] == ["Article à la fin"]


def test_a_closing_block_is_indexed_when_saved(db):
    article = make_article(blocks=1, title_fr="Sans fin")
    Block.objects.create(
        article=article, position=9, section=Block.Section.CLOSING, text_fr="Épilogue inattendu"
    )
    entries = SearchEntry.objects.search(parse_query("épilogue"))[:10]
    assert [e.text.title_fr for e in entries] == ["Sans fin"]


def test_closing_blocks_round_trip_through_the_content_files(seeded, tmp_path):
    out = tmp_path / "export"
    call_command("export_content", str(out), stdout=StringIO())
    name = f"articles/{SEED_ARTICLE}.yaml"
    assert (out / name).read_text() == (seeded / name).read_text()
    data = yaml.safe_load((out / name).read_text())
    assert [b["kind"] for b in data["closing"]] == ["paragraph"]
    # Articles without one keep their files as they were: no empty key.
    assert "closing" not in (out / "articles/le-client-est-il-roi.yaml").read_text()


def test_a_bad_closing_block_is_named(seeded):
    path = seeded / "articles" / f"{SEED_ARTICLE}.yaml"
    path.write_text(path.read_text().replace("closing:\n- kind: paragraph", "closing:\n- kind: x"))
    with pytest.raises(CommandError) as error:
        call_command("import_content", str(seeded), stdout=StringIO())
    assert "closing[0].kind: 'x' is not one of" in str(error.value)


def test_an_editor_moves_a_block_after_the_opinions(editor_client, client):
    article = make_article(blocks=2, opinions=1)
    url, data = open_change_form(editor_client, article)
    moved = article.body_blocks()[1].text_fr
    assert data["blocks-1-section"] == "body"
    data["blocks-1-section"] = "closing"
    response = editor_client.post(url, data)
    assert response.status_code == 302
    closing = Article.objects.get(pk=article.pk).closing_blocks()
    assert [b.text_fr for b in closing] == [moved]
    page = html(client.get(article.get_absolute_url()))
    assert page.index(escape(moved)) > page.index('class="opinions"')


@pytest.mark.parametrize(
    ("suffix", "queries"), [("", 8), ("bilingual/", 7)], ids=["article", "bilingual"]
)
def test_closing_blocks_add_no_queries(db, client, django_assert_num_queries, suffix, queries):
    # The same counts as test_site_queries' first view of an article: the closing
    # blocks come with the body.
    _question, _people, articles = make_site()
    article = articles[0]
    for extra in range(6):
        Block.objects.create(
            article=article, position=60 + extra, section="closing", text_fr="x", text_zh_hant="字"
        )
    client.get(f"/fr/articles/{articles[1].slug}/")  # the version's figures
    with django_assert_num_queries(queries):
        response = client.get(f"/fr/articles/{article.slug}/{suffix}")
    assert html(response).count(">x</p>") == 6


# --- the stance rule, in the data -----------------------------------------------


def test_treat_them_as_if_they_were_right_is_coded_depends(seeded):
    stances = dict(
        Article.objects.get(slug=SEED_ARTICLE).opinions.values_list("person__slug", "stance")
    )
    assert stances["andy-beal"] == stances["bill-flitter"] == "depends"


def test_the_readme_states_the_stance_rule():
    readme = " ".join((Path(settings.BASE_DIR) / "README.md").read_text().split())
    assert "is the customer always right?" in readme
    assert "treat them as if they were" in readme


# --- wording and typography -------------------------------------------------------

# French: U+202F before ? ! ; and U+00A0 before : and inside « » (see README).
FRENCH_SPACING = [
    (re.compile(r"[ \u00a0][?!;]"), "a plain or wide space before ? ! ;"),
    (re.compile(r"(?<=[^\s?!;:])[?!;](?=\s|$)"), "no space before ? ! ;"),
    (re.compile(r"[ \u202f]:(?=\s|$)|(?<=[^\s:]):(?=\s|$)"), "no U+00A0 before :"),
    (re.compile(r"«(?!\u00a0)|(?<!\u00a0)»"), "no U+00A0 inside « »"),
]


def french_problems(text):
    return [why for pattern, why in FRENCH_SPACING if pattern.search(text)]


def _messages(path):
    for entry in polib.pofile(str(path)):
        if entry.msgid:
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                yield entry, text


def test_french_ui_strings_use_non_breaking_spaces():
    bad = [(e.msgid, french_problems(t)) for e, t in _messages(FRENCH_PO) if french_problems(t)]
    assert bad == []


def _french_texts(node, where=""):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "fr" and isinstance(value, str):
                yield where, value
            else:
                yield from _french_texts(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _french_texts(value, f"{where}[{index}]")


def test_french_content_uses_non_breaking_spaces():
    bad = []
    for path in sorted(CONTENT.rglob("*.yaml")):
        for where, text in _french_texts(yaml.safe_load(path.read_text())):
            if french_problems(text):
                bad.append((path.name, where, french_problems(text)))
    assert bad == []


def test_french_ui_says_redacteur_and_one_word_for_slug_and_stance():
    messages = {e.msgid: t for e, t in _messages(FRENCH_PO)}
    assert not [t for t in messages.values() if "éditeur" in t.lower()]
    # The word, not a %(slug)s placeholder.
    slugs = {k: v for k, v in messages.items() if re.search(r"(?<!\()\bslugs?\b", k, re.I)}
    assert slugs and all("identifiant" in v and "slug" not in v for v in slugs.values())
    stances = {
        k: v for k, v in messages.items() if re.fullmatch(r"(?i)stance|the article's stance", k)
    }
    assert len(stances) == 3 and all("réponse" in v.lower() for v in stances.values())


def test_chinese_ui_credits_are_sources_not_thanks():
    messages = {e.msgid: t for e, t in _messages(CHINESE_PO)}
    assert not [t for t in messages.values() if "致謝" in t]
    assert messages["credits"] == "出處"
    assert messages["Credits:"] == "出處："


def test_one_spelling_of_fabu_everywhere():
    base = Path(settings.BASE_DIR)
    paths = [CHINESE_PO, *CONTENT.rglob("*.yaml"), *(base / "templates").rglob("*.html")]
    assert [p.name for p in paths if "發佈" in p.read_text()] == []
    assert "發布" in CHINESE_PO.read_text()


def test_closing_block_labels_are_translated():
    for path, expected in ((FRENCH_PO, "Après les avis"), (CHINESE_PO, "在專家意見之後")):
        messages = {e.msgid: t for e, t in _messages(path)}
        assert messages["After the opinions"] == expected


def test_closing_blocks_are_translated_after_the_opinions(db):
    from editorial import translation_units as tu

    article = with_closing()
    closing = Block.objects.get(article=article, section=Block.Section.CLOSING)
    units = tu.article_units(tu.articles_with_units().get(pk=article.pk), "zh-hant")
    ids = [unit.id for unit in units]
    last_opinion_unit = max(i for i, unit in enumerate(units) if unit.kind == "opinion_block")
    assert ids.index(f"block:{closing.pk}:text") > last_opinion_unit
