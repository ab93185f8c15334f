"""The search index follows the content, and both databases agree on words."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from articles.models import Article, Block, Opinion, Person
from search.models import SearchEntry
from search.text import index_text, parse_query, stem, words

from .factories import article_with, make_article, make_person, opinion_with

pytestmark = pytest.mark.django_db


def found(q):
    """Titles (French, else Chinese) of what the public finds for ``q``."""
    entries = SearchEntry.objects.search(parse_query(q))[:100]
    return sorted(e.text.title_fr or e.text.title_zh_hant for e in entries)


def test_a_new_article_is_found_at_once():
    article_with(title_fr="Nouveauté", body=[("Un paragraphe inédit", "全新的段落")])
    assert found("inédit") == ["Nouveauté"]
    assert found("全新") == ["Nouveauté"]


def test_an_edited_title_replaces_the_old_words():
    article = article_with(title_fr="Ancien titre")
    article.title_fr = "Nouveau titre"
    article.save()
    assert found("ancien") == []
    assert found("nouveau") == ["Nouveau titre"]


def test_body_blocks_are_followed_when_added_edited_and_deleted():
    article = article_with(title_fr="Corps", body=[("premier jet", "")])
    block = Block.objects.create(article=article, position=2, text_fr="ajout tardif")
    assert found("tardif") == ["Corps"]
    block.text_fr = "correction finale"
    block.save()
    assert found("tardif") == [] and found("finale") == ["Corps"]
    block.delete()
    assert found("finale") == []
    Block.objects.filter(article=article).delete()  # a queryset delete too
    assert found("jet") == []
    assert found("corps") == ["Corps"]


def test_deleting_an_article_removes_it_and_its_opinions():
    article = article_with(title_fr="Éphémère")
    opinion_with(article, headline_fr="Avis éphémère", body=[("texte éphémère", "")])
    assert SearchEntry.objects.filter(article=article).count() == 2
    article.delete()
    assert found("éphémère") == []
    assert not SearchEntry.objects.filter(kind__in=["article", "opinion"]).exists()


def test_opinions_are_followed_on_save_and_delete():
    article = article_with(title_fr="Hôte")
    opinion = opinion_with(article, headline_fr="Première idée", body=[("détail", "")])
    assert len(found("idée")) == 1
    opinion.headline_fr = "Seconde pensée"
    opinion.save()
    assert found("idée") == [] and len(found("pensée")) == 1
    Block.objects.create(opinion=opinion, position=2, text_fr="complément")
    assert len(found("complément")) == 1
    opinion.delete()
    assert found("pensée") == [] and found("complément") == []


def test_renaming_an_expert_updates_their_opinions():
    person = make_person(name_fr="Jeanne Avant", name_zh_hant="")
    opinion_with(article_with(title_fr="Un article"), person=person, headline_fr="Un avis")
    person.name_fr = "Jeanne Après"
    person.save()
    assert found("avant") == []
    assert found("après") == ["Jeanne Après", "Jeanne Après"]  # the expert and her opinion


def links(q):
    """(link, context) of each result for ``q``, as a French reader sees them."""
    hits = Client().get("/fr/search/", {"q": q}).context["hits"]
    return sorted((hit.url, hit.context) for hit in hits)


def test_result_links_follow_new_slugs_anchors_and_titles():
    person = make_person(slug="ancienne-experte", name_fr="Zoé Lien")
    article = article_with(title_fr="Ancien titre", slug="ancien-lien")
    opinion_with(article, person=person, headline_fr="Lien utile", anchor="ancien-avis")
    assert links("lien") == [
        ("/fr/articles/ancien-lien/#ancien-avis", "Avis dans «\u00a0Ancien titre\u00a0»"),
        ("/fr/experts/ancienne-experte/", ""),
    ]
    article.slug, article.title_fr = "nouveau-lien", "Nouveau titre"
    article.save()
    assert links("lien")[0] == (
        "/fr/articles/nouveau-lien/#ancien-avis",
        "Avis dans «\u00a0Nouveau titre\u00a0»",
    )
    opinion = article.opinions.get()
    opinion.anchor = "nouvel-avis"
    opinion.save()
    person.slug = "nouvelle-experte"
    person.save()
    renamed = [
        ("/fr/articles/nouveau-lien/#nouvel-avis", "Avis dans «\u00a0Nouveau titre\u00a0»"),
        ("/fr/experts/nouvelle-experte/", ""),
    ]
    assert links("lien") == renamed
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert links("lien") == renamed


def test_deleting_an_expert_removes_them():
    make_person(name_fr="Passager", bio_fr="temporaire")
    Person.objects.filter(name_fr="Passager").delete()
    assert found("temporaire") == []


def test_rebuild_search_index_catches_up_with_bulk_changes():
    article = make_article(title_fr="Avant import")
    Article.objects.filter(pk=article.pk).update(title_fr="Importé en masse")
    Block.objects.bulk_create([Block(article=article, position=9, text_fr="silencieux")])
    assert found("silencieux") == []
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "entries" in out.getvalue()
    assert found("silencieux") == ["Importé en masse"]
    assert found("importé") == ["Importé en masse"]
    assert found("avant") == []


def test_generate_corpus_makes_a_searchable_bilingual_corpus():
    call_command("generate_corpus", articles=12, opinions=2, people=5, stdout=io.StringIO())
    articles = Article.objects.filter(slug__startswith="corpus-")
    assert articles.count() == 12
    assert Opinion.objects.filter(article__in=articles).count() == 24
    assert Opinion.objects.exclude(headline_zh_hant="").exists()
    assert SearchEntry.objects.count() == 12 + 24 + 5
    assert SearchEntry.objects.search(parse_query("client")).count() > 0
    assert SearchEntry.objects.search(parse_query("的")).count() > 0
    # bulk_create sends no signals: the command stores the lists' translation status.
    untranslated = articles.filter(title_zh_hant="")
    assert untranslated.exists()
    assert set(untranslated.values_list("missing_zh_hant", flat=True)) == {True}
    assert set(articles.exclude(title_zh_hant="").values_list("missing_fr", flat=True)) == {False}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL")
def test_python_and_postgresql_fold_and_stem_words_alike():
    """SQLite gets its stems from Python; PostgreSQL makes its own with the
    french_unaccent configuration: they must be the same words."""
    text = (
        "Le client a-t-il toujours raison ? Réponses, réponse, RÉPONSES ; clientèle "
        "satisfaite, qualités, Œuvre, cœur, naïveté, Noël, garçons, l'hôtellerie, "
        "aujourd'hui, 2022, B2B, covid19, é2, ÉTÉ, ß, façades, dégâts, marchés, "
        "employées, conseillères, fidélisation, rapidement, heureusement, "
        "顧客永遠是對的嗎？客戶服務。"
    )
    tokens = words(text)
    python = sorted({stem(w) for w in tokens})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_agg(lexeme ORDER BY lexeme) FROM unnest(to_tsvector("
            "'french_unaccent', %s))",
            # What the index hands PostgreSQL: Chinese already folded (text.fold_han).
            [index_text(text, stemmed=False)],
        )
        postgresql = cursor.fetchone()[0]
    assert python == sorted(postgresql)


@pytest.mark.django_db(transaction=True)
def test_rebuild_outside_a_transaction_also_clears_out_the_old_rows():
    # On PostgreSQL the command then vacuums the index tables, which cannot
    # be done inside a transaction (as every other test runs).
    article_with(title_fr="Reconstruit", body=[("Après le ménage", "")])
    call_command("rebuild_search_index", stdout=io.StringIO())
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert found("ménage") == ["Reconstruit"]
    assert SearchEntry.objects.count() == 1


def _count_rows():
    """search_countrow as the capped count reads it, and what it should be."""
    from search.models import CountRow, SearchText

    rows = sorted(
        CountRow.objects.values_list("entry_id", "listed", "sort_date", "document"), key=str
    )
    texts = SearchText.objects.filter(document__isnull=False).values_list(
        "entry_id", "entry__listed", "entry__sort_date", "document"
    )
    return rows, sorted(texts, key=str)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's count rows")
def test_the_count_rows_follow_the_entries_and_their_texts():
    article = article_with(title_fr="Compté", body=[("Un paragraphe compté", "")])
    opinion = opinion_with(article, headline_fr="Avis compté")
    expert = make_person(name_fr="Experte comptée")
    rows, expected = _count_rows()
    assert len(rows) == SearchEntry.objects.count() == 4  # with the two experts
    assert rows == expected
    article.title_fr = "Recompté"  # the texts' vectors change
    article.save()
    assert _count_rows()[0] == _count_rows()[1]
    article.status = Article.Status.DRAFT  # withdrawn: the entries' visibility changes
    article.save()
    rows, expected = _count_rows()
    assert rows == expected and [row[1] for row in rows].count(False) >= 2
    call_command("rebuild_search_index", stdout=io.StringIO())  # bulk insert and update
    assert _count_rows()[0] == _count_rows()[1]
    opinion.delete()
    expert.delete()
    article.delete()
    rows, expected = _count_rows()
    assert rows == expected and len(rows) == SearchEntry.objects.count() == 1


@pytest.mark.parametrize("q", ["compte", "client", "顧客", '"service client"', "absent"])
def test_the_capped_count_counts_the_public_matches(q, monkeypatch):
    """The count (search_capped_count() on PostgreSQL) agrees with the public
    entries the ORM finds: drafts, withdrawn, scheduled articles and unknown
    experts left out, capped at the limit."""
    from search.fulltext import backend_for
    from search.pager import SearchResults

    monkeypatch.setattr(SearchResults, "COUNT_LIMIT", 5)
    people = [make_person(name_fr=f"Client {n}", bio_fr="compte 顧客") for n in range(3)]
    kinds = [
        {},
        {"status": Article.Status.DRAFT},
        {"published_at": timezone.now() + timedelta(days=2)},
        {"published_at": timezone.now() - timedelta(days=30)},
    ]
    for n in range(8):
        article_with(
            title_fr=f"Compte {n}",
            body=[("Le service client compte.", "顧客服務")],
            author=people[n % 2],
            **kinds[n % len(kinds)],
        )
    results = SearchEntry.objects.search(parse_query(q))
    backend = backend_for(connection.alias)
    public = backend.filter(results.public, results.query)
    assert public.count() == len(set(public.values_list("pk", flat=True)))
    every = backend.filter(SearchEntry.objects.all(), results.query).count()
    # Not vacuous: each query but the last matches hidden entries too.
    assert (public.count(), every) == {
        "compte": (6, 11),
        "client": (6, 11),
        "顧客": (6, 11),
        '"service client"': (4, 8),
        "absent": (0, 0),
    }[q]
    for limit in (1, 3, 6, 100):
        assert backend.capped_count(results.public, results.query, results.now, limit) == min(
            limit, public.count()
        )
    assert results.count() == min(5, public.count())
    assert results.capped == (public.count() > 5)
