"""In Chromium: no Content-Security-Policy violation on the public pages and the
admin, and stored markup in every editable field stays inert text."""

import pytest
from django.urls import reverse

from articles.models import Block, Opinion

from .browser_support import needs_chromium
from .editorial_support import EDITOR_PASSWORD, make_editor
from .factories import make_article, make_person, make_question

pytestmark = needs_chromium

# Records violations from the first byte of every page.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""
# Each payload, if it ever ran or became an element, would leave a trace.
PAYLOADS = [
    '<img src=x onerror="window.__xss=1;alert(1)" class="xss-probe">',
    '"><script>window.__xss=1;alert(1)</script><b class="xss-probe">',
    "<svg onload=alert(1) class=xss-probe></svg>",
    "javascript:alert(1)",
]


class Watched:
    """A page that records console errors, CSP violations and dialogs."""

    def __init__(self, browser, base_url):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(LISTEN)
        self.page = self.context.new_page()
        self.base_url = base_url
        self.errors, self.dialogs = [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def visit(self, path, status=200):
        response = self.page.goto(self.base_url + path)
        assert response.status == status, path
        self.page.wait_for_load_state("load")
        return self.page.evaluate("window.__violations")

    def injected(self):
        return self.page.evaluate(
            "[document.querySelectorAll('.xss-probe').length, window.__xss || 0]"
        )

    def sign_in(self, username):
        self.visit(reverse("admin:login"))
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", EDITOR_PASSWORD)
        self.page.click("input[type=submit]")
        self.page.wait_for_url(self.base_url + reverse("admin:index"))


@pytest.fixture
def hostile_site(transactional_db):
    """Every editable text field holds a payload (the slugs cannot)."""
    text = " ".join(PAYLOADS)
    make_question(title_fr=text, title_zh_hant=text, description_fr=text, description_zh_hant=text)
    person = make_person(
        slug="mallory",
        **{f"{field}_{lang}": text for field in ("name", "role", "organisation", "bio")
           for lang in ("fr", "zh_hant")},
        link="https://example.org/?q=<script>alert(1)</script>",
    )  # fmt: skip
    article = make_article(
        slug="hostile",
        blocks=0,
        title_fr=text, title_zh_hant=text, standfirst_fr=text, standfirst_zh_hant=text,
        credits_fr=text, credits_zh_hant=text, source_name=text,
        source_url="https://example.org/\"><script>alert(1)</script>",
    )  # fmt: skip
    for position, kind in enumerate(Block.Kind.values, start=1):
        Block.objects.create(
            article=article, position=position, kind=kind,
            text_fr=f"{text}\n{text}", text_zh_hant=f"{text}\n{text}",
        )  # fmt: skip
    opinion = Opinion.objects.create(
        article=article, person=person, position=1, anchor="mallory-1", stance="no",
        headline_fr=text, headline_zh_hant=text,
    )  # fmt: skip
    Block.objects.create(opinion=opinion, position=1, text_fr=text, text_zh_hant=text)
    return article


PUBLIC = [
    "/fr/",
    "/zh-hant/",
    "/fr/articles/",
    "/fr/articles/hostile/",
    "/zh-hant/articles/hostile/bilingual/",
    "/fr/experts/",
    "/fr/experts/mallory/",
    "/fr/search/?q=alert",
    "/fr/search/?q=<script>alert(1)</script>",
]


def test_stored_markup_is_inert_and_public_pages_break_no_csp_rule(
    browser, live_server, hostile_site
):
    reader = Watched(browser, live_server.url)
    try:
        for path in PUBLIC:
            assert reader.visit(path) == [], path
            assert reader.injected() == [0, 0], path
        assert reader.errors == []
        # (Chromium reports the 404 itself on the console: that error is expected.)
        assert reader.visit("/fr/no-such-page/", status=404) == []
    finally:
        reader.context.close()
    assert reader.dialogs == []


def test_the_admin_breaks_no_csp_rule_and_shows_stored_markup_as_text(
    browser, live_server, hostile_site, django_user_model
):
    make_editor(django_user_model)
    editor = Watched(browser, live_server.url)
    try:
        editor.sign_in("alice")
        pages = [
            reverse("admin:index"),
            reverse("admin:articles_article_changelist"),
            reverse("admin:articles_article_change", args=[hostile_site.pk]),
            reverse("admin:articles_article_add"),
            reverse("admin:articles_person_changelist"),
            reverse("admin:articles_opinion_changelist"),
        ]
        for path in pages:
            assert editor.visit(path) == [], path
            assert editor.injected() == [0, 0], path
        # modeltranslation's language tabs were built (jQuery UI ran under the policy).
        editor.visit(reverse("admin:articles_article_change", args=[hostile_site.pk]))
        assert editor.page.locator(".ui-tabs-nav").count() > 0
    finally:
        editor.context.close()
    assert editor.dialogs == []
    assert editor.errors == []
