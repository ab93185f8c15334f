"""Turning articles, opinions and experts into search entries.

Article: title / standfirst / body blocks. Opinion: the expert's name /
the opinion's headline / its blocks. Expert: name / role and organisation / bio.
Those are the three ranked fields: title, headline, body.

Every language of ``models.index_languages()`` has its columns; a derived
language's (zh-hans) hold a text only where an editor overrode some of it: the
rest is converted from the source language when shown (see models.own).
"""

import contextlib
import contextvars
from types import SimpleNamespace

from django.db import transaction
from django.db.models import F, Min

from articles.languages import registry
from articles.models import Article, Opinion, Person

from . import fulltext
from .models import FIELDS, SearchEntry, SearchText, index_languages
from .text import index_pairs, index_text


def _texts(get):
    """{title_fr: …, …} from ``get(field, language)``, for every indexed language."""
    return {
        language.field(field): get(field, language) or ""
        for field in FIELDS
        for language in index_languages()
    }


def _value(obj, name, language):
    """``obj.name`` as the index keeps it in ``language``: a derived language's
    column holds the editor's override, usually empty."""
    return getattr(obj, language.field(name), "") or ""


def _composed(parts, language, separator):
    """Several texts shown as one (an article's blocks, a role and organisation).
    ``parts``: [(obj, name)]. In a derived language, empty unless a part is
    overridden; then the whole, overridden parts and converted others, as shown."""
    texts = [_value(obj, name, language) for obj, name in parts]
    if language.derived:
        if not any(texts):
            return ""
        source = registry().source(language)
        texts = [
            text or language.convert(_value(obj, name, source))
            for text, (obj, name) in zip(texts, parts, strict=True)
        ]
    return separator.join(t for t in texts if t)


def _join(blocks, language):
    return _composed([(block, "text") for block in blocks], language, "\n\n")


def listed(status, published_at):
    """Whether an article's entries may be found (from published_at on)."""
    return status == Article.Status.PUBLISHED and published_at is not None


def from_article(article):
    """What every entry of an article copies from it, to be shown and
    filtered without a join: its date, visibility, slug and title."""
    return {
        "sort_date": article.published_at,
        "listed": listed(article.status, article.published_at),
        "slug": article.slug,
        **{
            language.field("article_title"): _value(article, "title", language)
            for language in index_languages()
        },
    }


def article_values(article, blocks):
    fields = {"title": "title", "headline": "standfirst"}
    return {
        "kind": SearchEntry.Kind.ARTICLE,
        "article": article,
        **from_article(article),
        **_texts(
            lambda field, language: (
                _join(blocks, language)
                if field == "body"
                else _value(article, fields[field], language)
            )
        ),
    }


def opinion_values(opinion, blocks, article):
    """``article``: the opinion's, or any object with the fields from_article() reads."""
    person = opinion.person
    return {
        "kind": SearchEntry.Kind.OPINION,
        "article_id": opinion.article_id,
        "opinion": opinion,
        "person": person,
        "anchor": opinion.anchor,
        **from_article(article),
        **_texts(
            lambda field, language: {
                "title": lambda: _value(person, "name", language),
                "headline": lambda: _value(opinion, "headline", language),
                "body": lambda: _join(blocks, language),
            }[field]()
        ),
    }


def first_public_dates(using, person_ids=None):
    """{person pk: when their first published article (quoted or authored) came
    out}; people with none are missing: the public does not know them yet."""
    published = Article.objects.using(using).filter(
        status=Article.Status.PUBLISHED, published_at__isnull=False
    )
    firsts = {}
    for link in ("opinions__person", "author"):
        rows = published.filter(**{f"{link}__isnull": False})
        if person_ids is not None:
            rows = rows.filter(**{f"{link}__in": person_ids})
        for pk, first in rows.values_list(link).annotate(first=Min("published_at")).order_by():
            firsts[pk] = min(first, firsts.get(pk, first))
    return firsts


def _person_visibility(first_public):
    # As for an article: listed once an article makes them public, found from
    # that date on (a scheduled article's expert appears with it).
    return {"listed": first_public is not None, "sort_date": first_public}


def refresh_people(person_ids, using="default"):
    """Bring the experts' entries in line with their articles' publication."""
    person_ids = {pk for pk in person_ids if pk is not None}
    if not person_ids:
        return
    firsts = first_public_dates(using, person_ids)
    entries = SearchEntry.objects.using(using).filter(kind=SearchEntry.Kind.PERSON)
    for pk in sorted(person_ids):
        entries.filter(person_id=pk).update(**_person_visibility(firsts.get(pk)))


def person_values(person, first_public=None):
    def role(language):
        return _composed([(person, "role"), (person, "organisation")], language, " · ")

    return {
        "kind": SearchEntry.Kind.PERSON,
        "person": person,
        "slug": person.slug,
        **_person_visibility(first_public),
        **_texts(
            lambda field, language: {
                "title": lambda: _value(person, "name", language),
                "headline": lambda: role(language),
                "body": lambda: _value(person, "bio", language),
            }[field]()
        ),
    }


def with_terms(values, backend):
    """Add the full-text terms: every language of each field (overrides
    included), one line each."""
    languages = index_languages()
    for field in FIELDS:
        texts = (values[language.field(field)] for language in languages)
        values[f"{field}_terms"] = "\n".join(index_text(t, backend.stemmed) for t in texts if t)
        if backend.indexes_pairs:
            values[f"{field}_pairs"] = index_pairs(values[f"{field}_terms"], backend.stemmed)
    return values


ENTRY_FIELDS = (
    "article",
    "article_id",
    "opinion",
    "person",
    "sort_date",
    "listed",
    "slug",
    "anchor",
)


def _entry_fields():
    return ENTRY_FIELDS + tuple(language.field("article_title") for language in index_languages())


def _split(values):
    """(entry fields, text fields) of what *_values() returned."""
    entry = {key: values.pop(key) for key in _entry_fields() if key in values}
    entry["kind"] = values.pop("kind")
    return entry, values


def _save(values, using):
    backend = fulltext.backend_for(using)
    entry_values, text_values = _split(values)
    kind = entry_values.pop("kind")
    owner = {kind: entry_values.pop(kind)}  # the kinds are named after their owner's field
    entry, _created = SearchEntry.objects.using(using).update_or_create(
        kind=kind, **owner, defaults=entry_values
    )
    text_values = with_terms(text_values, backend)
    text_values.update(backend.vectors(text_values))
    SearchText.objects.using(using).update_or_create(entry=entry, defaults=text_values)


def index_article(article, using="default"):
    _save(article_values(article, list(article.blocks.using(using).all())), using)
    # Its opinions copy the same fields.
    SearchEntry.objects.using(using).filter(article=article).update(**from_article(article))
    # Publishing or withdrawing it shows or hides its experts.
    people = set(
        Opinion.objects.using(using).filter(article=article).values_list("person_id", flat=True)
    )
    refresh_people(people | {article.author_id}, using)


def index_opinion(opinion, using="default"):
    blocks = list(opinion.blocks.using(using).all())
    _save(opinion_values(opinion, blocks, opinion.article), using)
    refresh_people({opinion.person_id}, using)


def _article_fields():
    """What from_article() reads, read with each opinion."""
    titles = (language.field("title") for language in index_languages())
    return ("status", "published_at", "slug", *titles)


def _with_article_fields(opinions):
    fields = {f"article_{name}": F(f"article__{name}") for name in _article_fields()}
    return opinions.annotate(**fields)


def _opinion_values(opinion):
    """opinion_values() of an opinion from _with_article_fields(), blocks prefetched."""
    fields = {name: getattr(opinion, f"article_{name}") for name in _article_fields()}
    article = SimpleNamespace(**fields)
    return opinion_values(opinion, list(opinion.blocks.all()), article)


def index_person(person, using="default"):
    _save(person_values(person, first_public_dates(using, [person.pk]).get(person.pk)), using)
    # An opinion's entry carries its expert's name.
    opinions = _with_article_fields(Opinion.objects.using(using).filter(person=person))
    opinions = opinions.prefetch_related("blocks")
    for opinion in opinions:
        opinion.person = person
        _save(_opinion_values(opinion), using)


def index_block_owner(block, using="default"):
    if block.article_id:
        article = Article.objects.using(using).filter(pk=block.article_id).first()
        if article:
            index_article(article, using)
    elif block.opinion_id:
        opinion = (
            Opinion.objects.using(using)
            .select_related("person")
            .filter(pk=block.opinion_id)
            .first()
        )
        if opinion:
            index_opinion(opinion, using)


# Inside deferred(): {(database, kind): {pk, ...}} of what awaits re-indexing.
_pending = contextvars.ContextVar("search_pending", default=None)


@contextlib.contextmanager
def deferred():
    """Re-index each changed article, opinion and expert once, on leaving.

    Inside, saves and deletes (through signals.py) only note what they
    touch: saving an article and its blocks one by one would otherwise
    re-index the article after every block. The outermost block re-indexes
    them from the database as it then is (anything deleted meanwhile has
    lost its entry with it). If the block raises, nothing is re-indexed:
    use it inside the transaction that the error rolls back.
    """
    if _pending.get() is not None:  # nested: the outermost one re-indexes
        yield
        return
    token = _pending.set({})
    try:
        yield
        pending = _pending.get()
    finally:
        _pending.reset(token)
    for (using, kind), pks in pending.items():
        with transaction.atomic(using=using):
            _PENDING_HANDLERS[kind](pks, using, pending)


def defer(kind, pk, using):
    """Note ``kind`` ("article", "opinion", "person") ``pk`` for deferred()'s
    exit; False (nothing noted) outside deferred()."""
    pending = _pending.get()
    if pending is None:
        return False
    pending.setdefault((using, kind), set()).add(pk)
    return True


def _index_articles(pks, using, pending):
    for article in Article.objects.using(using).filter(pk__in=pks).order_by("pk"):
        index_article(article, using)


def _index_opinions(pks, using, pending):
    # index_person() has already re-indexed the opinions of changed experts.
    people = pending.get((using, "person"), set())
    opinions = Opinion.objects.using(using).select_related("person", "article")
    for opinion in opinions.filter(pk__in=pks).exclude(person__in=people).order_by("pk"):
        index_opinion(opinion, using)


def _index_people(pks, using, pending):
    for person in Person.objects.using(using).filter(pk__in=pks).order_by("pk"):
        index_person(person, using)


_PENDING_HANDLERS = {
    "person": _index_people,
    "article": _index_articles,
    "opinion": _index_opinions,
}


def _all_values(using, chunk_size):
    articles = Article.objects.using(using).prefetch_related("blocks").order_by("pk")
    for article in articles.iterator(chunk_size=chunk_size):
        yield article_values(article, list(article.blocks.all()))
    opinions = _with_article_fields(Opinion.objects.using(using).select_related("person"))
    opinions = opinions.prefetch_related("blocks").order_by("pk")
    for opinion in opinions.iterator(chunk_size=chunk_size):
        yield _opinion_values(opinion)
    firsts = first_public_dates(using)
    for person in Person.objects.using(using).order_by("pk").iterator(chunk_size=chunk_size):
        yield person_values(person, firsts.get(person.pk))


def rebuild(using="default", chunk_size=1000):
    """Rebuild the whole index from the content; returns the number of entries."""
    backend = fulltext.backend_for(using)
    count = 0
    with transaction.atomic(using=using):
        SearchText.objects.using(using).all().delete()
        SearchEntry.objects.using(using).all().delete()
        batch = []
        for values in _all_values(using, chunk_size):
            batch.append(_split(values))
            if len(batch) >= chunk_size:
                count += _bulk_save(batch, backend, using)
                batch = []
        count += _bulk_save(batch, backend, using)
        backend.after_rebuild(SearchText.objects.using(using))
    if not transaction.get_connection(using).in_atomic_block:
        backend.reclaim_space(using)  # not possible inside a transaction
    return count


def _bulk_save(batch, backend, using):
    entries = SearchEntry.objects.using(using).bulk_create(
        [SearchEntry(**entry_values) for entry_values, _t in batch]
    )
    SearchText.objects.using(using).bulk_create(
        [
            SearchText(entry=entry, **with_terms(text_values, backend))
            for entry, (_e, text_values) in zip(entries, batch, strict=True)
        ]
    )
    return len(entries)
