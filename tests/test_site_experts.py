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


def test_expert_list_pages_and_follows_changes(client):
    from reading.views import EXPERTS_PER_PAGE

    article = make_article()
    people = [make_person(slug=f"p{n:02}", name_fr=f"Expert {n:02}") for n in range(30)]
    for person in people:
        Opinion.objects.create(article=article, person=person, anchor=person.slug, stance="yes")
    first = client.get("/fr/experts/").text
    assert "Expert 00" in first and f"Expert {EXPERTS_PER_PAGE - 1:02}" in first
    assert f"Expert {EXPERTS_PER_PAGE:02}" not in first
    assert 'href="?page=2"' in first and "Page 1 sur 2" in first
    second = client.get("/fr/experts/?page=2").text
    assert "Expert 29" in second and "Expert 00" not in second
    # Counts are kept per content version: a new opinion shows at once.
    Opinion.objects.create(article=make_article(), person=people[0], anchor="p00", stance="no")
    assert "2 avis\u00a0:" in client.get("/fr/experts/").text
    # An unknown page number is not an error: the last page.
    assert "Expert 29" in client.get("/fr/experts/?page=99").text


def test_expert_page_lists_opinions_by_pages_with_all_counts(client):
    from reading.views import EXPERT_OPINIONS_PER_PAGE

    person = make_person(slug="ada", name_fr="Ada")
    total = EXPERT_OPINIONS_PER_PAGE + 2
    for n in range(total):
        article = make_article(title_fr=f"Titre {n:02}", slug=f"t{n:02}")
        Opinion.objects.create(
            article=article, person=person, anchor="ada", stance="no" if n == total - 1 else "yes"
        )
    first = client.get("/fr/experts/ada/").text
    assert f"{total} avis" in first
    assert 'href="?page=2"' in first
    # Newest first (the factory dates each new article a minute earlier).
    assert "Titre 00" in first and f"Titre {total - 1:02}" not in first
    second = client.get("/fr/experts/ada/?page=2").text
    assert f"Titre {total - 1:02}" in second and f"Titre {total - 2:02}" in second
    assert "Titre 00" not in second
    # The stance counts cover every page (the only "no" is on page 2).
    assert "stance-icon--no" in first
