"""History: every change recorded with who and when, shown field by field and
language by language, and any earlier version restorable."""

import pytest
import reversion
from django.test import Client
from django.urls import reverse

from articles.models import Article, Person
from editorial.history import versions_of

from .editorial_support import form_data, make_editor, make_versioned_article, open_change_form
from .factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    client = Client()
    client.force_login(make_editor(django_user_model))
    return client


def save(client, article, **changes):
    url, data = open_change_form(client, article)
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def test_each_save_is_recorded_with_who_and_when(editor):
    article = make_versioned_article(title_fr="Premier titre", blocks=2, opinions=2)
    save(editor, article, title_zh_hant="新的標題")
    latest = versions_of(article).first()
    assert latest.revision.user.username == "alice"
    assert latest.field_dict["title_zh_hant"] == "新的標題"
    # The version follows the body and the opinions, translated columns included.
    stored = {v.content_type.model for v in latest.revision.version_set.all()}
    assert stored == {"article", "block", "opinion"}


def test_history_page_lists_versions_with_links_to_changes(editor):
    article = make_versioned_article()
    save(editor, article, standfirst_fr="Nouveau chapeau")
    response = editor.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert response.status_code == 200
    latest = versions_of(article).first()
    assert (
        reverse("admin:articles_article_version_changes", args=[article.pk, latest.pk])
        in response.text
    )
    assert "alice" in response.text


@pytest.mark.parametrize(
    ("language", "expected_labels"),
    [
        pytest.param("fr", ["Titre (français)", "Texte (chinois traditionnel)"], id="fr"),
        pytest.param("zh-hant", ["標題（法文）", "文字（繁體中文）"], id="zh-hant"),
    ],
)
def test_changes_view_shows_each_field_in_each_language(editor, language, expected_labels):
    article = make_versioned_article(title_fr="Avant", blocks=2)
    save(editor, article, title_fr="Après", **{"blocks-1-text_zh_hant": "改過的第二段。"})
    latest = versions_of(article).first()
    response = editor.get(
        reverse("admin:articles_article_version_changes", args=[article.pk, latest.pk]),
        headers={"accept-language": language},
    )
    assert response.status_code == 200
    changes = response.context["changes"]
    assert [(c.before, c.after) for c in changes] == [
        ("Avant", "Après"),
        (
            "文章 {} 的第 2 段。".format(article.slug.split("-")[1]),
            "改過的第二段。",
        ),
    ]
    for label in expected_labels:
        assert label in response.text


def test_changes_view_names_opinions_by_person(editor):
    andy = make_person(name_fr="Andy Beal")
    article = make_versioned_article(opinions=1, people=[andy])
    save(editor, article, **{"opinions-0-headline_fr": "Le client a souvent raison"})
    latest = versions_of(article).first()
    response = editor.get(
        reverse("admin:articles_article_version_changes", args=[article.pk, latest.pk])
    )
    [change] = response.context["changes"]
    assert (change.where, change.after) == ("Avis de Andy Beal", "Le client a souvent raison")


def test_restore_brings_back_text_and_body(editor):
    article = make_versioned_article(title_fr="Version un", blocks=2)
    first = versions_of(article).first()
    save(editor, article, title_fr="Version deux", **{"blocks-0-text_fr": "Réécrit."})
    restore_url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    page = editor.get(restore_url)
    assert page.status_code == 200
    data = form_data(page.text)
    assert data["title_fr"] == "Version un"
    # Viewing the restore page changed nothing.
    assert Article.objects.get(pk=article.pk).title_fr == "Version deux"

    assert editor.post(restore_url, data).status_code == 302
    article.refresh_from_db()
    assert article.title_fr == "Version un"
    assert article.blocks.order_by("position").first().text_fr.startswith("Paragraphe 1")
    latest = versions_of(article).first()
    assert (latest.revision.user.username, latest.field_dict["title_fr"]) == ("alice", "Version un")


def test_restore_makes_open_forms_stale(editor, django_user_model):
    article = make_versioned_article(title_fr="Version un")
    first = versions_of(article).first()
    save(editor, article, title_fr="Version deux")
    other = Client()
    other.force_login(make_editor(django_user_model, "bruno"))
    url, stale = open_change_form(other, article)

    restore_url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    editor.post(restore_url, form_data(editor.get(restore_url).text))
    stale["title_fr"] = "Version de Bruno"
    response = other.post(url, stale)
    assert response.status_code == 200
    assert response.context["adminform"].form.conflict
    assert Article.objects.get(pk=article.pk).title_fr == "Version un"


def test_restore_refused_when_the_article_moved_on(editor):
    article = make_versioned_article(title_fr="Version un")
    first = versions_of(article).first()
    save(editor, article, title_fr="Version deux")
    restore_url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    data = form_data(editor.get(restore_url).text)
    save(editor, Article.objects.get(pk=article.pk), title_fr="Version trois")
    response = editor.post(restore_url, data)
    assert response.status_code == 200
    assert Article.objects.get(pk=article.pk).title_fr == "Version trois"


def test_people_have_history_too(editor):
    with reversion.create_revision():
        person = make_person(name_fr="Michelle King")
    url = reverse("admin:articles_person_change", args=[person.pk])
    data = form_data(editor.get(url).text)
    data["role_zh_hant"] = "執行副總裁"
    assert editor.post(url, data).status_code == 302
    latest = versions_of(Person.objects.get(pk=person.pk)).first()
    response = editor.get(
        reverse("admin:articles_person_version_changes", args=[person.pk, latest.pk])
    )
    assert response.status_code == 200
    assert ("執行長", "執行副總裁") in [(c.before, c.after) for c in response.context["changes"]]


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("{pk}/history/999999/changes/", id="unknown-version"),
        pytest.param("999999/history/1/changes/", id="unknown-article"),
        pytest.param("{pk}/history/999999/", id="unknown-restore"),
        pytest.param("abc/history/1/changes/", id="malformed-article-id"),
        pytest.param("abc/history/1/", id="malformed-restore-id"),
        pytest.param("abc/history/", id="malformed-history-id"),
    ],
)
def test_unknown_versions_are_404_or_a_message(editor, path):
    article = make_versioned_article()
    response = editor.get("/admin/articles/article/" + path.format(pk=article.pk))
    assert response.status_code in (302, 404)
    assert response.status_code != 500


def test_an_untouched_multiline_block_is_not_a_change(editor):
    """Browsers send textareas with CRLF: that alone is not an edit."""
    article = make_versioned_article(blocks=1)
    article.blocks.update(text_fr="Ligne un\nLigne deux", text_zh_hant="第一行\n第二行")
    with reversion.create_revision():
        reversion.add_to_revision(article)
    url, data = open_change_form(editor, article)
    browser_data = {key: value.replace("\n", "\r\n") for key, value in data.items()}
    browser_data["title_fr"] = "Seul le titre change"
    assert editor.post(url, browser_data).status_code == 302
    latest = versions_of(article).first()
    changes = editor.get(
        reverse("admin:articles_article_version_changes", args=[article.pk, latest.pk])
    ).context["changes"]
    assert [c.label for c in changes] == ["Titre (français)"]
    assert article.blocks.get().text_fr == "Ligne un\nLigne deux"


def test_a_deleted_article_can_be_recovered_with_its_body(editor):
    article = make_versioned_article(title_fr="Supprimé par erreur", blocks=3, opinions=2)
    save(editor, article, title_fr="Supprimé par erreur")
    pk = article.pk
    delete_url = reverse("admin:articles_article_delete", args=[pk])
    assert editor.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=pk).exists()

    listing = editor.get(reverse("admin:articles_article_recoverlist"))
    assert listing.status_code == 200
    version = listing.context["deleted"][0]
    recover_url = reverse("admin:articles_article_recover", args=[version.pk])
    assert editor.post(recover_url, form_data(editor.get(recover_url).text)).status_code == 302
    recovered = Article.objects.get(pk=pk)
    assert recovered.title_fr == "Supprimé par erreur"
    assert (recovered.blocks.count(), recovered.opinions.count()) == (3, 2)


def found(title_word):
    response = Client().get("/fr/search/", {"q": title_word})
    return [hit.url for hit in response.context["hits"]]


def test_search_follows_a_restore_and_a_recovery(editor):
    article = make_versioned_article(title_fr="Zanzibar", blocks=1)
    first = versions_of(article).first()
    save(editor, article, title_fr="Kilimandjaro")
    assert found("Zanzibar") == [] and found("Kilimandjaro")
    restore_url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    editor.post(restore_url, form_data(editor.get(restore_url).text))
    assert found("Zanzibar") and found("Kilimandjaro") == []

    editor.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    assert found("Zanzibar") == []
    version = editor.get(reverse("admin:articles_article_recoverlist")).context["deleted"][0]
    recover_url = reverse("admin:articles_article_recover", args=[version.pk])
    editor.post(recover_url, form_data(editor.get(recover_url).text))
    assert found("Zanzibar")
