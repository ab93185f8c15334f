"""indexing.deferred(): each changed object is re-indexed once, on leaving the block."""

from unittest import mock

import pytest
from django.db import transaction

from articles.models import Article, Block, Opinion
from search import indexing
from search.models import SearchEntry
from search.text import parse_query

from .factories import make_article, make_person

pytestmark = pytest.mark.django_db


def found(q):
    entries = SearchEntry.objects.search(parse_query(q))[:100]
    return sorted(e.text.title_fr for e in entries)


def test_an_article_saved_with_its_blocks_is_indexed_once_on_leaving():
    with mock.patch.object(indexing, "index_article", wraps=indexing.index_article) as index:
        with indexing.deferred():
            article = make_article(blocks=0, title_fr="Lot")
            for position in range(1, 4):
                Block.objects.create(article=article, position=position, text_fr="différé")
            assert found("différé") == []  # not yet
        assert index.call_count == 1
    assert found("différé") == ["Lot"]


def test_nested_blocks_reindex_when_the_outermost_ends():
    with indexing.deferred():
        with indexing.deferred():
            make_article(blocks=0, title_fr="Imbriqué")
        assert found("imbriqué") == []
    assert found("imbriqué") == ["Imbriqué"]


def test_what_is_deleted_inside_leaves_no_entry():
    kept = make_article(blocks=2, title_fr="Gardé")
    with indexing.deferred():
        gone = make_article(blocks=2, opinions=1, title_fr="Supprimé")
        Block.objects.filter(article=kept).delete()
        Block.objects.create(article=gone, position=9, text_fr="éphémère")
        gone_pk = gone.pk
        gone.delete()
    assert not SearchEntry.objects.filter(article_id=gone_pk).exists()
    assert found("supprimé") == []
    assert found("paragraphe") == []  # the kept article's blocks went from its entry too
    assert found("gardé") == ["Gardé"]


def test_an_expert_renamed_inside_is_renamed_in_every_opinion():
    person = make_person(name_fr="Ancien Nom")
    articles = [make_article(opinions=1, people=[person]) for _ in range(2)]
    with mock.patch.object(indexing, "index_opinion", wraps=indexing.index_opinion) as index:
        with indexing.deferred():
            person.name_fr = "Nouveau Nom"
            person.save()
            for opinion in Opinion.objects.filter(article__in=articles):
                opinion.headline_fr = "Revu"
                opinion.save()
        assert index.call_count == 0  # index_person re-indexed them
    assert found("nouveau nom") == ["Nouveau Nom"] * 3  # the expert and two opinions
    assert found("ancien") == []


def test_nothing_is_reindexed_when_the_block_fails():
    article = make_article(title_fr="Avant")
    with pytest.raises(RuntimeError), transaction.atomic(), indexing.deferred():
        Article.objects.filter(pk=article.pk).update(title_fr="Pendant")
        article.refresh_from_db()
        article.save()
        raise RuntimeError
    assert found("avant") == ["Avant"]
    assert found("pendant") == []


def test_outside_a_block_each_save_is_indexed_at_once():
    article = make_article(blocks=0, title_fr="Direct")
    Block.objects.create(article=article, position=1, text_fr="immédiat")
    assert found("immédiat") == ["Direct"]
