"""Every translatable unit knows whether its translation is missing, outdated or current,
whoever changed the content."""

from pathlib import Path

import pytest
import reversion
from django.utils import translation
from reversion.models import Version

from articles.fingerprints import TranslationState
from articles.models import Article, Block, Person
from editorial import translation_units as tu
from editorial.summaries import describe

from .factories import make_article

MISSING, OUTDATED, CURRENT = (
    TranslationState.MISSING,
    TranslationState.OUTDATED,
    TranslationState.CURRENT,
)


def units_of(article, target="zh-hant"):
    article = tu.articles_with_units().get(pk=article.pk)
    return {unit.id: unit for unit in tu.article_units(article, target)}


def status_of(obj, field, target="zh-hant"):
    obj.refresh_from_db()
    return tu.Unit(tu.unit_id(obj, field), "block", obj, field, "fr", target).status


@pytest.fixture
def article(db):
    return make_article(blocks=2, opinions=1)


def test_units_cover_the_article_its_blocks_opinions_and_people(article):
    units = units_of(article)
    block = article.blocks.first()
    opinion = article.opinions.get()
    assert f"article:{article.pk}:title" in units
    assert f"block:{block.pk}:text" in units
    assert f"opinion:{opinion.pk}:headline" in units
    assert f"person:{opinion.person_id}:role" in units
    assert f"block:{opinion.blocks.get().pk}:text" in units
    unit = units[f"block:{block.pk}:text"]
    assert (unit.source, unit.target) == (block.text_fr, block.text_zh_hant)
    # Content created with both languages starts current.
    assert {u.status for u in units.values()} == {CURRENT}


def test_the_original_language_is_not_a_target(article):
    assert tu.target_languages(article) == ["zh-hant"]
    article.original_language = "zh-hant"
    assert tu.target_languages(article) == ["fr"]


def test_editing_the_source_outdates_the_translation(article):
    block = article.blocks.first()
    block.text_fr = "Un paragraphe réécrit."
    block.save()
    assert status_of(block, "text") == OUTDATED
    other = article.blocks.last()
    assert status_of(other, "text") == CURRENT


def test_a_whitespace_only_source_edit_keeps_it_current(article):
    block = article.blocks.first()
    block.text_fr = "  " + block.text_fr.replace(" ", "  \n") + "\n"
    block.save()
    assert status_of(block, "text") == CURRENT


def test_saving_the_translation_makes_it_current_again(article):
    block = article.blocks.first()
    block.text_fr = "Un paragraphe réécrit."
    block.save()
    block.text_zh_hant = "改寫過的段落。"
    block.save()
    assert status_of(block, "text") == CURRENT


def test_an_emptied_translation_is_missing(article):
    person = article.opinions.get().person
    person.role_zh_hant = ""
    person.save()
    assert status_of(person, "role") == MISSING


def test_confirming_an_outdated_unit_makes_it_current(article):
    article.title_fr = "Un titre corrigé"
    article.save()
    unit = units_of(article)[f"article:{article.pk}:title"]
    assert unit.status == OUTDATED
    assert unit.previous_source != "Un titre corrigé"
    tu.apply_translations(unit.obj, "zh-hant", confirmed=[unit.id])
    assert status_of(Article.objects.get(pk=article.pk), "title") == CURRENT


def test_apply_translations_saves_with_history_naming_the_language(article, editor_user):
    block = article.blocks.first()
    block.text_fr = "Nouveau texte."
    block.save()
    loaded = tu.articles_with_units().get(pk=article.pk)
    uid = f"block:{block.pk}:text"
    version_before = loaded.version
    with translation.override("fr"):
        changed = tu.apply_translations(
            loaded, "zh-hant", {uid: "新的文字。"}, user=editor_user, loaded_version=version_before
        )
    assert changed == [uid]
    block.refresh_from_db()
    assert block.text_zh_hant == "新的文字。"
    assert status_of(block, "text") == CURRENT
    version = Version.objects.get_for_object(block).first()
    assert version.revision.user == editor_user
    with translation.override("fr"):
        assert describe(version.revision) == "Traduction en chinois traditionnel"
    assert Article.objects.get(pk=article.pk).version == version_before + 1


def test_apply_translations_refuses_a_stale_version(article):
    loaded = tu.articles_with_units().get(pk=article.pk)
    Article.objects.filter(pk=article.pk).update(version=loaded.version + 1)
    block = article.blocks.first()
    with pytest.raises(tu.EditConflict):
        tu.apply_translations(
            loaded, "zh-hant", {f"block:{block.pk}:text": "x"}, loaded_version=loaded.version
        )
    block.refresh_from_db()
    assert block.text_zh_hant != "x"


@pytest.mark.parametrize(
    "unit", ["block:999999:text", "nonsense", "article:1:slug", "person:x:role"], ids=str
)
def test_apply_translations_refuses_unknown_units(article, unit):
    loaded = tu.articles_with_units().get(pk=article.pk)
    with pytest.raises(ValueError):
        tu.apply_translations(loaded, "zh-hant", {unit: "x"})
    assert Article.objects.get(pk=article.pk).version == loaded.version


def test_a_restore_brings_back_the_status_of_the_restored_text(article):
    block = article.blocks.first()
    with reversion.create_revision():
        block.save()
    old = Version.objects.get_for_object(block).first()
    with reversion.create_revision():
        block.text_fr = "Texte modifié."
        block.save()
    assert status_of(block, "text") == OUTDATED
    old.revert()
    assert status_of(block, "text") == CURRENT
    # Restoring the edit again makes it outdated again: the status is recomputed.
    Version.objects.get_for_object(block).first().revert()
    assert status_of(block, "text") == OUTDATED


def test_shell_saves_limited_to_some_fields_record_too(article):
    person = article.opinions.get().person
    person.bio_fr = "Une biographie."
    person.save(update_fields=["bio_fr"])
    assert status_of(person, "bio") == MISSING
    person.bio_zh_hant = "一段簡介。"
    person.save(update_fields=["bio_zh_hant"])
    assert status_of(person, "bio") == CURRENT
    assert Person.objects.get(pk=person.pk).translation_sources["zh_hant"]["bio"]


def test_imported_content_starts_current(db, tmp_path):
    from django.core.management import call_command

    call_command("import_content", verbosity=0)
    articles = list(tu.articles_with_units())
    assert articles
    for article in articles:
        for target in tu.target_languages(article):
            counts = tu.progress(tu.article_units(article, target))
            assert counts.outdated == 0, article.slug
    assert Block.objects.exists()


def test_an_admin_save_of_the_source_outdates_and_of_both_keeps_current(editor_client, article):
    from .editorial_support import open_change_form

    url, data = open_change_form(editor_client, article)
    data["title_fr"] = "Un titre revu dans l’admin"
    data["blocks-0-text_fr"] = "Paragraphe revu."
    data["blocks-0-text_zh_hant"] = "修訂過的段落。"
    response = editor_client.post(url, data)
    assert response.status_code == 302
    units = units_of(article)
    assert units[f"article:{article.pk}:title"].status == OUTDATED
    first = article.blocks.order_by("position", "pk").first()
    assert units[f"block:{first.pk}:text"].status == CURRENT


def test_a_restore_in_the_admin_recomputes_the_status(client, django_user_model):
    from django.urls import reverse

    from editorial.history import versions_of

    from .editorial_support import form_data, make_editor, make_versioned_article, open_change_form

    client.force_login(make_editor(django_user_model))
    article = make_versioned_article(title_fr="Version un", blocks=2)
    first = versions_of(article).first()
    url, data = open_change_form(client, article)
    data.update({"title_fr": "Version deux", "blocks-0-text_fr": "Réécrit."})
    assert client.post(url, data).status_code == 302
    units = units_of(article)
    block = article.blocks.order_by("position", "pk").first()
    assert units[f"article:{article.pk}:title"].status == OUTDATED
    assert units[f"block:{block.pk}:text"].status == OUTDATED

    restore_url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    assert client.post(restore_url, form_data(client.get(restore_url).text)).status_code == 302
    units = units_of(article)
    assert units[f"article:{article.pk}:title"].status == CURRENT
    assert units[f"block:{block.pk}:text"].status == CURRENT


def test_apply_translations_refuses_a_text_too_long_for_its_field(article):
    loaded = tu.articles_with_units().get(pk=article.pk)
    uid = f"article:{article.pk}:title"
    with pytest.raises(ValueError, match=uid):
        tu.apply_translations(loaded, "zh-hant", {uid: "長" * 301})
    assert Article.objects.get(pk=article.pk).title_zh_hant.startswith("文章")


def test_an_import_that_changes_only_the_source_of_a_block_outdates_its_translation(db, tmp_path):
    import shutil

    import yaml
    from django.conf import settings

    from articles.content.sync import import_content

    folder = tmp_path / "content"
    shutil.copytree(Path(settings.BASE_DIR) / "content", folder)
    import_content(folder)
    path = folder / "articles" / "le-client-est-il-roi.yaml"
    data = yaml.safe_load(path.read_text())
    data["body"][0]["fr"] += " Une phrase ajoutée."  # the source only
    data["body"][2]["fr"] += " Encore une."  # and this one with its translation
    data["body"][2]["zh-hant"] += "又一句。"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    import_content(folder)

    article = tu.articles_with_units().get(slug="le-client-est-il-roi")
    blocks = article.body_blocks()
    assert status_of(blocks[0], "text") == OUTDATED
    assert status_of(blocks[2], "text") == CURRENT
    assert status_of(blocks[1], "text") == CURRENT
