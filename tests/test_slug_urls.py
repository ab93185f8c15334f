"""URLs built from a slug without reversing each one: the same as reverse() gives."""

import pytest
from django.urls import reverse, set_script_prefix
from django.utils import translation

from articles.models import Article, Person


@pytest.mark.parametrize("language", ["fr", "zh-hant", "zh-hans"])
@pytest.mark.parametrize("slug", ["a", "le-client-a-t-il-raison", "corpus_17", "X9"])
def test_a_slug_url_is_what_reverse_gives(language, slug):
    with translation.override(language):
        assert Article.url_for(slug) == reverse("reading:article_detail", kwargs={"slug": slug})
        assert Person.url_for(slug) == reverse("reading:expert_detail", kwargs={"slug": slug})


def test_the_script_prefix_is_followed():
    # A site served under a sub-path (SCRIPT_NAME) links within it.
    try:
        set_script_prefix("/kb/")
        with translation.override("fr"):
            assert Article.url_for("x") == "/kb/fr/articles/x/"
    finally:
        set_script_prefix("/")
    with translation.override("fr"):
        assert Article.url_for("x") == "/fr/articles/x/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/fr/",
        "/fr/articles/?page=2&stance=no",
        "/fr/articles/un-article/",
        "/fr/articles/un-article/bilingual/?chinese=zh-hans",
        "/fr/experts/",
        "/fr/experts/jeanne/?page=3",
        "/fr/feed/",
        "/fr/search/?q=client",
        "/fr/glossary/",
    ],
)
@pytest.mark.parametrize("code", ["zh-hant", "zh-hans"])
def test_the_language_switcher_swaps_the_prefix_as_translate_url_would(path, code):
    from django.urls import translate_url

    from reading.templatetags.site_tags import other_language_path

    with translation.override("fr"):
        assert other_language_path(path, "fr", code) == translate_url(path, code)
        # A path that is no page: the other language's home.
        assert other_language_path("/nowhere", "fr", code) == f"/{code}/"
