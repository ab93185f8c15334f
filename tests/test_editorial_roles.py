"""The Editors group: exactly the content permissions, nothing else."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from editorial.editors import EDITORS_GROUP

from .editorial_support import EDITOR_PASSWORD, make_editor

pytestmark = pytest.mark.django_db

CONTENT_MODELS = ["article", "opinion", "block", "person", "question"]


def group_permissions():
    group = Group.objects.get(name=EDITORS_GROUP)
    return sorted(
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    )


def test_migrate_creates_the_group_with_exactly_the_content_permissions():
    expected = sorted(
        [
            f"articles.{action}_{model}"
            for model in CONTENT_MODELS
            for action in ("add", "change", "delete", "view")
        ]
        + ["search.view_zeroresultquery", "feedback.view_vote"]
        + [f"terminology.{action}_term" for action in ("add", "change", "delete", "view")]
    )
    assert group_permissions() == expected


def test_setup_editors_is_idempotent_and_repairs_the_group(capsys):
    call_command("setup_editors")
    assert "nothing changed" in capsys.readouterr().out
    group = Group.objects.get(name=EDITORS_GROUP)
    before = group_permissions()
    group.permissions.add(*Permission.objects.filter(codename="delete_user"))
    call_command("setup_editors")
    assert "Reset" in capsys.readouterr().out
    assert group_permissions() == before


def test_create_editor_makes_a_staff_account_that_is_not_a_superuser(django_user_model):
    call_command("create_editor", "chloe", email="chloe@example.com", password=EDITOR_PASSWORD)
    user = django_user_model.objects.get(username="chloe")
    assert (user.is_staff, user.is_superuser, user.email) == (True, False, "chloe@example.com")
    assert list(user.groups.values_list("name", flat=True)) == [EDITORS_GROUP]
    assert user.check_password(EDITOR_PASSWORD)


def test_create_editor_reads_the_password_from_the_environment(django_user_model, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "From-the-env-42")
    call_command("create_editor", "dana")
    assert django_user_model.objects.get(username="dana").check_password("From-the-env-42")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        pytest.param({"password": "short"}, "court|short", id="weak-password"),
        pytest.param({}, "Give a password", id="no-password-no-terminal"),
    ],
)
def test_create_editor_refuses_bad_input(arguments, message, monkeypatch):
    monkeypatch.delenv("EDITOR_PASSWORD", raising=False)
    monkeypatch.setattr("os.isatty", lambda fd: False)
    with pytest.raises(CommandError, match=message):
        call_command("create_editor", "eve", **arguments)


def test_create_editor_refuses_to_demote_a_superuser(django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.com", "Root-pass-123")
    with pytest.raises(CommandError, match="superuser"):
        call_command("create_editor", "root", password=EDITOR_PASSWORD)


@pytest.fixture
def editor(django_user_model):
    client = Client()
    assert client.login(username=make_editor(django_user_model).username, password=EDITOR_PASSWORD)
    return client


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:articles_article_changelist",
        "admin:articles_article_add",
        "admin:articles_opinion_changelist",
        "admin:articles_person_add",
        "admin:articles_question_changelist",
        "admin:terminology_term_changelist",
        "admin:terminology_term_add",
    ],
)
def test_editor_manages_the_content(editor, url_name):
    assert editor.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:auth_user_changelist",
        "admin:auth_user_add",
        "admin:auth_group_changelist",
        "admin:auth_group_add",
    ],
)
def test_editor_is_refused_users_and_groups(editor, url_name):
    assert editor.get(reverse(url_name)).status_code == 403


def test_editor_cannot_change_their_own_or_anyone_elses_account(editor, django_user_model):
    other = django_user_model.objects.create_user("other", password="Other-pass-123")
    response = editor.get(reverse("admin:auth_user_change", args=[other.pk]))
    assert response.status_code == 403


def test_editor_sees_only_the_knowledge_base_in_the_admin_index(editor):
    response = editor.get(reverse("admin:index"))
    apps = {
        app["app_label"]: sorted(m["object_name"] for m in app["models"])
        for app in response.context["app_list"]
    }
    assert apps == {
        "articles": ["Article", "Opinion", "Person", "Question"],
        "search": ["ZeroResultQuery"],
        "feedback": ["Vote"],
        "terminology": ["Term"],
    }


def test_editor_reads_the_searches_that_found_nothing(editor, client):
    client.get("/fr/search/", {"q": "introuvable"})
    response = editor.get(reverse("admin:search_zeroresultquery_changelist"))
    assert response.status_code == 200
    assert "introuvable" in response.text
