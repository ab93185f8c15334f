"""The experts list and each expert's page."""

import pytest

from articles.models import Article, Opinion

from .factories import make_article, make_person

pytestmark = pytest.mark.django_db


def test_expert_page_lists_all_public_opinions_with_stances(client):
    person = make_person(slug="ada", name_fr="Ada")
    first = make_article(title_fr="Premier", slug="premier")
    second = make_article(title_fr="Second", slug="second")
    draft = make_article(title_fr="Brouillon", status=Article.Status.DRAFT)
    for article, stance in [(first, "yes"), (second, "no"), (draft, "depends")]:
        Opinion.objects.create(article=article, person=person, anchor="ada", stance=stance)
    body = client.get("/fr/experts/ada/").text
    assert "<h1>Ada</h1>" in body
    assert 'href="/fr/articles/premier/#ada"' in body and 'href="/fr/articles/second/#ada"' in body
    assert "stance-icon--yes" in body and "stance-icon--no" in body
    assert "Brouillon" not in body and "stance-icon--depends" not in body


def test_expert_list_counts_public_opinions(client):
    person = make_person(slug="ada", name_fr="Ada")
    Opinion.objects.create(article=make_article(), person=person, anchor="a", stance="yes")
    hidden = make_article(status=Article.Status.DRAFT)
    Opinion.objects.create(
        article=hidden, person=make_person(name_fr="Caché"), anchor="b", stance="no"
    )
    body = client.get("/fr/experts/").text
    assert "Ada" in body and "1 avis\u00a0:" in body
    assert "Caché" not in body


def test_person_quoted_only_in_a_draft_is_not_public(client):
    person = make_person(slug="secret")
    draft = make_article(status=Article.Status.DRAFT)
    Opinion.objects.create(article=draft, person=person, anchor="s", stance="no")
    assert client.get("/fr/experts/secret/").status_code == 404
