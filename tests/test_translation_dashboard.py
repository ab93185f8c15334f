"""The translation dashboard: every article and target language at a glance."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article

from .editorial_support import make_editor
from .factories import make_article, make_person

URL = "/admin/translations/"
ROW = re.compile(r'<tr data-article="([\w-]+)" data-language="([\w-]+)">(.*?)</tr>', re.S)


def rows(response):
    """[(slug, language, percent, missing, outdated)] in the order shown."""
    found = []
    for slug, language, cells in ROW.findall(response.content.decode()):
        percent = re.search(r"(\d+)\s% \(", cells).group(1)
        missing = re.search(r'count-missing">(\d+)<', cells).group(1)
        outdated = re.search(r'count-outdated">(\d+)<', cells).group(1)
        found.append((slug, language, int(percent), int(missing), int(outdated)))
    return found


@pytest.fixture
def editor_client(client, django_user_model):
    """Logged in as a member of the Editors group (not a superuser)."""
    client.force_login(make_editor(django_user_model))
    return client


@pytest.fixture
def articles(db):
    """One article fully current, one with a missing standfirst and an outdated
    paragraph in Chinese, one written in Chinese whose French title is missing."""
    current = make_article(slug="current", blocks=2)
    behind = make_article(slug="behind", blocks=2, standfirst_zh_hant="")
    block = behind.blocks.first()
    block.text_fr = "Un paragraphe réécrit."
    block.save()
    chinese = make_article(slug="chinese", blocks=1, original_language="zh-hant", title_fr="")
    return current, behind, chinese


def test_editors_see_one_row_per_article_and_target_language(editor_client, articles):
    response = editor_client.get(URL)
    assert response.status_code == 200
    shown = {(slug, language): rest for slug, language, *rest in rows(response)}
    # title, standfirst, 2 paragraphs: 4 units.
    assert shown[("current", "zh-hant")] == [100, 0, 0]
    assert shown[("behind", "zh-hant")] == [50, 1, 1]
    assert shown[("chinese", "fr")] == [67, 1, 0]
    assert set(shown) == {("current", "zh-hant"), ("behind", "zh-hant"), ("chinese", "fr")}
    body = response.content.decode()
    assert "50\u00a0% (2 unités à jour sur 4)" in body
    assert 'href="/admin/translations/behind/zh-hant/"' in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("filter=missing-zh-hant", ["behind"]),
        ("filter=outdated-zh-hant", ["behind"]),
        ("filter=missing-fr", ["chinese"]),
        ("filter=outdated-fr", []),
        ("filter=bogus", ["behind", "chinese", "current"]),
    ],
    ids=["missing-zh", "outdated-zh", "missing-fr", "outdated-fr", "unknown-filter"],
)
def test_filters(editor_client, articles, query, expected):
    response = editor_client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert sorted(slug for slug, *_ in rows(response)) == expected


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("progress", ["behind", "chinese", "current"]),
        ("-progress", ["current", "chinese", "behind"]),
        ("-missing", ["behind", "chinese", "current"]),
        ("title", ["behind", "chinese", "current"]),
        ("nonsense", ["behind", "chinese", "current"]),
    ],
    ids=str,
)
def test_sorting(editor_client, articles, sort, expected):
    for article in articles:
        Article.objects.filter(pk=article.pk).update(title_fr=article.slug)
    response = editor_client.get(f"{URL}?sort={sort}")
    assert [slug for slug, *_ in rows(response)] == expected


def test_the_admin_index_and_the_change_list_link_to_it(editor_client, articles):
    assert 'href="/admin/translations/"' in editor_client.get("/admin/").content.decode()
    changelist = editor_client.get("/admin/articles/article/").content.decode()
    assert "Chinois traditionnel\u00a0: 50\u00a0% à jour, 1 manquante(s), 1 à revoir" in changelist
    assert 'href="/admin/translations/chinese/fr/"' in changelist


def test_people_outside_the_editors_cannot_open_it(client, django_user_model, articles):
    assert client.get(URL).status_code == 302  # to the login page
    staff = django_user_model.objects.create_user("staff", password="x-long-pass", is_staff=True)
    client.force_login(staff)
    assert client.get(URL).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="view_article"))
    assert client.get(URL).status_code == 200


def _count(client):
    client.get(URL)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries), response


def test_query_count_is_pinned_and_flat(editor_client, db, django_assert_num_queries):
    people = [make_person() for _ in range(5)]
    for _ in range(10):
        make_article(blocks=3, opinions=2, people=people)
    small, _response = _count(editor_client)
    for _ in range(90):
        make_article(blocks=3, opinions=2, people=people)
    # Session, user, the Editors group's permissions (user, group), the articles,
    # their body blocks, opinions with their people, opinion blocks, the agreed
    # terms, and readers' answers.
    with django_assert_num_queries(10):
        response = editor_client.get(URL)
    assert len(rows(response)) == 100
    assert small == 10
