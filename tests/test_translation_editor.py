"""The side-by-side translation editor: source left, target right, unit by unit."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.utils import translation
from reversion.models import Version

from articles.fingerprints import TranslationState
from articles.models import Article, Block
from editorial import translation_units as tu
from editorial.summaries import describe

from .editorial_support import form_data, make_editor
from .factories import make_article, make_person


@pytest.fixture
def editor(db, django_user_model):
    return make_editor(django_user_model)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def article(db):
    article = make_article(slug="five-experts", blocks=3, opinions=2)
    block = article.blocks.order_by("position").first()
    block.text_fr = "Paragraphe 1 de l'article, réécrit depuis."
    block.save()
    return article


def url(article, language="zh-hant", show=None):
    return f"/admin/translations/{article.slug}/{language}/" + (f"?show={show}" if show else "")


def unit_rows(response):
    """{unit id: status} in page order."""
    found = re.findall(r'data-unit="([^"]+)" data-status="(\w+)"', response.content.decode())
    return dict(found)


def status(obj, field):
    obj.refresh_from_db()
    return tu.Unit("", "", obj, field, "fr", "zh-hant").status


def test_every_unit_is_shown_in_reading_order(editor_client, article):
    response = editor_client.get(url(article))
    assert response.status_code == 200
    units = list(unit_rows(response))
    blocks = list(article.blocks.order_by("position"))
    opinions = list(article.opinions.order_by("position"))
    expected_start = [
        f"article:{article.pk}:title",
        f"article:{article.pk}:standfirst",
        *[f"block:{b.pk}:text" for b in blocks],
        f"opinion:{opinions[0].pk}:headline",
        f"block:{opinions[0].blocks.get().pk}:text",
        f"person:{opinions[0].person_id}:name",
    ]
    assert units[: len(expected_start)] == expected_start
    assert f"person:{opinions[1].person_id}:role" in units
    body = response.content.decode()
    # The source is read-only text, the target a labelled field.
    assert '<div class="source" lang="fr">Paragraphe 2 de l&#x27;article' in body
    assert f'<label for="u_block:{blocks[1].pk}:text">' in body


def test_an_outdated_unit_shows_what_changed_in_its_source(editor_client, article):
    response = editor_client.get(url(article, show="outdated"))
    block = article.blocks.order_by("position").first()
    assert unit_rows(response) == {f"block:{block.pk}:text": "outdated"}
    body = response.content.decode()
    assert re.search(r"Paragraphe 1 de <del>l&#x27;article \d+\.</del>", body)
    assert "<ins>l&#x27;article, réécrit depuis.</ins>" in body
    assert f'name="confirm" value="block:{block.pk}:text"' in body


def test_a_chinese_source_is_compared_character_by_character(editor_client, db):
    article = make_article(slug="zh-first", blocks=1, original_language="zh-hant")
    block = article.blocks.get()
    block.text_zh_hant = block.text_zh_hant.replace("段", "節")
    block.save()
    response = editor_client.get(url(article, "fr", show="outdated"))
    assert "<del>段</del><ins>節</ins>" in response.content.decode()


def test_the_missing_filter(editor_client, article):
    person = article.opinions.first().person
    person.bio_fr = "Une biographie."
    person.save()
    response = editor_client.get(url(article, show="missing"))
    assert unit_rows(response) == {f"person:{person.pk}:bio": "missing"}


def save(client, article, changes, language="zh-hant", show=None, page=None):
    page = page or client.get(url(article, language, show))
    data = {**form_data(page.content.decode()), **changes}
    return client.post(url(article, language, show), data)


def test_saving_a_translation_makes_it_current_and_is_in_history(editor_client, editor, article):
    block = article.blocks.order_by("position").first()
    uid = f"block:{block.pk}:text"
    response = save(editor_client, article, {uid: "文章的第 1 段，後來改寫過。"})
    assert response.status_code == 302
    assert status(block, "text") == TranslationState.CURRENT
    assert block.text_zh_hant == "文章的第 1 段，後來改寫過。"
    revision = Version.objects.get_for_object(block).first().revision
    assert revision.user == editor
    with translation.override("fr"):
        assert describe(revision) == "Traduction en chinois traditionnel"
    page = editor_client.get(response["Location"])
    assert "1 unité enregistrée." in page.content.decode()
    # Nothing else was touched.
    other = article.blocks.order_by("position").last()
    assert Version.objects.get_for_object(other).count() == 1  # only followed by the article


def test_saving_from_a_filtered_page_leaves_the_other_units_alone(editor_client, article):
    block = article.blocks.order_by("position").first()
    before = {b.pk: b.text_zh_hant for b in Block.objects.all()}
    response = save(editor_client, article, {f"block:{block.pk}:text": "新譯文。"}, show="outdated")
    assert response.status_code == 302
    after = {b.pk: b.text_zh_hant for b in Block.objects.all()}
    assert after == {**before, block.pk: "新譯文。"}


def test_confirming_keeps_the_text_and_makes_it_current(editor_client, article):
    block = article.blocks.order_by("position").first()
    text = block.text_zh_hant
    response = save(editor_client, article, {"confirm": f"block:{block.pk}:text"})
    assert response.status_code == 302
    assert status(block, "text") == TranslationState.CURRENT
    assert block.text_zh_hant == text


def test_a_colleagues_save_in_between_is_shown_and_nothing_is_lost(
    editor_client, django_user_model, article
):
    block = article.blocks.order_by("position").first()
    uid = f"block:{block.pk}:text"
    page = editor_client.get(url(article))
    # A colleague translates the same paragraph meanwhile.
    colleague = make_editor(django_user_model, "bob")
    loaded = tu.articles_with_units().get(pk=article.pk)
    tu.apply_translations(loaded, "zh-hant", {uid: "同事的譯文。"}, user=colleague)

    response = save(editor_client, article, {uid: "我的譯文。"}, page=page)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="conflict"' in body and "bob" in body
    assert "我的譯文。</textarea>" in body  # the input is kept
    assert '<div class="colleague" lang="zh-Hant">同事的譯文。</div>' in body
    block.refresh_from_db()
    assert block.text_zh_hant == "同事的譯文。"
    # Saving again, having seen the colleague's text, goes through.
    again = editor_client.post(url(article), form_data(body))
    assert again.status_code == 302
    block.refresh_from_db()
    assert block.text_zh_hant == "我的譯文。"


def test_an_article_saved_meanwhile_in_the_admin_is_a_conflict(editor_client, article):
    page = editor_client.get(url(article))
    Article.objects.filter(pk=article.pk).update(version=article.version + 5)
    response = save(editor_client, article, {f"article:{article.pk}:title": "新標題"}, page=page)
    assert response.status_code == 200
    assert 'id="conflict"' in response.content.decode()
    article.refresh_from_db()
    assert article.title_zh_hant != "新標題"


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/admin/translations/five-experts/fr/", 404),  # the original language
        ("/admin/translations/five-experts/de/", 404),
        ("/admin/translations/no-such-article/zh-hant/", 404),
    ],
    ids=["original", "unknown-language", "unknown-article"],
)
def test_pages_that_do_not_exist(editor_client, article, path, code):
    assert editor_client.get(path).status_code == code


def test_bad_input_gets_a_message_and_changes_nothing(editor_client, article):
    title = f"article:{article.pk}:title"
    for changes in ({title: "長" * 301}, {"version": "x"}, {"confirm": "block:999:text"}):
        response = save(editor_client, article, changes)
        assert response.status_code == 200, changes
        assert "errornote" in response.content.decode() or "errorlist" in response.content.decode()
    article.refresh_from_db()
    assert article.title_zh_hant.startswith("文章")


def test_viewing_without_the_right_to_change(client, django_user_model, article):
    viewer = django_user_model.objects.create_user("viewer", password="x-long-pass", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(viewer)
    page = client.get(url(article))
    assert page.status_code == 200
    assert "Confirm as current" not in page.content.decode()
    assert client.post(url(article), form_data(page.content.decode())).status_code == 403


def test_query_count_is_pinned(editor_client, db, django_assert_num_queries):
    people = [make_person() for _ in range(3)]
    article = make_article(slug="long", blocks=20, opinions=12, people=people)
    editor_client.get(url(article))
    # Session, user, the Editors group's permissions (user, group), the article,
    # its body blocks, its opinions with their people, the opinions' blocks, the
    # agreed terms of the termbase.
    with django_assert_num_queries(9):
        response = editor_client.get(url(article))
    assert len(unit_rows(response)) == 2 + 20 + 12 * 2 + 3 * 3  # people have no bio
