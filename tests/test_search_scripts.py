"""Chinese search across scripts, on both databases: a Traditional or a Simplified
query finds either text, and results come in the reader's script."""

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from articles.languages import registry
from articles.models import Block
from search import indexing
from search.models import SearchEntry, SearchText, index_languages

from .factories import article_with, make_article, make_person, opinion_with

pytestmark = pytest.mark.django_db


def search(client, q, lang):
    return client.get(f"/{lang}/search/", {"q": q})


def titles(response):
    """Result titles as shown, marks removed."""
    found = re.findall(r'class="search-result-title"[^>]*><a [^>]*>(.*?)</a>', response.text, re.S)
    return [re.sub(r"</?mark>", "", t) for t in found]


def found_in(response):
    """The "found in" language names of each result."""
    return [
        re.findall(r'class="search-result-language"[^>]*>([^<]+)<', row)
        for row in response.text.split('class="search-result-meta"')[1:]
    ]


@pytest.fixture
def corpus():
    loyal = article_with(
        slug="fidele",
        title_fr="Le client fidèle",
        title_zh="忠實的顧客",
        body=[("Le logiciel aide le client.", "軟體幫助顧客管理資訊。")],
    )
    other = article_with(
        slug="autre", title_fr="Autre chose", title_zh="別的事", body=[("Rien.", "沒什麼。")]
    )
    return {"loyal": loyal, "other": other}


def test_a_simplified_query_finds_traditional_text_shown_in_the_readers_script(client, corpus):
    simplified = search(client, "顾客", "zh-hans")
    assert titles(simplified) == ["忠实的顾客"]  # converted for the mainland reader
    assert 'lang="zh-Hans"><a href="/zh-hans/articles/fidele/"' in simplified.text
    traditional = search(client, "顾客", "zh-hant")
    assert titles(traditional) == ["忠實的顧客"]
    assert 'lang="zh-Hant"><a href="/zh-hant/articles/fidele/"' in traditional.text
    # From the French pages too: the Chinese text is the stored one.
    assert titles(search(client, "顾客", "fr")) == ["忠實的顧客"]


@pytest.mark.parametrize(
    "q, lang, marked",
    [
        ("顧客", "zh-hans", "<mark>顾客</mark>"),
        ("顾客", "zh-hant", "<mark>顧客</mark>"),
        ("软件", "zh-hans", "<mark>软件</mark>"),
        ("软件", "zh-hant", "<mark>軟體</mark>"),
        ("軟體", "zh-hans", "<mark>软件</mark>"),
        ("信息", "zh-hant", "<mark>資訊</mark>"),
    ],
    ids=[
        "trad-query-simp-reader",
        "simp-query-trad-reader",
        "mainland-word",
        "taiwan-reader",
        "taiwan-word-mainland-reader",
        "vocabulary",
    ],
)
def test_the_snippet_highlights_the_match_in_the_readers_script(client, corpus, q, lang, marked):
    response = search(client, q, lang)
    assert titles(response) == ["忠实的顾客" if lang == "zh-hans" else "忠實的顧客"]
    snippet = re.search(r'class="search-result-snippet"[^>]*>(.*?)</p>', response.text, re.S)
    assert marked in snippet.group(1)


@pytest.mark.parametrize("q", ["软件", "軟體", "软体"], ids=["mainland", "taiwan", "characters"])
def test_software_is_found_in_either_vocabulary(client, corpus, q):
    assert [e.slug for e in SearchEntry.objects.search(_query(q))[:10]] == ["fidele"]


def _query(text):
    from search.text import parse_query

    return parse_query(text)


def test_words_only_in_a_simplified_override_are_found(client, corpus):
    block = Block.objects.get(article=corpus["other"])
    block.text_zh_hans = "编辑写的简体段落：顾客至上。"
    block.save()
    found = search(client, "顧客至上", "zh-hans")
    assert titles(found) == ["别的事"]
    assert "<mark>顾客至上</mark>" in found.text
    # A Traditional reader finds it too, and is told where it matched.
    traditional = search(client, "顧客至上", "zh-hant")
    assert titles(traditional) == ["别的事"]
    assert found_in(traditional) == [["簡體中文"]]  # the UI names it in Traditional


def test_found_in_names_the_script_the_reader_sees(client, corpus):
    assert found_in(search(client, "顧客", "zh-hans")) == [["简体中文"]]
    assert found_in(search(client, "顾客", "zh-hant")) == [["繁體中文"]]
    assert found_in(search(client, "顧客", "fr")) == [["Chinois traditionnel"]]
    assert found_in(search(client, "client 顧客", "zh-hans")) == [["简体中文", "法语"]]


def test_an_opinions_article_title_is_shown_in_the_readers_script(client, corpus):
    opinion_with(corpus["loyal"], make_person(name_zh_hant="林專家"), headline_zh="顧客說了算")
    response = search(client, "顾客说了算", "zh-hans")
    assert "出自《忠实的顾客》的意见" in response.text
    corpus["loyal"].title_zh_hans = "老顾客"
    corpus["loyal"].save()
    assert "出自《老顾客》的意见" in search(client, "顾客说了算", "zh-hans").text


def test_editing_the_traditional_text_or_an_override_reindexes(client, corpus):
    article = corpus["other"]
    article.title_zh_hant = "新的顧客"
    article.save()
    assert titles(search(client, "新的顾客", "zh-hans")) == ["新的顾客"]
    article.title_zh_hans = "崭新的顾客"
    article.save()
    assert titles(search(client, "嶄新", "zh-hans")) == ["崭新的顾客"]
    # An override removed: the converted text is shown (and found) again.
    article.title_zh_hans = ""
    article.save()
    assert titles(search(client, "嶄新", "zh-hans")) == []
    assert titles(search(client, "新的顾客", "zh-hans")) == ["新的顾客"]


def test_deferred_reindexing_sees_overrides(client, corpus):
    article = corpus["other"]
    with transaction.atomic(), indexing.deferred():
        article.title_zh_hans = "延后的标题"
        article.save()
        Block.objects.create(article=article, position=2, text_zh_hant="延後的段落")
        assert titles(search(client, "延后", "zh-hans")) == []  # not yet: on leaving
    assert titles(search(client, "延后", "zh-hans")) == ["延后的标题"]
    assert titles(search(client, "延後的段落", "zh-hans")) == ["延后的标题"]


def test_the_rebuilt_index_holds_overrides_and_folded_terms(corpus):
    block = Block.objects.get(article=corpus["other"])
    Block.objects.filter(pk=block.pk).update(text_zh_hans="批量写入的覆盖")  # no signal
    from django.core.management import call_command

    call_command("rebuild_search_index", verbosity=0)
    assert [e.slug for e in SearchEntry.objects.search(_query("批量寫入"))[:10]] == ["autre"]


def test_the_index_has_columns_for_every_language():
    """Each stored language (and each derived one, for its overrides) has the
    index's columns: a language added to settings.LANGUAGES needs its migration."""
    languages = index_languages()
    assert set(registry().stored()) <= set(languages)
    text_fields = {f.name for f in SearchText._meta.get_fields()}
    entry_fields = {f.name for f in SearchEntry._meta.get_fields()}
    for language in languages:
        for name in ("title", "headline", "body"):
            assert language.field(name) in text_fields, language.code
        assert language.field("article_title") in entry_fields, language.code


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_simplified_search_makes_as_many_queries_as_traditional(client, django_assert_num_queries):
    people = [make_person() for _ in range(3)]
    for _ in range(12):
        make_article(blocks=3, opinions=2, people=people)
    # The count, one page with its texts, the agreed terms' state (as on /zh-hant/).
    for lang in ("zh-hant", "zh-hans"):
        with django_assert_num_queries(3):
            response = search(client, "顾客", lang)
        assert len(titles(response)) == 10
    assert _queries(client, "/zh-hans/search/?q=顧客&page=2") == _queries(
        client, "/zh-hant/search/?q=顧客&page=2"
    )


def test_the_empty_search_page_suggests_words_in_the_readers_script(client):
    simplified = client.get("/zh-hans/search/").text
    assert '<a href="?q=%E5%AE%A2%E6%88%B7">客户</a>' in simplified
    assert '<a href="?q=%E5%AE%A2%E6%88%B6">客戶</a>' in client.get("/zh-hant/search/").text
