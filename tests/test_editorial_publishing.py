"""Drafts and scheduled articles: invisible to the public, previewable by staff;
status filter, bulk publish and unpublish, and links to the site from the admin."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article
from editorial.summaries import describe

from .editorial_support import make_editor
from .factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_states():
    now = timezone.now()
    return {
        "draft": make_article(title_fr="Brouillon", status="draft"),
        "scheduled": make_article(title_fr="Programmé", published_at=now + timedelta(hours=2)),
        "published": make_article(title_fr="Publié", published_at=now - timedelta(minutes=1)),
    }


@pytest.fixture
def editor(django_user_model):
    return make_editor(django_user_model)


def test_published_excludes_drafts_and_scheduled_articles(three_states):
    assert [a.title_fr for a in Article.objects.published()] == ["Publié"]
    assert {a.publication_state for a in three_states.values()} == {
        "draft",
        "scheduled",
        "published",
    }


def test_a_scheduled_article_goes_public_at_its_date(three_states):
    later = timezone.now() + timedelta(hours=3)
    assert set(Article.objects.published(now=later).values_list("title_fr", flat=True)) == {
        "Programmé",
        "Publié",
    }


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        pytest.param("anonymous", {"Publié"}, id="anonymous"),
        pytest.param("member", {"Publié"}, id="logged-in-non-staff"),
        pytest.param("editor", {"Brouillon", "Programmé", "Publié"}, id="editor"),
    ],
)
def test_visible_to(three_states, django_user_model, editor, who, expected):
    user = {
        "anonymous": AnonymousUser(),
        "member": django_user_model.objects.create_user("member", password="Member-pass-1"),
        "editor": editor,
    }[who]
    assert set(Article.objects.visible_to(user).values_list("title_fr", flat=True)) == expected


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_public_gets_404_and_the_editor_a_preview(three_states, editor, state):
    url = three_states[state].get_absolute_url()
    assert Client().get(url).status_code == 404
    staff = Client()
    staff.force_login(editor)
    assert staff.get(url).status_code == 200


@pytest.mark.parametrize(
    ("state", "title"),
    [("draft", "Brouillon"), ("scheduled", "Programmé"), ("published", "Publié")],
    ids=["draft", "scheduled", "published"],
)
def test_change_list_filters_by_status(three_states, editor, client, state, title):
    client.force_login(editor)
    url = reverse("admin:articles_article_changelist")
    response = client.get(url, {"publication": state})
    assert [a.title_fr for a in response.context["cl"].result_list] == [title]


def test_change_list_links_each_article_to_the_site(three_states, editor, client):
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_changelist")).text
    draft = three_states["draft"]
    assert f'<a href="{draft.get_absolute_url()}">Aperçu</a>' in html
    assert f'<a href="{three_states["published"].get_absolute_url()}">Voir sur le site</a>' in html


def test_change_form_view_on_site_previews_a_draft(three_states, editor, client):
    client.force_login(editor)
    draft = three_states["draft"]
    html = client.get(reverse("admin:articles_article_change", args=[draft.pk])).text
    shortcut = reverse(
        "admin:view_on_site", args=[ContentType.objects.get_for_model(Article).pk, draft.pk]
    )
    assert f'href="{shortcut}"' in html
    response = client.get(shortcut, follow=True)
    assert response.redirect_chain[-1][0].endswith(draft.get_absolute_url())
    assert response.status_code == 200


def test_bulk_publish_and_unpublish(three_states, editor, client):
    client.force_login(editor)
    url = reverse("admin:articles_article_changelist")
    draft, scheduled = three_states["draft"], three_states["scheduled"]
    response = client.post(
        url,
        {"action": "publish", "_selected_action": [draft.pk, scheduled.pk]},
        follow=True,
    )
    assert "1 article publié." in response.text  # the scheduled one already was
    draft.refresh_from_db()
    assert draft.status == "published" and draft.is_public

    response = client.post(
        url, {"action": "unpublish", "_selected_action": [draft.pk, scheduled.pk]}, follow=True
    )
    assert "2 articles dépubliés" in response.text
    assert set(Article.objects.drafts().values_list("pk", flat=True)) == {draft.pk, scheduled.pk}


def test_bulk_publish_says_when_an_article_stays_scheduled(editor, client):
    client.force_login(editor)
    later = make_article(status="draft", published_at=timezone.now() + timedelta(days=1))
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [later.pk]},
        follow=True,
    )
    assert "1 d’entre eux est programmé" in response.text
    assert not Article.objects.published().filter(pk=later.pk).exists()


def test_bulk_actions_are_recorded_in_the_history(three_states, editor, client):
    from editorial.history import versions_of

    client.force_login(editor)
    draft = three_states["draft"]
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    latest = versions_of(draft).first()
    assert latest.revision.user == editor
    with translation.override("fr"):
        assert describe(latest.revision) == "Publié (action groupée)."
    with translation.override("zh-hant"):
        assert describe(latest.revision) == "已發布（批次動作）。"
    assert latest.field_dict["status"] == "published"


@pytest.mark.parametrize("path", ["/fr/", "/zh-hant/", "/fr/experts/{expert}/"])
def test_public_lists_leave_out_drafts_and_scheduled_articles(client, path):
    from .factories import make_person

    expert = make_person(slug="expert-public")
    later = timezone.now() + timedelta(days=2)
    make_article(title_fr="Visible", title_zh_hant="看得到", opinions=1, people=[expert])
    make_article(
        title_fr="Brouillon caché",
        title_zh_hant="隱藏草稿",
        status="draft",
        opinions=1,
        people=[expert],
    )
    make_article(
        title_fr="Programmé caché",
        title_zh_hant="隱藏排程",
        published_at=later,
        opinions=1,
        people=[expert],
    )
    html = client.get(path.format(expert=expert.slug)).text
    assert "Visible" in html or "看得到" in html
    for hidden in ("Brouillon caché", "隱藏草稿", "Programmé caché", "隱藏排程"):
        assert hidden not in html
