"""Every public page type, in both languages, is valid HTML.

The structural check runs everywhere; the Nu validator runs where Java is installed
(it is a Java program) and is skipped with the reason elsewhere.
"""

import pytest

from .factories import make_half_translated, make_site
from .html_support import java, nu_validator_errors, structural_errors

LANGUAGES = ["fr", "zh-hant", "zh-hans"]
PAGES = {
    "home": ("/{lang}/", 200),
    "list": ("/{lang}/articles/", 200),
    "list-filtered": ("/{lang}/articles/?stance=no", 200),
    "article": ("/{lang}/articles/{article}/", 200),
    "article-fallback": ("/{lang}/articles/half/", 200),
    "bilingual": ("/{lang}/articles/{article}/bilingual/", 200),
    "experts": ("/{lang}/experts/", 200),
    "expert": ("/{lang}/experts/{person}/", 200),
    "search": ("/{lang}/search/?q=client", 200),
    "feedback-thanks": ("/{lang}/articles/{article}/feedback/thanks/", 200),
    "search-empty": ("/{lang}/search/", 200),
    "glossary": ("/{lang}/glossary/", 200),
    "404": ("/{lang}/articles/nulle-part/", 404),
}


@pytest.fixture
def pages(client, db):
    """The HTML of each page type in each language: {(lang, name): bytes}."""
    _question, people, articles = make_site(articles=3)
    make_half_translated(slug="half")
    rendered = {}
    for lang in LANGUAGES:
        for name, (path, status) in PAGES.items():
            url = path.format(lang=lang, article=articles[0].slug, person=people[0].slug)
            response = client.get(url)
            assert response.status_code == status, url
            rendered[lang, name] = response.content
    return rendered


def test_every_page_passes_the_structural_check(pages):
    errors = {key: structural_errors(content) for key, content in pages.items()}
    assert {key: found for key, found in errors.items() if found} == {}


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("<figure><div></div><figcaption>c</figcaption><div></div></figure>", "figcaption"),
        ('<form action=""><button>ok</button></form>', "empty action"),
        ("<h1>a</h1><h3>b</h3>", "heading order"),
        ("<p><div>x</div></p>", "parse error"),
    ],
    ids=["div-around-figcaption", "empty-action", "heading-skip", "div-in-p"],
)
def test_the_structural_check_catches_known_mistakes(snippet, expected):
    page = f"<!doctype html><html lang=fr><title>t</title><main>{snippet}</main></html>"
    assert any(expected in error for error in structural_errors(page))


@pytest.mark.skipif(not java(), reason="the Nu HTML validator needs Java, not installed here")
def test_every_page_passes_the_nu_validator(pages, tmp_path):
    files = []
    for (lang, name), content in pages.items():
        path = tmp_path / f"{lang}-{name}.html"
        path.write_bytes(content)
        files.append(path)
    assert nu_validator_errors(files) == []
