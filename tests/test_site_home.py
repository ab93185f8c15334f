"""The home page: the question, the stance overview, latest articles, experts."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from articles.models import Opinion

from .factories import make_article, make_person, make_question

pytestmark = pytest.mark.django_db


def test_home_shows_question_overview_articles_and_experts(client):
    make_question()
    yes, depends, no = make_person(name_fr="Alice"), make_person(name_fr="Bruno"), make_person()
    article = make_article(title_fr="Le premier article")
    for person, stance, anchor in [(yes, "yes", "a"), (depends, "depends", "b"), (no, "no", "c")]:
        Opinion.objects.create(article=article, person=person, anchor=anchor, stance=stance)
    body = client.get("/fr/").text
    assert "Le client a-t-il toujours raison ?" in body
    # The text equivalent of the picture: counts per stance, in words.
    assert "3 avis d’experts\u00a0:" in body
    assert "Oui 1, Ça dépend 1, Non 1" in body
    # Each expert links to the opinion's permalink.
    assert f'href="/fr/articles/{article.slug}/#a">Alice</a>' in body
    assert "stance-icon--yes" in body and "stance-icon--no" in body
    assert "Le premier article" in body
    assert f'href="/fr/experts/{depends.slug}/"' in body


def test_home_overview_counts_each_expert_once_per_answer(client):
    make_question()
    person = make_person(name_fr="Alice")
    older = make_article(published_at=timezone.now() - timedelta(days=9))
    newer = make_article()
    for article in (older, newer):
        Opinion.objects.create(article=article, person=person, anchor="alice", stance="yes")
    body = client.get("/fr/").text
    assert "1 avis d’expert\u00a0:" in body
    assert f'href="/fr/articles/{newer.slug}/#alice">Alice</a>' in body
    assert f'href="/fr/articles/{older.slug}/#alice"' not in body


def test_home_overview_in_chinese(client):
    make_question()
    article = make_article()
    Opinion.objects.create(article=article, person=make_person(), anchor="x", stance="no")
    body = client.get("/zh-hant/").text
    assert "顧客永遠是對的嗎？" in body
    assert "1 則專家意見：" in body
    assert "是 0、視情況而定 0、否 1" in body


def test_home_counts_every_expert_but_lists_a_bounded_number(client):
    from reading.views import HOME_EXPERTS, HOME_NAMES_PER_STANCE

    people = [make_person() for _ in range(HOME_NAMES_PER_STANCE + 3)]
    for person in people:
        make_article(opinions=1, people=[person], blocks=0)  # every first opinion says yes
    response = client.get("/fr/")
    groups = {group.stance: group for group in response.context["stance_groups"]}
    assert groups["yes"].count == len(people)
    assert len(groups["yes"].shown) == HOME_NAMES_PER_STANCE
    assert "et 3 autres" in response.text
    assert len(response.context["experts"]) == HOME_EXPERTS


def test_home_overview_follows_every_change_though_kept_per_version(client):
    """The overview is computed once per content version: a new answer, a deleted
    one and a scheduled article whose time has come all show on the next request."""
    make_question()
    article = make_article()
    alice = make_person(name_fr="Alice")
    Opinion.objects.create(article=article, person=alice, anchor="a", stance="yes")
    assert "Alice" in client.get("/fr/").text
    late = Opinion.objects.create(
        article=article, person=make_person(name_fr="Bruno"), anchor="b", stance="no"
    )
    body = client.get("/fr/").text
    assert "Bruno" in body and "2 avis d’experts\u00a0:" in body
    late.delete()
    assert "Bruno" not in client.get("/fr/").text

    now = timezone.now()
    scheduled = make_article(published_at=now + timedelta(hours=1))
    Opinion.objects.create(
        article=scheduled, person=make_person(name_fr="Chloé"), anchor="c", stance="yes"
    )
    assert "Chloé" not in client.get("/fr/").text
    with mock.patch("django.utils.timezone.now", return_value=now + timedelta(hours=2)):
        assert "Chloé" in client.get("/fr/").text


def test_the_overview_kept_per_version_is_in_each_readers_language(client):
    make_question()
    article = make_article()
    alice = make_person(name_fr="Alice", name_zh_hant="愛麗絲")
    Opinion.objects.create(article=article, person=alice, anchor="a", stance="yes")
    french = client.get("/fr/").text
    chinese = client.get("/zh-hant/").text
    assert "Alice" in french and "愛麗絲" not in french
    assert "愛麗絲" in chinese and "Alice" not in chinese
