"""An editor who is not a superuser fixes a unit that breaks an agreed term, with the
fix button and without JavaScript, saves, and the flag goes (editor and dashboard)."""

import re

import pytest
from django.core.management import call_command

from articles.models import Article

from .browser_support import ARTIFACTS, needs_chromium
from .editorial_support import EDITOR_PASSWORD, make_editor

pytestmark = [*needs_chromium, pytest.mark.django_db(transaction=True)]

SLUG = "cinq-experts-client-toujours-raison"


def test_an_editor_fixes_a_forbidden_variant(browser, live_server, django_user_model):
    ARTIFACTS.mkdir(exist_ok=True)
    call_command("import_content", verbosity=0)
    call_command("import_terms", verbosity=0)
    editor = make_editor(django_user_model, "alice")
    assert not editor.is_superuser
    # A known break: the article's title written with a forbidden variant.
    article = Article.objects.get(slug=SLUG)
    article.title_zh_hant = article.title_zh_hant.replace("顧客", "客戶")
    assert "客戶" in article.title_zh_hant
    article.save()

    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="fr-FR", java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", EDITOR_PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/translations/")
    row = page.locator(f'tr[data-article="{SLUG}"][data-language="zh-hant"]')
    flagged_before = int(row.locator(".count-terms").inner_text())
    assert flagged_before >= 1
    row.locator("a", has_text="Traduire en").click()
    page.wait_for_selector("table.translation-units")

    title = page.locator(f'tr[data-unit="article:{article.pk}:title"]')
    finding = title.locator('li[data-kind="forbidden-variant"]')
    assert finding.count() == 1
    assert "客戶" in finding.inner_text()
    finding.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "translation-editor-term-flagged.png"))
    # Something typed elsewhere stays through the fix.
    standfirst = page.locator(f'[name="article:{article.pk}:standfirst"]')
    typed = standfirst.input_value() + "（補充）"
    standfirst.fill(typed)

    finding.locator("button[name=apply_term]").click()
    page.wait_for_selector(".messagelist")
    assert "Rien n’est encore enregistré" in page.inner_text(".messagelist")
    field = page.locator(f'[name="article:{article.pk}:title"]')
    assert "客戶" not in field.input_value() and "顧客" in field.input_value()
    assert standfirst.input_value() == typed
    assert title.locator('li[data-kind="forbidden-variant"]').count() == 0
    page.screenshot(path=str(ARTIFACTS / "translation-editor-term-fixed.png"))
    article.refresh_from_db()
    assert "客戶" in article.title_zh_hant  # nothing saved yet

    page.locator("input[name=save]").first.click()
    page.wait_for_selector(".messagelist .success")
    assert "2 unités enregistrées" in page.inner_text(".messagelist")
    assert page.locator(f'tr[data-unit="article:{article.pk}:title"] li[data-term]').count() == 0
    article.refresh_from_db()
    assert "客戶" not in article.title_zh_hant
    assert article.standfirst_zh_hant.endswith("（補充）")

    page.goto(f"{live_server.url}/admin/translations/")
    after = page.locator(f'tr[data-article="{SLUG}"][data-language="zh-hant"] .count-terms')
    assert int(after.inner_text()) == flagged_before - 1
    assert re.search(r"\d", after.inner_text())
    context.close()
