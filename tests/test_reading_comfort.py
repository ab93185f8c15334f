"""Reading comfort in Chromium: dark mode, print, reduced motion.

Screenshots (dark mode, print preview) go to test-artifacts/comfort/ for a person to look at.
"""

import pytest

from .browser_support import ARTIFACTS, needs_chromium
from .test_browser import AXE_PAGES, Reader, axe_violations, site  # noqa: F401 (fixture)

pytestmark = [*needs_chromium, pytest.mark.usefixtures("site")]

SHOTS = ARTIFACTS / "comfort"
SHOWN = [("home", "/{lang}/"), ("article", "/{lang}/articles/cinq-experts/")]
SHOWN += [("bilingual", "/{lang}/articles/cinq-experts/bilingual/")]


def shoot(reader, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    reader.page.screenshot(path=str(SHOTS / f"{name}-{reader.width}.png"), full_page=True)


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang", ["fr", "zh-hant", "zh-hans"])
def test_dark_mode_is_dark_and_passes_axe(browser, live_server, lang, width):
    from axe_playwright_python.sync_playwright import Axe

    reader = Reader(browser, live_server.url, width, color_scheme="dark")
    pages = [(name, path.format(lang=lang)) for name, path in AXE_PAGES]
    assert axe_violations(reader, Axe(), pages) == []
    for name, path in SHOWN:
        reader.go(path.format(lang=lang))
        background = reader.page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(22, 24, 27)", name
        shoot(reader, f"dark-{lang}-{name}")
    reader.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_print_keeps_the_text_prints_link_addresses_and_both_columns(browser, live_server, width):
    reader = Reader(browser, live_server.url, width)
    page = reader.page
    page.emulate_media(media="print", color_scheme="dark")  # print stays light
    for lang in ("fr", "zh-hant", "zh-hans"):
        for name, path in SHOWN:
            reader.go(path.format(lang=lang))
            for hidden in (".site-header", ".site-footer", ".feedback", ".script-choice"):
                if page.locator(hidden).count():
                    assert not page.locator(hidden).is_visible(), f"{name}: {hidden} printed"
            background = page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert background == "rgb(255, 255, 255)"
            shoot(reader, f"print-{lang}-{name}")
    # Links print their address after them.
    reader.go("/fr/articles/cinq-experts/")
    after = page.evaluate(
        """() => getComputedStyle(document.querySelector('.facts a[href^="http"]'),
                                   '::after').content"""
    )
    assert after == '" <https://example.org/source>"'
    # The side-by-side view keeps its two columns, even from a phone.
    reader.go("/fr/articles/cinq-experts/bilingual/")
    pair = page.locator(".pair--paragraph").first
    french, chinese = (pair.locator(".cell").nth(i).bounding_box() for i in (0, 1))
    assert abs(french["y"] - chinese["y"]) < 1 and chinese["x"] > french["x"]
    reader.close()


@pytest.mark.parametrize(("motion", "scrolling"), [("reduce", "auto"), ("no-preference", "smooth")])
def test_reduced_motion_is_respected(browser, live_server, motion, scrolling):
    reader = Reader(browser, live_server.url, 375, reduced_motion=motion)
    page = reader.go("/fr/articles/cinq-experts/")
    behaviour = page.evaluate("getComputedStyle(document.documentElement).scrollBehavior")
    assert behaviour == scrolling
    reader.close()
