"""The admin speaks the editor's language, all of it: history summaries worded for
whoever reads them, third-party strings translated, language tabs with native names,
and search that finds articles and opinions by their text in every language.

The admin has no language prefix: the editor's browser (Accept-Language) or the
language cookie chooses its language, as LocaleMiddleware does."""

import json

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from reversion.models import Revision

from articles.languages import registry
from editorial import summaries
from editorial.history import versions_of

from .editorial_support import form_data, make_editor, make_versioned_article
from .factories import make_person

pytestmark = pytest.mark.django_db

FRENCH = {"accept-language": "fr"}
TRADITIONAL = {"accept-language": "zh-TW"}
SIMPLIFIED = {"accept-language": "zh-CN"}
# The article's own entry in a stored summary.
ARTICLE = {"model": "articles.article", "object": "Article", "own": True}


class Editor:
    """A logged-in Editors-group account whose browser asks for one language."""

    def __init__(self, user, headers):
        self.client = Client(headers=headers)
        self.client.force_login(user)

    def get(self, url, **params):
        return self.client.get(url, params)

    def save(self, obj_url, **changes):
        page = self.client.get(obj_url)
        assert page.status_code == 200
        data = {**form_data(page.text), **changes}
        response = self.client.post(obj_url, data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        return response


@pytest.fixture
def french_editor(django_user_model):
    return Editor(make_editor(django_user_model, "amelie"), FRENCH)


@pytest.fixture
def chinese_editor(django_user_model):
    return Editor(make_editor(django_user_model, "meiling"), TRADITIONAL)


def history_summaries(editor, article):
    response = editor.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert response.status_code == 200
    return [entry["summary"] for entry in response.context["action_list"]]


# --- history summaries ----------------------------------------------------------------


def test_a_french_save_is_summarised_in_chinese_for_a_chinese_editor(french_editor, chinese_editor):
    article = make_versioned_article(blocks=2)
    url = reverse("admin:articles_article_change", args=[article.pk])
    french_editor.save(url, title_zh_hant="新的標題", **{"blocks-1-text_fr": "Réécrit."})

    latest = summaries.decode(versions_of(article).first().revision.comment)
    assert latest is not None, "the comment holds data, not a French sentence"

    chinese = history_summaries(chinese_editor, article)[0]
    assert "標題（繁體中文）" in chinese
    assert "文字（法文）" in chinese
    assert "Modification" not in chinese and "Title" not in chinese

    french = history_summaries(french_editor, article)[0]
    assert "titre (chinois traditionnel)" in french
    assert "texte (français)" in french


def test_a_simplified_chinese_editor_reads_the_summary_in_simplified_chinese(
    french_editor, django_user_model
):
    article = make_versioned_article(blocks=1)
    url = reverse("admin:articles_article_change", args=[article.pk])
    french_editor.save(url, title_zh_hans="手写的标题", title_fr="Nouveau titre")
    reader = Editor(make_editor(django_user_model, "xiaoming"), SIMPLIFIED)
    assert history_summaries(reader, article)[0] == ("已修改标题（法语）和标题（简体中文）。")


def test_an_opinions_history_names_the_article_saved_with_it(french_editor, chinese_editor):
    person = make_person(name_fr="Andy Beal")
    article = make_versioned_article(title_fr="Cinq experts", opinions=1, people=[person])
    url = reverse("admin:articles_article_change", args=[article.pk])
    french_editor.save(url, title_zh_hant="五位專家", **{"opinions-0-headline_zh_hant": "新標題"})
    opinion = article.opinions.get()
    response = chinese_editor.get(reverse("admin:articles_opinion_history", args=[opinion.pk]))
    summary = response.context["action_list"][0]["summary"]
    assert summary.startswith("已修改文章「Cinq experts」的標題（繁體中文）。")
    assert "意見標題（繁體中文）" in summary


def test_the_version_page_words_the_summary_for_its_reader(french_editor, chinese_editor):
    article = make_versioned_article()
    url = reverse("admin:articles_article_change", args=[article.pk])
    french_editor.save(url, standfirst_zh_hant="新的導言")
    latest = versions_of(article).first()
    changes_url = reverse("admin:articles_article_version_changes", args=[article.pk, latest.pk])
    assert "導言（繁體中文）" in chinese_editor.get(changes_url).context["summary"]
    assert "chapeau (chinois traditionnel)" in french_editor.get(changes_url).context["summary"]


def test_added_inline_objects_and_plain_events_are_worded_for_the_reader(
    french_editor, chinese_editor
):
    article = make_versioned_article(blocks=1)
    changelist = reverse("admin:articles_article_changelist")
    french_editor.client.post(changelist, {"action": "unpublish", "_selected_action": [article.pk]})
    assert history_summaries(chinese_editor, article)[0] == "已取消發布（批次動作）。"
    assert history_summaries(french_editor, article)[0] == "Dépublié (action groupée)."


def test_a_restore_is_summarised_with_the_restored_date(french_editor, chinese_editor):
    article = make_versioned_article(title_fr="Version un")
    first = versions_of(article).first()
    url = reverse("admin:articles_article_change", args=[article.pk])
    french_editor.save(url, title_fr="Version deux")
    restore_url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    page = french_editor.get(restore_url)
    assert french_editor.client.post(restore_url, form_data(page.text)).status_code == 302
    chinese = history_summaries(chinese_editor, article)[0]
    assert chinese.startswith("已還原") and str(first.revision.date_created.year) in chinese
    assert history_summaries(french_editor, article)[0].startswith("Version du ")


def test_old_plain_text_comments_are_shown_as_written(chinese_editor):
    article = make_versioned_article()
    Revision.objects.update(comment="Modification de Title [zh-hant].")
    assert history_summaries(chinese_editor, article) == ["Modification de Title [zh-hant]."]


def test_the_import_comment_is_worded_for_the_reader(chinese_editor):
    from articles.content.schema import IMPORT_COMMENT

    article = make_versioned_article()
    Revision.objects.update(comment=IMPORT_COMMENT)
    assert history_summaries(chinese_editor, article) == ["從內容檔案匯入（import_content）。"]


@pytest.mark.parametrize(
    "items",
    [
        pytest.param([{"event": "from-the-future"}], id="unknown-event"),
        pytest.param(
            [{"changed": {**ARTICLE, "fields": [["gone", None]]}}], id="field-removed-since"
        ),
        pytest.param([{"added": {"model": "articles.gone", "object": "x"}}], id="model-removed"),
        pytest.param(
            [{"changed": {**ARTICLE, "fields": [["title", "xx"]]}}], id="language-removed"
        ),
        pytest.param(["not an object"], id="malformed"),
    ],
)
def test_a_summary_this_code_cannot_word_is_shown_raw_not_a_500(chinese_editor, items):
    article = make_versioned_article()
    raw = json.dumps({"summary": items})
    Revision.objects.update(comment=raw)
    assert history_summaries(chinese_editor, article) == [raw]


def test_every_enabled_language_names_itself_in_the_summary(chinese_editor):
    """A summary names languages through the registry: none is spelled in the code."""
    article = make_versioned_article()
    fields = [["title", language.code] for language in registry()]
    items = [{"changed": {**ARTICLE, "fields": fields}}]
    Revision.objects.update(comment=summaries.encode(items))
    [summary] = history_summaries(chinese_editor, article)
    with translation.override("zh-hant"):
        expected = [f"標題（{name}）" for _code, name in settings.LANGUAGES]
    for label in expected:
        assert label in summary


# --- reversion's and other apps' strings ------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "expected", "not_expected"),
    [
        pytest.param(TRADITIONAL, "復原已刪除的項目（文章）", "RÉCUPÉRER", id="zh-hant"),
        pytest.param(SIMPLIFIED, "恢复已删除的项目（文章）", "RÉCUPÉRER", id="zh-hans"),
        pytest.param(FRENCH, "Récupérer un élément supprimé (articles)", "Recover", id="fr"),
    ],
)
def test_reversion_links_and_pages_speak_the_editors_language(
    django_user_model, headers, expected, not_expected
):
    editor = Editor(make_editor(django_user_model), headers)
    make_versioned_article()
    changelist = editor.get(reverse("admin:articles_article_changelist")).text
    assert expected in changelist
    assert not_expected not in changelist
    recover_list = editor.get(reverse("admin:articles_article_recoverlist")).text
    assert expected in recover_list and not_expected not in recover_list


def test_reversion_strings_have_simplified_chinese_too():
    with translation.override("zh-hans"):
        assert translation.gettext("Recover deleted %(name)s") == "恢复已删除的项目（%(name)s）"
        assert translation.gettext("There are no deleted objects to recover.") == (
            "没有可恢复的已删除项目。"
        )


def test_the_restore_page_title_is_translated(chinese_editor):
    article = make_versioned_article(title_fr="Version un")
    first = versions_of(article).first()
    page = chinese_editor.get(
        reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    )
    assert page.context["title"] == f"還原 {first.object_repr}"


# --- language tabs ------------------------------------------------------------------------


def test_the_change_form_names_each_tab_by_its_language_in_itself(chinese_editor):
    article = make_versioned_article()
    page = chinese_editor.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "editorial/language_tabs.js" in page.text
    # The script reads the names from the page, after modeltranslation's tabs script.
    assert page.text.index("tabbed_translation_fields.js") < page.text.index("language_tabs.js")
    tabs = json.loads(page.text.split('id="language-tabs"', 1)[1].split(">", 1)[1].split("<")[0])
    assert tabs == {
        language.code: {"name": language.native_name, "tag": language.tag}
        for language in registry()
    }
    assert tabs["fr"]["name"] == "Français" and tabs["zh-hant"]["name"] == "繁體中文"


def test_field_labels_name_the_language_in_itself_even_without_javascript(chinese_editor):
    article = make_versioned_article(opinions=1)
    page = chinese_editor.get(reverse("admin:articles_article_change", args=[article.pk])).text
    # The article's own fields, its body blocks' columns and its opinions' headlines.
    for label in ("標題 [繁體中文]", "標題 [简体中文]", "標題 [Français]", "[繁體中文]"):
        assert label in page
    assert "[zh-hant]" not in page and "[zh-hans]" not in page and "[fr]" not in page


# --- search -----------------------------------------------------------------------------


def found(editor, model, query):
    response = editor.get(reverse(f"admin:articles_{model}_changelist"), q=query)
    assert response.status_code == 200
    return {str(obj.pk) for obj in response.context["cl"].result_list}


def test_articles_are_found_by_the_words_of_their_body_in_each_language(chinese_editor):
    shoemaker = make_versioned_article(blocks=1)
    shoemaker.blocks.update(
        text_fr="Le cordonnier est le plus mal chaussé.", text_zh_hant="鞋匠的孩子沒鞋穿。"
    )
    other = make_versioned_article(blocks=1, opinions=1)
    other.opinions.get().blocks.update(
        text_fr="Un avis de banquier.", text_zh_hant="銀行家的意見。"
    )
    assert found(chinese_editor, "article", "cordonnier") == {str(shoemaker.pk)}
    assert found(chinese_editor, "article", "鞋匠") == {str(shoemaker.pk)}
    # An opinion's text is the article's text too.
    assert found(chinese_editor, "article", "banquier") == {str(other.pk)}
    assert found(chinese_editor, "article", "銀行家") == {str(other.pk)}
    assert found(chinese_editor, "article", "introuvable") == set()


def test_opinions_are_found_by_the_persons_name_and_their_text_in_each_language(
    chinese_editor,
):
    blog = make_person(name_fr="Le blog de Salesforce", name_zh_hant="Salesforce 部落格")
    andy = make_person(name_fr="Andy Beal", name_zh_hant="安迪·比爾")
    article = make_versioned_article(opinions=2, people=[blog, andy])
    by_blog, by_andy = article.opinions.order_by("position")
    by_andy.blocks.update(text_fr="Écoutez vos clients.", text_zh_hant="傾聽你的顧客。")
    assert found(chinese_editor, "opinion", "部落格") == {str(by_blog.pk)}
    assert found(chinese_editor, "opinion", "blog") == {str(by_blog.pk)}
    assert found(chinese_editor, "opinion", "Beal") == {str(by_andy.pk)}
    assert found(chinese_editor, "opinion", "比爾") == {str(by_andy.pk)}
    assert found(chinese_editor, "opinion", "傾聽") == {str(by_andy.pk)}
    assert found(chinese_editor, "opinion", "Écoutez") == {str(by_andy.pk)}
    # Simplified words find the stored Traditional text, in its vocabulary.
    assert found(chinese_editor, "opinion", "博客") == {str(by_blog.pk)}
    assert found(chinese_editor, "opinion", "倾听") == {str(by_andy.pk)}


def test_people_are_found_by_name_and_organisation_in_each_language(chinese_editor):
    king = make_person(name_fr="Michelle King", organisation_zh_hant="成功因素公司")
    make_person(name_fr="Tom Martin")
    assert found(chinese_editor, "person", "成功因素") == {str(king.pk)}
    assert found(chinese_editor, "person", "King") == {str(king.pk)}


def test_the_change_list_has_one_completeness_column_and_filter_per_stored_language(
    chinese_editor,
):
    complete = make_versioned_article()
    untranslated = make_versioned_article(title_zh_hant="")
    response = chinese_editor.get(reverse("admin:articles_article_changelist"))
    with translation.override("zh-hant"):
        names = [str(language.name) for language in registry().stored()]
    for name in names:
        assert f"{name}已完成" in response.text
        assert f">{name}</a>" in response.text  # the "missing language" filter's choice
    assert found(chinese_editor, "article", "") == {str(complete.pk), str(untranslated.pk)}
    missing = chinese_editor.get(reverse("admin:articles_article_changelist"), missing="zh-hant")
    assert [a.pk for a in missing.context["cl"].result_list] == [untranslated.pk]
