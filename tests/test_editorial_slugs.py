"""A renamed article keeps its old URLs: they answer 301 to the current slug."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_script_prefix

from articles.models import Article, ArticleSlugHistory

from .editorial_support import make_editor, open_change_form
from .factories import make_article

pytestmark = pytest.mark.django_db


def rename(article, slug):
    article.slug = slug
    article.save()
    return article


@pytest.mark.parametrize(
    ("old_path", "new_path"),
    [
        pytest.param("/fr/articles/ancien/", "/fr/articles/nouveau/", id="fr"),
        pytest.param("/zh-hant/articles/ancien/", "/zh-hant/articles/nouveau/", id="zh-hant"),
        pytest.param(
            "/fr/articles/ancien/bilingual/", "/fr/articles/nouveau/bilingual/", id="bilingual"
        ),
        pytest.param("/fr/articles/ancien/?x=1", "/fr/articles/nouveau/?x=1", id="query-string"),
    ],
)
def test_old_slug_redirects_permanently(client, old_path, new_path):
    rename(make_article(slug="ancien"), "nouveau")
    response = client.get(old_path)
    assert (response.status_code, response["Location"]) == (301, new_path)


def test_the_new_url_serves_the_article(client):
    rename(make_article(slug="ancien"), "nouveau")
    assert client.get("/fr/articles/nouveau/").status_code == 200


def test_a_chain_of_renames_ends_at_the_current_slug(client):
    article = rename(rename(make_article(slug="a"), "b"), "c")
    for old in ("a", "b"):
        response = client.get(f"/fr/articles/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/fr/articles/c/")
    assert set(ArticleSlugHistory.objects.values_list("old_slug", flat=True)) == {"a", "b"}
    assert all(h.article_id == article.pk for h in ArticleSlugHistory.objects.all())


def test_renaming_back_to_an_old_slug_drops_that_redirect(client):
    article = rename(rename(make_article(slug="a"), "b"), "a")
    assert client.get("/fr/articles/a/").status_code == 200
    assert client.get("/fr/articles/b/")["Location"] == "/fr/articles/a/"
    assert list(ArticleSlugHistory.objects.values_list("old_slug", flat=True)) == ["b"]
    assert article.old_slugs.count() == 1


def test_a_slug_reused_by_a_new_article_wins_over_the_redirect(client):
    rename(make_article(slug="partage", title_fr="Ancien"), "renomme")
    make_article(slug="partage", title_fr="Nouveau")
    response = client.get("/fr/articles/partage/")
    assert response.status_code == 200
    assert not ArticleSlugHistory.objects.filter(old_slug="partage").exists()


def test_a_slug_reused_by_a_draft_is_not_redirected_to_the_old_article(client):
    rename(make_article(slug="partage"), "renomme")
    make_article(slug="partage", status="draft")
    assert client.get("/fr/articles/partage/").status_code == 404


def test_no_redirect_to_an_article_the_visitor_may_not_see(client, django_user_model):
    rename(make_article(slug="ancien", status="draft"), "nouveau")
    assert client.get("/fr/articles/ancien/").status_code == 404
    staff = Client()
    staff.force_login(make_editor(django_user_model))
    assert staff.get("/fr/articles/ancien/").status_code == 301


@pytest.mark.parametrize(
    "path",
    ["/fr/articles/inconnu/", "/fr/articles/ancien/xyz/", "/fr/nulle-part/", "/de/articles/x/"],
)
def test_unknown_paths_stay_404(client, path):
    make_article(slug="ancien")
    assert client.get(path).status_code == 404


def test_a_slug_changed_in_the_admin_is_remembered(django_user_model):
    editor = Client()
    editor.force_login(make_editor(django_user_model))
    article = make_article(slug="avant")
    url, data = open_change_form(editor, article)
    data["slug"] = "apres"
    assert editor.post(url, data).status_code == 302
    assert Client().get("/fr/articles/avant/")["Location"] == "/fr/articles/apres/"


def test_an_imported_article_renamed_from_a_shell_keeps_its_old_url(client):
    call_command("import_content", verbosity=0)
    article = Article.objects.published().order_by("pk").first()
    old = article.slug
    rename(article, "renomme-a-la-main")
    assert client.get(f"/fr/articles/{old}/")["Location"] == "/fr/articles/renomme-a-la-main/"


def test_an_old_url_under_a_script_prefix_keeps_the_prefix(client):
    rename(make_article(slug="ancien"), "nouveau")
    # What the WSGI handler sets for a site served under /kb/ (the test client does not).
    with override_script_prefix("/kb/"):
        response = client.get("/fr/articles/ancien/bilingual/", SCRIPT_NAME="/kb")
    assert (response.status_code, response["Location"]) == (
        301,
        "/kb/fr/articles/nouveau/bilingual/",
    )
