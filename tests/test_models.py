"""The content model: translations side by side, fallback, publication rules."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from articles.models import Article, Block, Opinion, Stance

from .factories import make_article, make_person

pytestmark = pytest.mark.django_db


def test_both_languages_live_in_the_same_row():
    article = make_article(title_fr="Le client", title_zh_hant="顧客")
    row = Article.objects.values("title_fr", "title_zh_hant").get(pk=article.pk)
    assert row == {"title_fr": "Le client", "title_zh_hant": "顧客"}


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "Le client"), ("zh-hant", "顧客")],
    ids=["french", "chinese"],
)
def test_title_follows_the_active_language(language, expected):
    article = make_article(title_fr="Le client", title_zh_hant="顧客")
    with translation.override(language):
        assert Article.objects.get(pk=article.pk).title == expected


def test_missing_chinese_falls_back_to_french_not_blank():
    article = make_article(standfirst_fr="Un chapeau", standfirst_zh_hant="")
    with translation.override("zh-hant"):
        assert Article.objects.get(pk=article.pk).standfirst == "Un chapeau"


def test_missing_french_falls_back_to_chinese():
    article = make_article(title_fr="", title_zh_hant="只有中文", slug="zh-only")
    with translation.override("fr"):
        assert Article.objects.get(pk=article.pk).title == "只有中文"


def test_published_excludes_drafts_and_scheduled_articles():
    visible = make_article()
    make_article(status=Article.Status.DRAFT)
    make_article(published_at=timezone.now() + timedelta(days=1))
    assert list(Article.objects.published()) == [visible]


def test_translation_status_flags_an_untranslated_paragraph():
    complete = make_article()
    incomplete = make_article()
    Block.objects.create(article=incomplete, position=9, text_fr="Seulement en français")
    status = {a.pk: (a.missing_fr, a.missing_zh_hant) for a in Article.objects.all()}
    assert status[complete.pk] == (False, False)
    assert status[incomplete.pk] == (False, True)


def test_translation_status_sees_untranslated_opinion_text():
    article = make_article(opinions=1)
    opinion = article.opinions.get()
    Block.objects.create(opinion=opinion, position=2, text_zh_hant="只有中文的段落")
    annotated = Article.objects.get(pk=article.pk)
    assert (annotated.missing_fr, annotated.missing_zh_hant) == (True, False)


def test_stored_translation_status_follows_every_save_and_delete():
    article = make_article(opinions=1)
    opinion = article.opinions.get()

    def status():
        return Article.objects.values_list("missing_fr", "missing_zh_hant").get(pk=article.pk)

    assert status() == (False, False)
    block = Block.objects.create(article=article, position=9, text_fr="Seulement en français")
    assert status() == (False, True)
    block.text_zh_hant = "現在有中文了"
    block.save()
    assert status() == (False, False)
    in_opinion = Block.objects.create(opinion=opinion, position=5, text_zh_hant="只有中文")
    assert status() == (True, False)
    in_opinion.delete()
    assert status() == (False, False)
    opinion.headline_fr, opinion.headline_zh_hant = "Un titre", ""
    opinion.save()
    assert status() == (False, True)
    opinion.delete()
    assert status() == (False, False)
    article.standfirst_zh_hant = ""
    article.save()
    assert status() == (False, True)


def test_urls_and_labels():
    article = make_article(slug="le-client-roi", opinions=1)
    opinion = article.opinions.get()
    with translation.override("fr"):
        assert article.get_absolute_url() == "/fr/articles/le-client-roi/"
        assert opinion.get_absolute_url() == f"/fr/articles/le-client-roi/#{opinion.anchor}"
        assert str(article) == article.title_fr
    with translation.override("zh-hant"):
        assert article.get_absolute_url() == "/zh-hant/articles/le-client-roi/"
        assert opinion.person.get_absolute_url().startswith("/zh-hant/experts/")


def test_an_anchor_is_unique_within_an_article():
    article = make_article()
    person = make_person()
    Opinion.objects.create(article=article, person=person, anchor="x", stance=Stance.NO)
    with pytest.raises(IntegrityError), transaction.atomic():
        Opinion.objects.create(article=article, person=person, anchor="x", stance=Stance.YES)


def test_a_block_belongs_to_exactly_one_owner():
    with pytest.raises(IntegrityError), transaction.atomic():
        Block.objects.create(text_fr="orphelin")


def test_a_stance_outside_the_choices_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(stance="maybe")


@pytest.mark.parametrize(
    ("model", "fields"),
    [(Article, {"status": "archived"}), (Block, {"kind": "table"})],
    ids=["article-status", "block-kind"],
)
def test_a_status_or_kind_outside_the_choices_is_refused(model, fields):
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        if model is Article:
            Article.objects.filter(pk=article.pk).update(**fields)
        else:
            Block.objects.create(article=article, text_fr="x", **fields)
