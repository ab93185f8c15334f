"""No lost edits: a save based on a stale copy of an article is refused."""

import pytest
from django import forms
from django.core.management import call_command
from django.db import OperationalError
from django.db.models import F
from django.test import Client
from django.utils import formats, timezone, translation

from articles.models import Article, Versioned
from editorial.forms import ArticleAdminForm
from editorial.history import versions_of

from .editorial_support import (
    form_data,
    make_editor,
    make_versioned_article,
    open_change_form,
    open_form,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors(django_user_model):
    clients = []
    for name in ("alice", "bruno"):
        client = Client()
        client.force_login(make_editor(django_user_model, name))
        clients.append(client)
    return clients


def test_second_save_is_refused_and_keeps_the_second_editors_text(two_editors):
    alice, bruno = two_editors
    article = make_versioned_article(title_fr="Titre d'origine", blocks=2, opinions=1)
    url, alice_data = open_change_form(alice, article)
    _, bruno_data = open_change_form(bruno, article)

    alice_data["title_fr"] = "Titre d'Alice"
    assert alice.post(url, alice_data).status_code == 302

    bruno_data["title_fr"] = "Titre de Bruno"
    bruno_data["blocks-0-text_zh_hant"] = "布魯諾改寫的第一段。"
    bruno_data["opinions-0-headline_fr"] = "Avis réécrit par Bruno"
    response = bruno.post(url, bruno_data)

    assert response.status_code == 200
    article.refresh_from_db()
    assert article.title_fr == "Titre d'Alice"  # nothing of Bruno's landed
    html = response.text
    assert "alice a enregistré cet article" in html
    conflict = response.context["adminform"].form.conflict
    rows = {(c.label, c.after, c.yours) for c in conflict["changes"]}
    assert ("Titre (français)", "Titre d'Alice", "Titre de Bruno") in rows
    # Everything Bruno typed is still in the form, inline rows included.
    again = form_data(html)
    assert again["title_fr"] == "Titre de Bruno"
    assert again["blocks-0-text_zh_hant"] == "布魯諾改寫的第一段。"
    assert again["opinions-0-headline_fr"] == "Avis réécrit par Bruno"


def test_saving_again_after_the_conflict_is_a_deliberate_overwrite(two_editors):
    alice, bruno = two_editors
    article = make_versioned_article()
    url, alice_data = open_change_form(alice, article)
    _, bruno_data = open_change_form(bruno, article)
    alice_data["standfirst_fr"] = "Chapeau d'Alice"
    alice.post(url, alice_data)
    bruno_data["standfirst_fr"] = "Chapeau de Bruno"
    refused = bruno.post(url, bruno_data)
    assert refused.status_code == 200

    assert bruno.post(url, form_data(refused.text)).status_code == 302
    article.refresh_from_db()
    assert article.standfirst_fr == "Chapeau de Bruno"


def test_conflict_message_is_translated(two_editors):
    alice, bruno = two_editors
    article = make_versioned_article()
    url, alice_data = open_change_form(alice, article)
    _, bruno_data = open_change_form(bruno, article)
    alice_data["title_zh_hant"] = "愛麗絲的標題"
    alice.post(url, alice_data)
    with translation.override("zh-hant"):
        response = bruno.post(url, bruno_data, headers={"accept-language": "zh-hant"})
    assert "另一位編輯" in response.text
    assert "標題（繁體中文）" in response.text


def test_without_history_every_difference_is_listed(two_editors):
    """An imported article has no recorded version yet: the report lists each
    field where the stored article differs from the refused form."""
    from .factories import make_article

    alice, bruno = two_editors
    article = make_article()
    url, alice_data = open_change_form(alice, article)
    _, bruno_data = open_change_form(bruno, article)
    alice_data["title_fr"] = "Par Alice"
    alice.post(url, alice_data)
    bruno_data["title_fr"] = "Par Bruno"
    conflict = bruno.post(url, bruno_data).context["adminform"].form.conflict
    assert not conflict["exact"]
    assert [(c.label, c.after, c.yours) for c in conflict["changes"]] == [
        ("Titre (français)", "Par Alice", "Par Bruno")
    ]


@pytest.mark.parametrize(
    "writer",
    [
        pytest.param(lambda article: article.save(), id="save-from-shell"),
        pytest.param(
            lambda article: call_command("import_content", overwrite=True, verbosity=0),
            id="import_content",
        ),
    ],
)
def test_other_writers_make_an_open_form_stale(two_editors, writer, settings, tmp_path):
    alice, _ = two_editors
    call_command("import_content", verbosity=0)
    article = Article.objects.order_by("pk").first()
    url, data = open_change_form(alice, article)
    # An editor's save from the admin, which the import will then overwrite.
    Article.objects.filter(pk=article.pk).update(title_fr="Modifié ailleurs")
    writer(Article.objects.get(pk=article.pk))
    response = alice.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.conflict


def test_bulk_action_makes_an_open_form_stale(two_editors):
    alice, bruno = two_editors
    article = make_versioned_article(status="draft")
    url, bruno_data = open_change_form(bruno, article)
    alice.post(
        "/admin/articles/article/",
        {"action": "publish", "_selected_action": [article.pk]},
    )
    response = bruno.post(url, bruno_data)
    assert response.status_code == 200
    assert [(c.label, c.after) for c in response.context["adminform"].form.conflict["changes"]] == [
        ("Statut", "Publié")
    ]


def test_a_save_racing_past_validation_is_refused(two_editors, monkeypatch):
    """The other save commits after this form was validated: the compare-and-set
    update in save_model catches it, and the page shows the conflict."""
    alice, _ = two_editors
    article = make_versioned_article()
    url, data = open_change_form(alice, article)
    Article.objects.filter(pk=article.pk).update(
        version=F("version") + 1, title_fr="Sauvé entre-temps"
    )
    checked = []

    def clean_before_the_other_save_commits(form):
        # The first validation does not see the other save yet.
        if not checked:
            checked.append(True)
            return forms.ModelForm.clean(form)
        return original_clean(form)

    original_clean = ArticleAdminForm.clean
    monkeypatch.setattr(ArticleAdminForm, "clean", clean_before_the_other_save_commits)
    data["title_fr"] = "Mon titre"
    response = alice.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.conflict
    article.refresh_from_db()
    assert article.title_fr == "Sauvé entre-temps"


def test_a_form_without_its_version_is_refused_politely(two_editors):
    alice, _ = two_editors
    article = make_versioned_article()
    url, data = open_change_form(alice, article)
    del data["loaded_version"]
    response = alice.post(url, data)
    assert response.status_code == 200
    assert "Il manque à ce formulaire son numéro de version" in response.text


def test_an_opinion_edited_on_its_own_page_makes_the_article_form_stale(two_editors):
    alice, bruno = two_editors
    article = make_versioned_article(opinions=1)
    opinion = article.opinions.get()
    url, bruno_data = open_change_form(bruno, article)

    opinion_url = f"/admin/articles/opinion/{opinion.pk}/change/"
    opinion_data = form_data(alice.get(opinion_url).text)
    opinion_data["headline_fr"] = "Titre de l'avis par Alice"
    assert alice.post(opinion_url, opinion_data).status_code == 302

    bruno_data["title_fr"] = "Titre de Bruno"
    response = bruno.post(url, bruno_data)
    assert response.status_code == 200
    changes = response.context["adminform"].form.conflict["changes"]
    assert ("Titre de l’avis (français)", "Titre de l'avis par Alice", "Avis 1") in [
        (c.label, c.after, c.yours) for c in changes
    ]
    opinion.refresh_from_db()
    assert opinion.headline_fr == "Titre de l'avis par Alice"


def _saved_at(obj):
    """How the admin (in French) writes the time of the object's latest save."""
    latest = versions_of(obj).first()
    with translation.override("fr"):
        return latest.revision.user.username, formats.localize(
            timezone.template_localtime(latest.revision.date_created)
        )


def test_the_article_conflict_names_who_edited_an_opinion_and_when(two_editors):
    alice, bruno = two_editors
    article = make_versioned_article(opinions=1)
    opinion = article.opinions.get()
    url, bruno_data = open_change_form(bruno, article)

    opinion_url, opinion_data = open_form(alice, opinion)
    opinion_data["headline_fr"] = "Titre de l'avis par Alice"
    assert alice.post(opinion_url, opinion_data).status_code == 302

    bruno_data["title_fr"] = "Titre de Bruno"
    response = bruno.post(url, bruno_data)
    who, when = _saved_at(article)
    assert who == "alice"
    assert f"alice a enregistré cet article le {when}" in response.text
    changes = response.context["adminform"].form.conflict["changes"]
    # Only Alice's change is hers; Bruno's own title is not listed as theirs.
    assert [(c.label, c.after) for c in changes] == [
        ("Titre de l’avis (français)", "Titre de l'avis par Alice")
    ]


def test_the_opinion_page_conflict_names_who_saved_the_article_and_when(two_editors):
    alice, bruno = two_editors
    article = make_versioned_article(opinions=1)
    opinion = article.opinions.get()
    opinion_url, alice_data = open_form(alice, opinion)

    url, bruno_data = open_change_form(bruno, article)
    bruno_data["opinions-0-headline_zh_hant"] = "布魯諾的標題"
    assert bruno.post(url, bruno_data).status_code == 302

    alice_data["headline_fr"] = "Titre d'Alice"
    response = alice.post(opinion_url, alice_data)
    assert response.status_code == 200
    who, when = _saved_at(opinion)
    assert who == "bruno"
    assert f"bruno a enregistré cette page le {when}" in response.text
    conflict = response.context["adminform"].form.conflict
    assert conflict["exact"]
    assert [(c.label, c.after, c.yours) for c in conflict["changes"]] == [
        ("Titre de l’avis (chinois traditionnel)", "布魯諾的標題", "意見 1")
    ]
    assert form_data(response.text)["headline_fr"] == "Titre d'Alice"
    opinion.refresh_from_db()
    assert opinion.headline_zh_hant == "布魯諾的標題"


@pytest.mark.parametrize("model_name", ["person", "question"])
def test_people_and_the_question_refuse_a_stale_save(two_editors, model_name):
    from .factories import make_person, make_question

    alice, bruno = two_editors
    obj = make_person() if model_name == "person" else make_question()
    field = "name_fr" if model_name == "person" else "title_fr"
    url, alice_data = open_form(alice, obj)
    _, bruno_data = open_form(bruno, obj)
    alice_data[field] = "Par Alice"
    assert alice.post(url, alice_data).status_code == 302
    bruno_data[field] = "Par Bruno"
    response = bruno.post(url, bruno_data)
    assert response.status_code == 200
    assert "alice a enregistré cette page" in response.text
    assert form_data(response.text)[field] == "Par Bruno"
    obj.refresh_from_db()
    assert getattr(obj, field) == "Par Alice"


def test_a_database_too_busy_keeps_the_input_and_is_not_a_500(two_editors, monkeypatch):
    alice, _ = two_editors
    article = make_versioned_article()
    url, data = open_change_form(alice, article)
    data["title_fr"] = "Mon titre occupé"

    def locked(self, *args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(Versioned, "save", locked)
    response = alice.post(url, data)
    assert response.status_code == 503
    assert "Rien n’a été enregistré" in response.text
    # Everything typed is in the page, ready to be sent again.
    resent = form_data(response.text)
    assert resent["title_fr"] == "Mon titre occupé"
    assert resent["loaded_version"] == data["loaded_version"]
    monkeypatch.undo()
    assert alice.post(url, resent).status_code == 302
    article.refresh_from_db()
    assert article.title_fr == "Mon titre occupé"


def test_an_admin_save_re_indexes_search_once(two_editors, monkeypatch):
    from search import indexing

    alice, _ = two_editors
    article = make_versioned_article(blocks=3, opinions=2)
    url, data = open_change_form(alice, article)
    data["title_fr"] = "Un titre"
    for index in range(3):
        data[f"blocks-{index}-text_fr"] = f"Paragraphe réécrit {index}"
    data["opinions-0-headline_fr"] = "Avis réécrit"
    indexed = []
    original = indexing.index_article

    def counted(article, using="default"):
        indexed.append(article.pk)
        return original(article, using)

    monkeypatch.setattr(indexing, "index_article", counted)
    assert alice.post(url, data).status_code == 302
    assert indexed == [article.pk]
