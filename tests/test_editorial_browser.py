"""Two editors in two browsers edit the same article: nobody's text is lost."""

import pytest
import reversion
from django.urls import reverse

from articles.models import Article

from .browser_support import ARTIFACTS, needs_chromium
from .editorial_support import EDITOR_PASSWORD, make_editor
from .factories import make_article

pytestmark = [*needs_chromium, pytest.mark.django_db(transaction=True)]


def signed_in_page(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", EDITOR_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + reverse("admin:index"))
    return page


def test_two_editors_save_the_same_article(browser, live_server, django_user_model):
    ARTIFACTS.mkdir(exist_ok=True)
    for name in ("alice", "bruno"):
        make_editor(django_user_model, name)
    with reversion.create_revision():
        article = make_article(title_fr="Le client est-il roi ?", blocks=2, opinions=2)
    url = live_server.url + reverse("admin:articles_article_change", args=[article.pk])

    alice = signed_in_page(browser, live_server, "alice")
    bruno = signed_in_page(browser, live_server, "bruno")
    alice.goto(url)
    bruno.goto(url)

    alice.fill("#id_title_fr", "Le client est-il toujours roi ?")
    alice.click("input[name=_save]")
    alice.wait_for_selector(".messagelist .success")

    bruno.fill("#id_title_fr", "Le client n'est pas roi")
    bruno.fill("textarea[name=blocks-0-text_fr]", "Un paragraphe réécrit par Bruno.")
    bruno.click("input[name=_save]")
    conflict = bruno.wait_for_selector("#edit-conflict")
    assert "alice a enregistré cet article" in bruno.inner_text("ul.errorlist.nonfield")
    assert "Le client est-il toujours roi ?" in conflict.inner_text()
    # Bruno's typing survived the refusal, inline body included.
    assert bruno.input_value("#id_title_fr") == "Le client n'est pas roi"
    assert bruno.input_value("textarea[name=blocks-0-text_fr]") == (
        "Un paragraphe réécrit par Bruno."
    )
    bruno.screenshot(path=str(ARTIFACTS / "editorial-conflict.png"), full_page=True)
    assert Article.objects.get(pk=article.pk).title_fr == "Le client est-il toujours roi ?"

    # Having read the table, Bruno saves again on purpose.
    bruno.click("input[name=_save]")
    bruno.wait_for_selector(".messagelist .success")
    assert Article.objects.get(pk=article.pk).title_fr == "Le client n'est pas roi"

    # The history shows both saves, and what Bruno's changed, language by language.
    bruno.goto(live_server.url + reverse("admin:articles_article_history", args=[article.pk]))
    assert bruno.locator("#change-history tbody tr").count() == 3
    bruno.click("#change-history tbody tr:first-child a:has-text('Ce qui a changé')")
    bruno.wait_for_selector("#version-changes")
    text = bruno.inner_text("#version-changes")
    assert "Titre (français)" in text and "Le client n'est pas roi" in text
    bruno.screenshot(path=str(ARTIFACTS / "editorial-history-changes.png"), full_page=True)


def test_editor_admin_at_desktop_width(browser, live_server, django_user_model):
    """Screenshots of what a non-superuser editor sees (looked at by a person)."""
    ARTIFACTS.mkdir(exist_ok=True)
    make_editor(django_user_model, "alice")
    make_article(title_fr="Publié", opinions=1)
    make_article(title_fr="Brouillon", status="draft")
    page = signed_in_page(browser, live_server, "alice")
    page.screenshot(path=str(ARTIFACTS / "editorial-editor-index.png"), full_page=True)
    assert page.locator("#content-main .app-auth").count() == 0
    page.goto(live_server.url + reverse("admin:articles_article_changelist"))
    page.screenshot(path=str(ARTIFACTS / "editorial-editor-changelist.png"), full_page=True)
    assert page.locator("text=Aperçu").count() == 1
    response = page.goto(live_server.url + reverse("admin:auth_user_changelist"))
    assert response.status == 403


def test_opinion_page_and_restore_page_show_the_conflict(browser, live_server, django_user_model):
    """The opinion's own page and the restore page refuse a stale save like the
    article page: the table of what the colleague changed, the typing kept."""
    from articles.models import Opinion
    from editorial.history import versions_of

    ARTIFACTS.mkdir(exist_ok=True)
    for name in ("alice", "bruno"):
        make_editor(django_user_model, name)
    with reversion.create_revision():
        article = make_article(title_fr="Version un", opinions=1)
    opinion = article.opinions.get()
    alice = signed_in_page(browser, live_server, "alice")
    bruno = signed_in_page(browser, live_server, "bruno")

    opinion_url = live_server.url + reverse("admin:articles_opinion_change", args=[opinion.pk])
    alice.goto(opinion_url)
    bruno.goto(opinion_url)
    alice.fill("#id_headline_fr", "L'avis selon Alice")
    alice.click("input[name=_save]")
    alice.wait_for_selector(".messagelist .success")
    bruno.fill("#id_headline_fr", "L'avis selon Bruno")
    bruno.click("input[name=_save]")
    conflict = bruno.wait_for_selector("#edit-conflict")
    assert "alice a enregistré cette page" in bruno.inner_text("ul.errorlist.nonfield")
    assert "L'avis selon Alice" in conflict.inner_text()
    assert bruno.input_value("#id_headline_fr") == "L'avis selon Bruno"
    bruno.screenshot(path=str(ARTIFACTS / "editorial-opinion-conflict.png"), full_page=True)
    assert Opinion.objects.get(pk=opinion.pk).headline_fr == "L'avis selon Alice"

    # Restoring the first version while Bruno saves the article.
    first = versions_of(article).last()
    article_url = live_server.url + reverse("admin:articles_article_change", args=[article.pk])
    alice.goto(
        live_server.url + reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    )
    bruno.goto(article_url)
    bruno.fill("#id_title_fr", "Titre de Bruno")
    bruno.click("input[name=_save]")
    bruno.wait_for_selector(".messagelist .success")
    alice.click("input[name=_save]")
    conflict = alice.wait_for_selector("#edit-conflict")
    assert "bruno a enregistré cet article" in alice.inner_text("ul.errorlist.nonfield")
    assert "Titre de Bruno" in conflict.inner_text()
    assert alice.input_value("#id_title_fr") == "Version un"
    alice.screenshot(path=str(ARTIFACTS / "editorial-restore-conflict.png"), full_page=True)
    assert Article.objects.get(pk=article.pk).title_fr == "Titre de Bruno"
    # Saving again restores the version, on purpose.
    alice.click("input[name=_save]")
    alice.wait_for_selector(".messagelist .success")
    assert Article.objects.get(pk=article.pk).title_fr == "Version un"


def test_language_tabs_are_named_in_their_own_language(browser, live_server, django_user_model):
    """modeltranslation's tabs, named "fr" and "zh-hant" by it, read Français and 繁體中文."""
    from articles.languages import registry

    make_editor(django_user_model, "meiling")
    with reversion.create_revision():
        article = make_article(blocks=2, opinions=1)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    page = context.new_page()
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "meiling")
    page.fill("#id_password", EDITOR_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + reverse("admin:index"))
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    page.wait_for_selector(".ui-tabs-nav a")
    names = [language.native_name for language in registry()]
    # textContent: the tabs' CSS writes them in capitals. One group of tabs per
    # translated field (title, standfirst, credits, each block's text…).
    texts = page.eval_on_selector_all(".ui-tabs-nav a", "tabs => tabs.map(t => t.textContent)")
    groups = [texts[n : n + len(names)] for n in range(0, len(texts), len(names))]
    assert len(groups) >= 4 and all(group == names for group in groups), texts
    tags = page.eval_on_selector_all(".ui-tabs-nav a", "tabs => tabs.map(t => t.lang)")
    assert tags[: len(names)] == [language.tag for language in registry()]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "editorial-language-tabs.png"))
    context.close()
