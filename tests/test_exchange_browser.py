"""An editor who is not a superuser downloads an XLIFF file from the exchange page,
gets it translated and uploads it back; the reader sees the translation at once."""

import pytest
from django.core.management import call_command
from translate.storage import xliff

from articles.models import Article

from .browser_support import ARTIFACTS, needs_chromium
from .editorial_support import EDITOR_PASSWORD, make_editor

pytestmark = [*needs_chromium, pytest.mark.django_db(transaction=True)]

SLUG = "cinq-experts-client-toujours-raison"
XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"


def test_an_editor_exchanges_an_xliff_file(browser, live_server, django_user_model, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    call_command("import_content", verbosity=0)
    make_editor(django_user_model, "alice")
    block = Article.objects.get(slug=SLUG).blocks.order_by("position").first()
    block.text_zh_hant = ""
    block.save()

    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="fr-FR", accept_downloads=True
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", EDITOR_PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/translations/")
    page.click("#exchange-link a")
    page.select_option("#export-form select[name=article]", SLUG)
    page.screenshot(path=str(ARTIFACTS / "translation-exchange-1280.png"), full_page=True)
    with page.expect_download() as download:
        page.click("#export-form input[type=submit]")
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert exported.name == f"{SLUG}.zh-hant.xlf"

    # The translator's tool fills in the one missing unit.
    store = xliff.xlifffile.parsestring(exported.read_bytes())
    (unit,) = store.getunits()
    unit.settarget("顧客永遠是對的——這是新譯的一段。")
    unit.xmlelement.find(f"{{{XLIFF_NS}}}target").set("state", "translated")
    translated = tmp_path / "translated.xlf"
    translated.write_bytes(bytes(store))

    page.set_input_files("#import-form input[type=file]", str(translated))
    page.click("#import-form input[type=submit]")
    assert "1 unité enregistrée" in page.locator(".messagelist").inner_text()

    reader = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    reader.goto(f"{live_server.url}/zh-hant/articles/{SLUG}/")
    assert reader.get_by_text("這是新譯的一段").is_visible()
    context.close()
