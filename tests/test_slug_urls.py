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
