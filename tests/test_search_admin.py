"""Editors see the searches that found nothing, in the admin."""

import pytest
from django.contrib.auth.models import Permission

from search.models import ZeroResultQuery

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/search/zeroresultquery/"


@pytest.fixture
def searches(client):
    for q in ["introuvable", "introuvable", "licorne", "麒麟"]:
        client.get("/fr/search/", {"q": q})
    client.get("/zh-hant/search/", {"q": "麒麟"})


def test_editors_with_the_view_permission_see_the_most_frequent_first(
    client, editor_user, searches
):
    editor_user.user_permissions.add(Permission.objects.get(codename="view_zeroresultquery"))
    client.force_login(editor_user)
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("introuvable") < html.index("licorne")
    assert html.count("麒麟") >= 2  # one row per reader's language


def test_the_list_can_be_searched(client, editor_user, searches):
    editor_user.user_permissions.add(Permission.objects.get(codename="view_zeroresultquery"))
    client.force_login(editor_user)
    html = client.get(CHANGELIST, {"q": "lico"}).content.decode()
    assert "licorne" in html and "introuvable" not in html


def test_the_list_is_read_only(client, editor_user, searches):
    editor_user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="search", codename__endswith="query")
    )
    client.force_login(editor_user)
    entry = ZeroResultQuery.objects.get(query="licorne")
    assert client.get(f"{CHANGELIST}add/").status_code == 403
    response = client.post(
        f"{CHANGELIST}{entry.pk}/change/", {"query": "edited", "language": "fr", "count": 9}
    )
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.query == "licorne"


def test_editors_without_the_permission_do_not_see_it(client, editor_user, searches):
    client.force_login(editor_user)
    assert client.get(CHANGELIST).status_code == 403
