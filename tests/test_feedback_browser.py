"""A reader answers "Was this helpful?" in Chromium, with and without JavaScript."""

import pytest

from feedback.models import Vote

from .browser_support import needs_chromium
from .factories import make_article

pytestmark = needs_chromium


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_reader_answers_once_and_is_thanked(browser, live_server, transactional_db, javascript):
    from axe_playwright_python.sync_playwright import Axe

    article = make_article(slug="utile", blocks=3)
    context = browser.new_context(
        viewport={"width": 375, "height": 800}, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/fr/articles/utile/")
    form = page.locator("#feedback")
    form.get_by_label("Non").check()
    form.get_by_label("Que pourrait-on améliorer").fill("Il manque un exemple.")
    form.get_by_role("button", name="Envoyer ma réponse").click()
    assert page.url.endswith("/fr/articles/utile/feedback/thanks/")
    assert page.locator("h1").inner_text() == "Merci de votre réponse"
    if javascript:  # axe itself is a script
        assert Axe().run(page).response["violations"] == []
    vote = Vote.objects.get()
    assert (vote.article_id, vote.language, vote.helpful, vote.comment) == (
        article.pk,
        "fr",
        False,
        "Il manque un exemple.",
    )

    # Back to the article, in Chinese this time: a second answer is thanked for, not counted.
    page.get_by_role("link", name="Retour").click()
    page.goto(f"{live_server.url}/zh-hant/articles/utile/")
    page.locator("#feedback").get_by_label("是").check()
    page.get_by_role("button", name="送出我的回答").click()
    assert "您已回答過這篇文章" in page.locator("main").inner_text()
    assert Vote.objects.count() == 1
    context.close()
