"""An article page's body is stored as HTML on its first view and used until the
article, its blocks, opinions or people change, or the site's templates do."""

import pytest
from django.db import IntegrityError

from articles.models import Article, Block, Opinion
from reading import rendered
from reading.models import RenderedArticle

from .factories import make_article, make_person

pytestmark = pytest.mark.django_db

PAGES = ["/fr/articles/{slug}/", "/zh-hant/articles/{slug}/", "/fr/articles/{slug}/bilingual/"]


@pytest.fixture
def article():
    return make_article(slug="stored", blocks=3, opinions=2, author=make_person(name_fr="Autrice"))


def _page(client, path, article):
    response = client.get(path.format(slug=article.slug))
    assert response.status_code == 200
    return response.text


def _body(page):
    """The stored part of a page: not its head (title, structured data)."""
    start = page.index(
        'class="article__header"' if "article__header" in page else 'class="bilingual"'
    )
    return page[start : page.index("</main>")]


def _tamper(article):
    """Replace what is stored, so that a page showing the marker shows the stored row."""
    RenderedArticle.objects.filter(article=article).update(html="<p>STORED-ROW</p>")


@pytest.mark.parametrize("path", PAGES)
def test_the_second_view_shows_the_stored_html_without_reading_the_blocks(
    client, article, django_assert_num_queries, path
):
    first = _page(client, path, article)
    assert RenderedArticle.objects.filter(article=article).count() == 1
    # Article and stored HTML in one query; related articles on the article page.
    with django_assert_num_queries(1 if "bilingual" in path else 2):
        second = _page(client, path, article)
    assert second == first
    _tamper(article)
    assert "STORED-ROW" in _page(client, path, article)


def test_each_language_and_script_is_stored_apart(client, article):
    for path in [
        *PAGES,
        "/zh-hans/articles/{slug}/",
        "/fr/articles/{slug}/bilingual/?chinese=zh-hans",
    ]:
        _page(client, path, article)
    variants = set(RenderedArticle.objects.values_list("variant", flat=True))
    assert variants == {
        "article:fr",
        "article:zh-hant",
        "article:zh-hans",
        "bilingual:fr:fr:zh-hant",
        "bilingual:fr:fr:zh-hans",
    }
    assert "文章" in _page(client, "/zh-hant/articles/{slug}/", article)
    assert "文章" not in _page(client, "/fr/articles/{slug}/", article)


def _edit_block(article):
    block = article.blocks.order_by("position").first()
    block.text_fr = block.text_zh_hant = "CHANGED paragraph"
    block.save()
    return "CHANGED paragraph"


def _add_opinion(article):
    person = make_person(name_fr="CHANGED Expert", name_zh_hant="CHANGED Expert")
    opinion = Opinion.objects.create(
        article=article, person=person, position=9, anchor="nouvel-avis", stance="yes",
        headline_fr="Nouvel avis",
    )  # fmt: skip
    Block.objects.create(opinion=opinion, position=1, text_fr="Texte", text_zh_hant="內文")
    return "CHANGED Expert"


def _edit_opinion_block(article):
    block = Block.objects.filter(opinion__article=article).first()
    block.text_fr = block.text_zh_hant = "CHANGED opinion text"
    block.save()
    return "CHANGED opinion text"


def _rename_opinion_person(article):
    person = article.opinions.first().person
    person.name_fr = person.name_zh_hant = "CHANGED Name"
    person.save()
    return "CHANGED Name"


def _rename_author(article):
    author = article.author
    author.name_fr = author.name_zh_hant = "CHANGED Author"
    author.save()
    return "CHANGED Author"


def _edit_article(article):
    article = Article.objects.get(pk=article.pk)
    article.title_fr = article.title_zh_hant = "CHANGED title"
    article.save()
    return "CHANGED title"


def _delete_opinion(article):
    opinion = article.opinions.first()
    opinion.delete()
    return f'-id="{opinion.anchor}"'


CHANGES = [
    _edit_block, _add_opinion, _edit_opinion_block, _rename_opinion_person, _edit_article,
    _delete_opinion,
]  # fmt: skip
# Every page for every change; the author is named on the article page only.
CASES = [(change, path) for change in CHANGES for path in PAGES] + [
    (_rename_author, path) for path in PAGES[:2]
]


@pytest.mark.parametrize(("change", "path"), CASES, ids=[f"{c.__name__[1:]}-{p}" for c, p in CASES])
def test_any_change_of_what_the_body_shows_is_on_the_next_view(client, article, path, change):
    _page(client, path, article)
    expected = change(article)
    page = _body(_page(client, path, article))
    if expected.startswith("-"):
        assert expected[1:] not in page
    else:
        assert expected in page
    assert "STORED-ROW" not in page


def test_a_new_release_of_the_templates_renders_again(client, article, monkeypatch):
    path = PAGES[0]
    _page(client, path, article)
    _tamper(article)
    assert "STORED-ROW" in _page(client, path, article)
    monkeypatch.setattr(rendered, "release", lambda: "another-release")
    page = _page(client, path, article)
    assert "STORED-ROW" not in page and "Paragraphe 1" in page
    assert RenderedArticle.objects.get(article=article).release == "another-release"


def test_the_release_follows_the_templates(settings, tmp_path):
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "page.html"
    template.write_text("one")
    settings.BASE_DIR = tmp_path
    rendered.release.cache_clear()
    try:
        first = rendered.release()
        template.write_text("two")
        rendered.release.cache_clear()
        assert rendered.release() != first
    finally:
        rendered.release.cache_clear()


def test_a_draft_is_rendered_each_time_and_never_stored(editor_client):
    draft = make_article(slug="brouillon", status=Article.Status.DRAFT)
    for suffix in ("", "bilingual/"):
        assert "Paragraphe 1" in editor_client.get(f"/fr/articles/brouillon/{suffix}").text
    assert not RenderedArticle.objects.filter(article=draft).exists()
    _edit_block(draft)
    assert "CHANGED paragraph" in editor_client.get("/fr/articles/brouillon/").text


def test_a_failed_store_still_shows_the_page(client, article, monkeypatch):
    # Two first views at once: the second insert breaks the unique constraint.
    def taken(*args, **kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(RenderedArticle.objects, "create", taken)
    page = _page(client, PAGES[0], article)
    assert "Paragraphe 1" in page
    assert not RenderedArticle.objects.exists()


def test_a_deleted_article_takes_its_stored_html_along(client, article):
    _page(client, PAGES[0], article)
    Article.objects.filter(pk=article.pk).delete()
    assert not RenderedArticle.objects.exists()
    assert client.get(PAGES[0].format(slug="stored")).status_code == 404


def test_an_admin_save_and_a_restore_show_on_the_next_view(client, django_user_model):
    from django.test import Client
    from django.urls import reverse

    from editorial.history import versions_of

    from .editorial_support import form_data, make_editor, make_versioned_article, open_change_form

    editor = Client()
    editor.force_login(make_editor(django_user_model))
    article = make_versioned_article(title_fr="Version un", blocks=2)
    first = versions_of(article).first()
    path = f"/fr/articles/{article.slug}/"
    assert "Paragraphe 1" in _body(client.get(path).text)
    assert RenderedArticle.objects.filter(article=article).exists()

    url, data = open_change_form(editor, article)
    data["blocks-0-text_fr"] = "Réécrit dans l’admin."
    assert editor.post(url, data).status_code == 302
    assert "Réécrit dans l’admin." in _body(client.get(path).text)

    restore_url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    assert editor.post(restore_url, form_data(editor.get(restore_url).text)).status_code == 302
    body = _body(client.get(path).text)
    assert "Paragraphe 1" in body and "Réécrit" not in body


def test_a_save_while_a_first_view_builds_its_html_is_not_hidden(client, article, monkeypatch):
    # The view read the old texts; the editor's save lands before it stores them.
    store = rendered._store

    def store_after_a_save(stored_article, name, html):
        _edit_block(article)
        return store(stored_article, name, html)

    monkeypatch.setattr(rendered, "_store", store_after_a_save)
    assert "CHANGED paragraph" not in _body(_page(client, PAGES[0], article))
    monkeypatch.setattr(rendered, "_store", store)
    assert "CHANGED paragraph" in _body(_page(client, PAGES[0], article))
