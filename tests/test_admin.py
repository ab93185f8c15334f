"""The admin as an editor (staff, not superuser) sees it."""

import pytest
from django.urls import reverse

from articles.models import Article, Block

from .factories import make_article, make_person

pytestmark = pytest.mark.django_db


def test_article_list_shows_language_completeness(editor_client):
    make_article(title_fr="Complet")
    partial = make_article(title_fr="Partiel")
    Block.objects.create(article=partial, position=5, text_fr="Pas encore traduit")
    response = editor_client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 200
    rows = {row.title_fr: row for row in response.context["cl"].result_list}
    assert (rows["Complet"].missing_zh_hant, rows["Partiel"].missing_zh_hant) == (False, True)
    # The admin speaks the default language, French.
    assert "Chinois traditionnel complet" in response.text


def test_missing_language_filter(editor_client):
    make_article(title_fr="Complet")
    partial = make_article(title_fr="Partiel")
    Block.objects.create(article=partial, position=5, text_fr="Pas encore traduit")
    response = editor_client.get(
        reverse("admin:articles_article_changelist"), {"missing": "zh-hant"}
    )
    assert [a.title_fr for a in response.context["cl"].result_list] == ["Partiel"]


def test_change_form_has_language_tabs_and_inline_opinions(editor_client):
    article = make_article(blocks=3, opinions=2)
    response = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    html = response.text
    assert 'name="title_fr"' in html and 'name="title_zh_hant"' in html
    assert "modeltranslation" in html  # the tabs script
    assert 'name="opinions-0-headline_zh_hant"' in html
    assert 'name="blocks-2-text_zh_hant"' in html


def test_editor_can_add_an_article_with_an_opinion(editor_client):
    person = make_person()
    data = {
        "title_fr": "Nouvel article",
        "title_zh_hant": "新文章",
        "slug": "nouvel-article",
        "standfirst_fr": "",
        "standfirst_zh_hant": "",
        "stance": "no",
        "status": "draft",
        "published_at_0": "2026-01-01",
        "published_at_1": "10:00:00",
        "original_language": "fr",
        "translation_origin": "project",
        "credits_fr": "",
        "credits_zh_hant": "",
        "blocks-TOTAL_FORMS": "1",
        "blocks-INITIAL_FORMS": "0",
        "blocks-0-position": "1",
        "blocks-0-kind": "paragraph",
        "blocks-0-text_fr": "Premier paragraphe.",
        "blocks-0-text_zh_hant": "第一段。",
        "opinions-TOTAL_FORMS": "1",
        "opinions-INITIAL_FORMS": "0",
        "opinions-0-person": str(person.pk),
        "opinions-0-stance": "yes",
        "opinions-0-position": "1",
        "opinions-0-anchor": "avis",
        "opinions-0-headline_fr": "Oui",
        "opinions-0-headline_zh_hant": "是",
    }
    response = editor_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="nouvel-article")
    assert article.blocks.get().text_zh_hant == "第一段。"
    assert article.opinions.get().person == person


def test_person_autocomplete_finds_by_name(editor_client):
    make_person(name_fr="Michelle King")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Mich",
            "app_label": "articles",
            "model_name": "opinion",
            "field_name": "person",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Michelle King"]


def test_language_tabs_load_their_script_from_this_site(editor_client):
    # The tabs need jQuery UI; the admin must work without reaching a CDN.
    article = make_article()
    response = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "googleapis" not in response.text
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in response.text
    from django.contrib.staticfiles import finders

    assert finders.find("vendor/jquery-ui/jquery-ui.min.js")
