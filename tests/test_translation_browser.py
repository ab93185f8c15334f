"""An editor who is not a superuser brings an outdated paragraph up to date side by side,
with the keyboard and without JavaScript, and the reader's notice goes."""

import pytest
from django.core.management import call_command

from articles.models import Article

from .browser_support import ARTIFACTS, needs_chromium
from .editorial_support import EDITOR_PASSWORD, make_editor

pytestmark = [*needs_chromium, pytest.mark.django_db(transaction=True)]

SLUG = "cinq-experts-client-toujours-raison"


def test_an_editor_translates_an_outdated_paragraph(browser, live_server, django_user_model):
    ARTIFACTS.mkdir(exist_ok=True)
    call_command("import_content", verbosity=0)
    editor = make_editor(django_user_model, "alice")
    assert not editor.is_superuser
    article = Article.objects.get(slug=SLUG)
    block = article.blocks.order_by("position").first()
    block.text_fr = block.text_fr.rstrip(".") + ", selon une étude récente."
    block.save()

    reader = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    reader.goto(f"{live_server.url}/zh-hant/articles/{SLUG}/")
    assert reader.locator('[data-translation="outdated"]').is_visible()

    # The whole admin side without JavaScript: plain forms and links.
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="fr-FR", java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", EDITOR_PASSWORD)
    page.click("input[type=submit]")
    page.click("#translations-link a")
    page.wait_for_selector("#translations")
    page.screenshot(path=str(ARTIFACTS / "translation-dashboard.png"), full_page=True)
    page.click("text=À revoir en chinois traditionnel")
    row = page.locator(f'tr[data-article="{SLUG}"]')
    assert row.locator(".count-outdated").inner_text() == "1"
    row.locator("a", has_text="Traduire en").click()
    page.wait_for_selector("table.translation-units")
    page.screenshot(path=str(ARTIFACTS / "translation-editor-all.png"), full_page=True)
    page.locator(".opinion-head").first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "translation-editor-opinion.png"))
    page.click("nav >> text=À revoir")
    unit = page.locator('tr[data-status="outdated"]')
    assert unit.count() == 1
    assert "selon une étude récente" in unit.locator("ins").inner_text()
    page.screenshot(path=str(ARTIFACTS / "translation-editor.png"), full_page=True)

    # Keyboard only: type into the field, then Tab on to "confirm" and to "save".
    field = unit.locator("textarea")
    field.focus()
    page.keyboard.press("Control+End")
    page.keyboard.type("（根據最近的一項研究）")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "confirm"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "save"
    page.keyboard.press("Enter")
    page.wait_for_selector(".messagelist .success")
    assert "Rien à afficher" in page.inner_text("#content-main")  # no outdated unit left
    page.screenshot(path=str(ARTIFACTS / "translation-editor-saved.png"), full_page=True)

    block.refresh_from_db()
    assert block.text_zh_hant.endswith("（根據最近的一項研究）")
    reader.reload()
    assert reader.locator('[data-translation="outdated"]').count() == 0
    assert "（根據最近的一項研究）" in reader.inner_text("article")
