"""A reader in a real browser (Playwright driving Debian's Chromium, headless).

Screenshots go to test-artifacts/browser/ (git-ignored) for a person to look at.
"""

import pytest

from articles.models import Block, Opinion

from .browser_support import ARTIFACTS, needs_chromium
from .factories import (
    make_article,
    make_half_translated,
    make_person,
    make_question,
    make_term,
)

ARTIFACTS = ARTIFACTS / "browser"

pytestmark = needs_chromium


class Reader:
    """A browser page that records console errors and failed requests."""

    def __init__(self, browser, base_url, width, javascript=True, **options):
        self.context = browser.new_context(
            viewport={"width": width, "height": 900}, java_script_enabled=javascript, **options
        )
        self.page = self.context.new_page()
        self.base_url = base_url
        self.width = width
        self.errors = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def go(self, path):
        response = self.page.goto(self.base_url + path)
        assert response.status == 200, path
        return self.page

    def horizontal_overflow(self):
        """How far the page scrolls sideways, and which elements stick out."""
        return self.page.evaluate(
            """() => {
              const width = document.documentElement.clientWidth;
              const out = [...document.querySelectorAll("body *")]
                .filter(e => e.getBoundingClientRect().right > width + 0.5)
                .map(e => e.tagName + "." + e.className).slice(0, 5);
              return [document.documentElement.scrollWidth - width, out];
            }"""
        )

    def screenshot(self, name):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}-{self.width}.png"), full_page=True)

    def close(self):
        self.context.close()


@pytest.fixture
def site(transactional_db):
    """The real shape of the content: a question, an article with five opinions in both
    languages, a half-translated one, and one more."""
    make_question()
    people = [
        make_person(slug=slug, name_fr=name, name_zh_hant=name)
        for slug, name in [
            ("andy-beal", "Andy Beal"),
            ("michelle-king", "Michelle King"),
            ("bill-flitter", "Bill Flitter"),
            ("tom-martin", "Tom Martin"),
            ("salesforce-blog", "Blogue Salesforce"),
        ]
    ]
    article = make_article(
        slug="cinq-experts",
        title_fr="5 experts répondent sincèrement que le client a toujours raison",
        title_zh_hant="5位專家如實回答客戶永遠是對的",
        blocks=6,
        opinions=5,
        people=people,
        source_name="Trackur",
        source_url="https://example.org/source",
    )
    Block.objects.create(
        article=article,
        position=7,
        kind="list",
        text_fr="Premier point\nDeuxième point",
        text_zh_hant="第一點\n第二點",
    )
    make_half_translated(slug="le-client-est-il-roi", title_fr="Le client est-il roi ?")
    make_article(slug="non", title_fr="Non, le client n’a pas toujours raison", stance="no")
    make_term()  # the glossary pages list terms
    make_term(french="fidélisation", chinese="顧客忠誠度", note="Garder ses clients.")
    return article, people


def test_reader_journey_in_both_languages(browser, live_server, site):
    article, people = site
    reader = Reader(browser, live_server.url, 1280)
    page = reader.go("/fr/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator(".stance-overview figcaption").inner_text().startswith("6 avis")
    page.get_by_role("link", name=article.title_fr).first.click()
    assert page.url.endswith(f"/fr/articles/{article.slug}/")
    assert page.locator("h1").inner_text() == article.title_fr

    # Switch to Chinese: same article.
    page.get_by_role("navigation", name="Langue").get_by_role("link", name="繁體中文").click()
    assert page.url.endswith(f"/zh-hant/articles/{article.slug}/")
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    assert page.locator("h1").inner_text() == article.title_zh_hant

    # Side by side: each pair's French and Chinese cells start on the same line.
    page.get_by_role("link", name="並排閱讀法文與中文").click()
    assert page.url.endswith(f"/zh-hant/articles/{article.slug}/bilingual/")
    pairs = page.locator(".bilingual .pair:not(.pair--columns)")
    assert pairs.count() == 2 + 7 + 5 * 2  # title, standfirst, body, opinions
    for index in range(pairs.count()):
        french, chinese = (pairs.nth(index).locator(".cell").nth(i).bounding_box() for i in (0, 1))
        assert abs(french["y"] - chinese["y"]) < 1
        assert chinese["x"] > french["x"] + french["width"] - 1

    # Follow an expert from the side-by-side view.
    page.get_by_role("link", name="Andy Beal").first.click()
    assert page.url.endswith("/zh-hant/experts/andy-beal/")
    assert page.locator("h1").inner_text() == "Andy Beal"
    assert page.locator(".opinion-card").count() == 1
    assert reader.errors == []
    reader.close()


def test_a_mainland_reader_is_sent_to_simplified_chinese_and_stays_there(
    browser, live_server, site
):
    article, _people = site
    reader = Reader(browser, live_server.url, 375, locale="zh-CN")
    page = reader.go("/")
    assert page.url.endswith("/zh-hans/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.get_by_role("link", name="5位专家如实回答客户永远是对的").first.click()
    assert page.url.endswith(f"/zh-hans/articles/{article.slug}/")
    assert page.locator("h1").inner_text() == "5位专家如实回答客户永远是对的"
    # Side by side in Simplified, then Traditional, chosen on the page.
    page.get_by_role("link", name="并排阅读法语与中文").click()
    page.wait_for_url(f"**/zh-hans/articles/{article.slug}/bilingual/")
    page.locator(".cell--zh-hans").first.wait_for(state="attached")
    page.get_by_role("navigation", name="中文字体").get_by_role("link", name="繁體中文").click()
    page.wait_for_url("**/bilingual/?chinese=zh-hant")
    page.locator(".cell--zh-hant").first.wait_for(state="attached")  # the new page
    assert page.locator(".cell--zh-hans").count() == 0
    assert page.locator("h1").inner_text() == "5位专家如实回答客户永远是对的"
    reader.screenshot("zh-hans-journey-bilingual-traditional")
    # The switcher leads to the same page in Traditional Chinese.
    page.get_by_role("navigation", name="语言").get_by_role("link", name="繁體中文").click()
    page.wait_for_url(f"**/zh-hant/articles/{article.slug}/bilingual/**")
    assert reader.errors == []
    reader.close()


@pytest.mark.parametrize(
    ("lang", "face"), [("zh-hans", '"Noto Sans SC"'), ("zh-hant", '"Noto Sans TC"')]
)
def test_chinese_text_gets_a_face_of_its_script_and_more_leading(
    browser, live_server, site, lang, face
):
    article, _people = site
    reader = Reader(browser, live_server.url, 1280)
    page = reader.go(f"/{lang}/articles/{article.slug}/")
    family, line_height, size = page.locator(".article__body p").first.evaluate(
        "e => { const s = getComputedStyle(e); return [s.fontFamily, s.lineHeight, s.fontSize]; }"
    )
    assert family.startswith(face)
    assert float(line_height.removesuffix("px")) >= 1.8 * float(size.removesuffix("px"))
    reader.close()


PAGES = [
    ("home", "/{lang}/"),
    ("list", "/{lang}/articles/"),
    ("article", "/{lang}/articles/cinq-experts/"),
    ("bilingual", "/{lang}/articles/cinq-experts/bilingual/"),
    ("fallback", "/{lang}/articles/le-client-est-il-roi/"),
    ("experts", "/{lang}/experts/"),
    ("expert", "/{lang}/experts/andy-beal/"),
]


@pytest.mark.parametrize("width", [375, 1280])
def test_pages_fit_the_screen_and_are_screenshotted(browser, live_server, site, width):
    reader = Reader(browser, live_server.url, width)
    for lang in ("fr", "zh-hant", "zh-hans"):
        for name, path in PAGES:
            reader.go(path.format(lang=lang))
            overflow, culprits = reader.horizontal_overflow()
            assert overflow <= 0, f"{name} {lang} scrolls sideways: {culprits}"
            reader.screenshot(f"{lang}-{name}")
    assert reader.errors == []
    reader.close()


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("fr", "Page introuvable"), ("zh-hant", "找不到網頁"), ("zh-hans", "找不到页面")],
)
def test_not_found_page_on_a_phone(browser, live_server, site, lang, heading):
    reader = Reader(browser, live_server.url, 375)
    response = reader.page.goto(f"{live_server.url}/{lang}/articles/nulle-part/")
    assert response.status == 404
    assert reader.page.locator("h1").inner_text() == heading
    assert reader.horizontal_overflow()[0] <= 0
    reader.screenshot(f"{lang}-404")
    reader.close()


def test_phone_stacks_each_pair(browser, live_server, site):
    reader = Reader(browser, live_server.url, 375)
    page = reader.go("/fr/articles/le-client-est-il-roi/bilingual/")
    pair = page.locator(".pair--paragraph").nth(1)
    french, chinese = (pair.locator(".cell").nth(i).bounding_box() for i in (0, 1))
    assert chinese["y"] >= french["y"] + french["height"] - 1  # stacked, French first
    assert "Manquant en chinois" in pair.inner_text()
    reader.close()


# Every public page type; the 404 page answers 404.
AXE_PAGES = [
    *PAGES,
    ("search", "/{lang}/search/?q=client"),
    ("glossary", "/{lang}/glossary/"),
    ("feedback thanks", "/{lang}/articles/cinq-experts/feedback/thanks/"),
    ("404", "/{lang}/articles/nulle-part/"),
]


def axe_violations(reader, axe, pages):
    """axe-core's violations on each page, whatever their impact, as readable lines."""
    found = []
    for name, path in pages:
        reader.page.goto(reader.base_url + path)
        results = axe.run(reader.page)
        found += [
            f"{name} {reader.width}px: {v['id']} ({v['impact']}) {v['help']}: "
            + ", ".join(str(node["target"]) for node in v["nodes"][:3])
            for v in results.response["violations"]
        ]
    return found


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang", ["fr", "zh-hant", "zh-hans"])
def test_no_accessibility_violation_on_any_page(browser, live_server, site, lang, width):
    from axe_playwright_python.sync_playwright import Axe

    reader = Reader(browser, live_server.url, width)
    pages = [(name, path.format(lang=lang)) for name, path in AXE_PAGES]
    assert axe_violations(reader, Axe(), pages) == []
    reader.close()


def test_keyboard_reaches_skip_link_with_visible_focus(browser, live_server, site):
    reader = Reader(browser, live_server.url, 1280)
    page = reader.go("/fr/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0 and box["x"] >= 0  # on screen once focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    # The next Tab goes on into the page, not back to the header.
    page.keyboard.press("Tab")
    in_main = page.evaluate("document.getElementById('main').contains(document.activeElement)")
    assert in_main
    reader.close()


def test_everything_works_without_javascript(browser, live_server, site):
    article, _people = site
    reader = Reader(browser, live_server.url, 375, javascript=False)
    page = reader.go("/fr/articles/?stance=no")
    assert page.locator(".article-item").count() == 1
    page.select_option("#id_stance", "depends")
    page.get_by_role("button", name="Appliquer").click()
    assert "stance=depends" in page.url
    page.get_by_role("link", name=article.title_fr).click()
    page.get_by_role("link", name="繁體中文").click()
    assert page.locator("h1").inner_text() == article.title_zh_hant
    # Opinion permalinks are plain anchors.
    opinion = Opinion.objects.filter(article=article).first()
    page.goto(f"{live_server.url}/zh-hant/articles/{article.slug}/#{opinion.anchor}")
    assert page.locator(f"#{opinion.anchor}").is_visible()
    reader.close()
