"""Two writers at the same instant, on every save path: exactly one wins, the
other gets the edit conflict with its input kept, nothing is lost, no 500.

Real concurrency: each writer is a thread with its own database connection,
both released at once, and every content save is slowed down inside its
transaction so the second writer arrives while the first one holds the row.
Runs on SQLite (a file: WAL, busy timeout, IMMEDIATE transactions) and on
PostgreSQL (row locks), whichever DATABASE_URL selects.
"""

import shutil
import threading
import time
from functools import partial
from pathlib import Path

import pytest
import reversion
import yaml
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.urls import reverse

from articles.content.sync import dump_yaml
from articles.models import Article, Opinion, Person, Question, StaleVersion, Versioned
from editorial.history import versions_of

from .editorial_support import form_data, make_editor, make_versioned_article, open_form
from .factories import make_person, make_question

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 3


@pytest.fixture
def two_editors(django_user_model):
    clients = {}
    for name in ("alice", "bruno"):
        client = Client()
        client.force_login(make_editor(django_user_model, name))
        clients[name] = client
    return clients


@pytest.fixture(autouse=True)
def slow_saves(monkeypatch):
    """Each content save lingers in its transaction before its compare-and-set:
    the other writer is then sure to arrive while it is under way."""
    original = Versioned.save

    def slow_save(self, *args, **kwargs):
        time.sleep(0.2)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Versioned, "save", slow_save)


def together(**jobs):
    """Run the jobs in threads released at the same instant; {name: result or
    the exception it raised}."""
    barrier = threading.Barrier(len(jobs))
    results = {}

    def run(name, job):
        try:
            barrier.wait(timeout=30)
            results[name] = job()
        except Exception as error:  # handed to the test, which names it
            results[name] = error
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=run, args=item) for item in jobs.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
        assert not thread.is_alive()
    return results


def report(path, round_, outcome):
    """One line per round (shown with pytest -s)."""
    print(f"[two writers] {path}, round {round_}: {outcome}")


def winner_and_loser(responses):
    """Exactly one save went through (redirect), the other is the conflict page."""
    for name, response in responses.items():
        assert not isinstance(response, Exception), f"{name}: {response!r}"
    statuses = {name: response.status_code for name, response in responses.items()}
    assert sorted(statuses.values()) == [200, 302], statuses
    winner = next(name for name, status in statuses.items() if status == 302)
    loser = next(name for name, status in statuses.items() if status == 200)
    return winner, loser


def check_conflict_page(html, winner):
    assert 'id="edit-conflict"' in html
    assert f"{winner} a enregistré" in html  # the colleague who won, by name


def two_admin_saves(two_editors, obj, field, outcomes):
    """Both editors open ``obj``'s page, change ``field``, and save at once."""
    model = type(obj)
    for round_ in range(ROUNDS):
        forms, values = {}, {}
        for name, client in two_editors.items():
            url, forms[name] = open_form(client, obj)
            values[name] = forms[name][field] = f"{field} de {name}, tour {round_}"
        responses = together(
            **{name: partial(client.post, url, forms[name]) for name, client in two_editors.items()}
        )
        winner, loser = winner_and_loser(responses)
        outcomes.append(winner)
        report(f"{model.__name__} page", round_, f"{winner} saved, {loser} got the conflict")
        stored = model.objects.get(pk=obj.pk)
        assert getattr(stored, field) == values[winner]
        page = responses[loser].text
        check_conflict_page(page, winner)
        kept = form_data(page)
        assert kept[field] == values[loser]  # the loser's typing is all there
        # Saving again is the loser's deliberate choice, and it lands.
        assert two_editors[loser].post(url, kept).status_code == 302
        assert getattr(model.objects.get(pk=obj.pk), field) == values[loser]


def test_article_page(two_editors):
    outcomes = []
    article = make_versioned_article(blocks=1, opinions=1)
    two_admin_saves(two_editors, article, "title_fr", outcomes)
    assert len(outcomes) == ROUNDS


def test_opinion_page(two_editors):
    outcomes = []
    article = make_versioned_article(opinions=1)
    two_admin_saves(two_editors, article.opinions.get(), "headline_fr", outcomes)
    assert len(outcomes) == ROUNDS


def test_person_page(two_editors):
    outcomes = []
    with reversion.create_revision():
        person = make_person()
    two_admin_saves(two_editors, person, "role_fr", outcomes)
    assert len(outcomes) == ROUNDS


def test_question_page(two_editors):
    outcomes = []
    with reversion.create_revision():
        question = make_question()
    two_admin_saves(two_editors, question, "title_zh_hant", outcomes)
    assert len(outcomes) == ROUNDS


def test_history_restore_against_an_edit(two_editors):
    alice, bruno = two_editors["alice"], two_editors["bruno"]
    article = make_versioned_article(title_fr="Version un")
    for round_ in range(ROUNDS):
        url, data = open_form(alice, article)
        data["title_fr"] = f"Version deux, tour {round_}"
        assert alice.post(url, data).status_code == 302
        first = versions_of(article).last()
        restore_url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
        restoring = form_data(alice.get(restore_url).text)
        assert restoring["title_fr"] == "Version un"
        _, editing = open_form(bruno, article)
        editing["title_fr"] = f"Bruno, tour {round_}"
        responses = together(
            alice=partial(alice.post, restore_url, restoring),
            bruno=partial(bruno.post, url, editing),
        )
        winner, loser = winner_and_loser(responses)
        report("restore vs edit", round_, f"{winner} saved, {loser} got the conflict")
        wanted = {"alice": "Version un", "bruno": editing["title_fr"]}
        assert Article.objects.get(pk=article.pk).title_fr == wanted[winner]
        page = responses[loser].text
        check_conflict_page(page, winner)
        kept = form_data(page)
        assert kept["title_fr"] == wanted[loser]
        again = restore_url if loser == "alice" else url
        assert two_editors[loser].post(again, kept).status_code == 302
        assert Article.objects.get(pk=article.pk).title_fr == wanted[loser]


def test_bulk_publish_against_an_edit(two_editors):
    alice, bruno = two_editors["alice"], two_editors["bruno"]
    article = make_versioned_article(status="draft")
    for round_ in range(ROUNDS):
        stored = Article.objects.get(pk=article.pk)
        stored.status = Article.Status.DRAFT
        stored.save()
        url, editing = open_form(bruno, article)
        editing["title_fr"] = f"Bruno, tour {round_}"
        responses = together(
            alice=partial(
                alice.post,
                "/admin/articles/article/",
                {"action": "publish", "_selected_action": [article.pk]},
            ),
            bruno=partial(bruno.post, url, editing),
        )
        for name, response in responses.items():
            assert not isinstance(response, Exception), f"{name}: {response!r}"
        assert responses["alice"].status_code == 302  # the action always applies
        report("bulk publish vs edit", round_, f"edit {responses['bruno'].status_code}")
        stored = Article.objects.get(pk=article.pk)
        assert stored.status == Article.Status.PUBLISHED  # never undone by Bruno's form
        if responses["bruno"].status_code == 302:  # Bruno saved first, then it was published
            assert stored.title_fr == editing["title_fr"]
        else:
            page = responses["bruno"].text
            check_conflict_page(page, "alice")
            assert form_data(page)["title_fr"] == editing["title_fr"]


def test_plain_orm_saves():
    article = make_versioned_article()
    for round_ in range(ROUNDS):
        copies = {name: Article.objects.get(pk=article.pk) for name in ("first", "second")}
        for name, copy in copies.items():
            copy.title_fr = f"{name}, tour {round_}"

        results = together(**{name: copy.save for name, copy in copies.items()})
        refused = [name for name, result in results.items() if isinstance(result, StaleVersion)]
        saved = [name for name, result in results.items() if result is None]
        assert len(refused) == 1 and len(saved) == 1, results
        report("ORM save", round_, f"{saved[0]} saved, {refused[0]} refused")
        stored = Article.objects.get(pk=article.pk)
        assert stored.title_fr == copies[saved[0]].title_fr
        assert stored.version == copies[saved[0]].version  # the loser's version did not move


def test_content_import_against_an_edit(two_editors, tmp_path):
    alice = two_editors["alice"]
    content = tmp_path / "content"
    shutil.copytree(Path(settings.CONTENT_DIR), content)
    call_command("import_content", str(content), verbosity=0)
    files = sorted((content / "articles").glob("*.yaml"))[:ROUNDS]
    for round_, path in enumerate(files):
        slug = path.stem
        article = Article.objects.get(slug=slug)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        title = f"Titre importé, tour {round_}"
        data["title"]["fr"] = title
        path.write_text(dump_yaml(data), encoding="utf-8")
        url, editing = open_form(alice, article)
        editing["standfirst_fr"] = f"Chapeau d'Alice, tour {round_}"
        results = together(
            importer=partial(call_command, "import_content", str(content), verbosity=0),
            alice=partial(alice.post, url, editing),
        )
        imported, response = results["importer"], results["alice"]
        # Refused whole only for a save made during it, never half done.
        assert imported is None or "saved by someone else" in str(imported), repr(imported)
        outcome = "refused whole" if imported else "applied"
        report("import vs edit", round_, f"import {outcome}, edit {response.status_code}")
        assert not isinstance(response, Exception), repr(response)
        stored = Article.objects.get(pk=article.pk)
        if response.status_code == 302:  # Alice's edit landed and stays
            assert stored.standfirst_fr == editing["standfirst_fr"]
        else:  # the import landed first: Alice sees it, her text kept
            assert response.status_code == 200
            assert stored.title_fr == title
            page = response.text
            assert 'id="edit-conflict"' in page
            assert form_data(page)["standfirst_fr"] == editing["standfirst_fr"]


def test_versioned_models():
    """Every model with an admin page of its own has a version to check."""
    for model in (Article, Opinion, Person, Question):
        assert issubclass(model, Versioned)


def test_two_first_views_of_an_article_at_once_both_show_it(monkeypatch):
    from reading import rendered
    from reading.models import RenderedArticle

    article = make_versioned_article(blocks=3)
    store = rendered._store

    def slow_store(*args):
        time.sleep(0.2)  # both have built the page: both try to store it
        return store(*args)

    monkeypatch.setattr(rendered, "_store", slow_store)
    path = f"/fr/articles/{article.slug}/"
    results = together(first=lambda: Client().get(path), second=lambda: Client().get(path))
    for name, response in results.items():
        assert not isinstance(response, Exception), f"{name}: {response!r}"
        assert response.status_code == 200 and "Paragraphe 1" in response.text
    assert RenderedArticle.objects.filter(article=article).count() == 1
    assert "Paragraphe 1" in Client().get(path).text
