"""The search index: one denormalised row per article, opinion and expert.

Each row holds both languages, so a query mixing French and Chinese words
finds an article whose French text has the one and Chinese text the other.
The ``*_terms`` and ``*_pairs`` columns are what the database's full-text
engine indexes: an FTS5 table over them on SQLite, the ``document`` tsvector
on PostgreSQL (see migrations/0002_fulltext.py, 0009_sqlite_pairs.py and
fulltext.py).

Languages: the index has a column of each text per language that has content
columns (``index_languages()``; tests/test_search_index.py checks that every
one has them). A derived language's column (zh-hans) is filled only where an
editor overrode part of the text; otherwise the reader's text is converted
from its source's column when shown, as the reading pages do.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.languages import registry
from articles.models import Article, Opinion, Person

from .pager import SearchResults

# The ranked fields of an entry: title, headline, body (see indexing.py).
FIELDS = ("title", "headline", "body")


def index_languages():
    """The languages the index keeps texts of: the enabled ones whose content has
    columns (a language enabled later, as a test may do, has none)."""
    return [language for language in registry() if language.has_columns]


class SearchEntryQuerySet(models.QuerySet):
    def public(self, now=None):
        """Entries the public may find: experts, and what belongs to a published
        article. The date is checked at query time, so a scheduled article
        appears when its time comes without re-indexing."""
        # Both are columns of the entry (kept in step by indexing.py): no join
        # with the articles, whose visible set would otherwise be built each time.
        return self.filter(listed=True).filter(
            Q(sort_date__isnull=True) | Q(sort_date__lte=now or timezone.now())
        )

    def search(self, query, now=None):
        """What the public finds for ``query`` (a text.Query): entries matching
        every phrase, best first (see SearchResults). Searches every entry:
        visibility is applied here, not by chaining ``public()``."""
        return SearchResults(self.model.objects.using(self.db), query, now or timezone.now())

    def newest_first(self, *before):
        """Experts, then articles, then opinions; the newest article first
        (after the ordering expressions ``before``, if any)."""
        return self.order_by(
            *before,
            models.Case(
                models.When(kind=SearchEntry.Kind.PERSON, then=0),
                models.When(kind=SearchEntry.Kind.ARTICLE, then=1),
                default=2,
            ),
            F("sort_date").desc(nulls_last=True),
            "pk",
        )

    def with_texts(self):
        """What a result shows: its texts (not the engine's fields) and links."""
        languages = index_languages()
        shown = [f"text__{language.field(name)}" for name in FIELDS for language in languages]
        titles = [language.field("article_title") for language in languages]
        links = ["kind", "slug", "anchor", *titles]
        return self.select_related("text").only(*links, *shown)


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        OPINION = "opinion", _("Opinion")
        PERSON = "person", _("Expert")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # The article an entry belongs to decides who may find it (an opinion
    # belongs to its article); experts have none and are always public.
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    opinion = models.ForeignKey(
        Opinion, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Copied from the article (indexing.py keeps them in step) so that
    # filtering and sorting thousands of matches needs no join: its
    # publication date, and whether it is published at all (experts always are).
    sort_date = models.DateTimeField(null=True, blank=True)
    listed = models.BooleanField(default=True)
    # What a result links to and says, copied likewise so that a page of
    # results joins no other table: the slug of the article (or expert),
    # the opinion's anchor, and, for an opinion, its article's title.
    slug = models.CharField(max_length=200, blank=True)
    anchor = models.CharField(max_length=100, blank=True)
    # One per language of index_languages(): zh-hans only when overridden.
    article_title_fr = models.TextField(blank=True)
    article_title_zh_hant = models.TextField(blank=True)
    article_title_zh_hans = models.TextField(blank=True)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        constraints = [
            models.UniqueConstraint(
                fields=["article"], condition=Q(kind="article"), name="search_one_entry_per_article"
            ),
            models.UniqueConstraint(
                fields=["opinion"], condition=Q(kind="opinion"), name="search_one_entry_per_opinion"
            ),
            models.UniqueConstraint(
                fields=["person"], condition=Q(kind="person"), name="search_one_entry_per_person"
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.pk}"

    def get_absolute_url(self):
        """The indexed page, from the copied slug and anchor (with no query)."""
        if self.kind == self.Kind.PERSON:
            return Person.url_for(self.slug)
        if self.kind == self.Kind.OPINION:
            return Opinion.url_for(self.slug, self.anchor)
        return Article.url_for(self.slug)


class SearchText(models.Model):
    """The texts of an entry, kept apart so that the entry table stays narrow
    (a query filters and sorts thousands of entries, but reads ten texts)."""

    # Fields only the full-text engine reads.
    ENGINE_FIELDS = (
        "title_terms",
        "headline_terms",
        "body_terms",
        "document",
        "title_document",
        "headline_document",
        "title_pairs",
        "headline_pairs",
        "body_pairs",
    )

    entry = models.OneToOneField(
        SearchEntry, on_delete=models.CASCADE, primary_key=True, related_name="text"
    )
    # The texts as written, per language of index_languages(): shown and
    # highlighted in results. zh-hans: only where an editor overrode the
    # derived text (else empty: converted from zh-hant when shown).
    title_fr = models.TextField(blank=True)
    title_zh_hant = models.TextField(blank=True)
    title_zh_hans = models.TextField(blank=True)
    headline_fr = models.TextField(blank=True)
    headline_zh_hant = models.TextField(blank=True)
    headline_zh_hans = models.TextField(blank=True)
    body_fr = models.TextField(blank=True)
    body_zh_hant = models.TextField(blank=True)
    body_zh_hans = models.TextField(blank=True)
    # Every language's words (Chinese folded to one script, see text.py), as
    # handed to the full-text engine (stemmed on SQLite; PostgreSQL stems
    # them itself into ``document``).
    title_terms = models.TextField(blank=True)
    headline_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    # Each field's adjacent stem pairs (text.index_pairs), indexed as extra
    # tokens so that a two-word phrase is one token: in PostgreSQL's GIN index
    # (which has no positions), in FTS5 columns of their own on SQLite.
    title_pairs = models.TextField(blank=True)
    headline_pairs = models.TextField(blank=True)
    body_pairs = models.TextField(blank=True)
    # PostgreSQL only: every field, and the title and headline alone.
    document = SearchVectorField(null=True, editable=False)
    title_document = SearchVectorField(null=True, editable=False)
    headline_document = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search index text")
        verbose_name_plural = _("search index texts")

    def __str__(self):
        return next(filter(None, (self.get("title", lang) for lang in index_languages())), "")

    def get(self, field, language):
        """A field's text for a reader of ``language`` (a Language), no fallback:
        for a derived language, the override, else its source's text converted."""
        return own(self, field, language)


class CountRow(models.Model):
    """PostgreSQL only (empty on SQLite): what the capped count of a search
    reads, one row per entry with a document vector, kept in step with the
    entries and their texts by triggers (migrations/0010_count_rows.py).

    The document vector again, stored out of line, with the entry's
    visibility: counting the first 1,001 matches of a common word then reads
    a few narrow pages under the GIN index's bitmap, where search_searchtext
    (its vectors inline, for the walks in result order) gives a page or two
    per match, and the entries a lookup per match.
    """

    entry = models.OneToOneField(
        SearchEntry,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    listed = models.BooleanField(default=True)
    sort_date = models.DateTimeField(null=True, blank=True)
    document = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("search count row")
        verbose_name_plural = _("search count rows")

    def __str__(self):
        return f"count row of {self.entry_id}"


def own(row, field, language):
    """``field`` of ``row`` (a SearchText, or for "article_title" a SearchEntry) in
    ``language``: for a derived language, the override, else the converted source."""
    value = getattr(row, language.field(field)) or ""
    if value or language.stored:
        return value
    return language.convert(getattr(row, registry().source(language).field(field)) or "")


class FullTextColumn(models.TextField):
    """FTS5's hidden column named after its table: the left side of MATCH."""


@FullTextColumn.register_lookup
class Match(models.Lookup):
    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class FullTextRow(models.Model):
    """SQLite only: a row of the FTS5 table ``search_fts`` (migrations/0002),
    whose rowid is its entry's id. Joined to the entries, the matches of a
    common word stream from the full-text index and a count stops at its
    limit; ``id IN (matches)`` would first collect all of them."""

    entry = models.OneToOneField(
        SearchEntry,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="fulltext",
    )
    document = FullTextColumn(db_column="search_fts")

    class Meta:
        managed = False
        db_table = "search_fts"

    def __str__(self):
        return f"full text of {self.entry_id}"


class ZeroResultQueryQuerySet(models.QuerySet):
    def record(self, query, language):
        """Count one more search for ``query`` that found nothing."""
        now = timezone.now()
        matching = self.filter(query=query, language=language)
        if matching.update(count=F("count") + 1, last_seen=now):
            return
        # Bounded: once full, only the searches already listed are counted.
        if self.count() >= settings.SEARCH_LOG_MAX_ROWS:
            return
        try:
            with transaction.atomic(using=self.db):
                self.create(query=query, language=language, last_seen=now)
        except IntegrityError:  # created meanwhile by a concurrent request
            matching.update(count=F("count") + 1, last_seen=now)


class ZeroResultQuery(models.Model):
    """A search that found nothing: what readers look for and the site lacks."""

    query = models.CharField(_("query"), max_length=200)
    language = models.CharField(_("reader's language"), max_length=10)
    count = models.PositiveIntegerField(_("searches"), default=1)
    first_seen = models.DateTimeField(_("first searched"), auto_now_add=True)
    last_seen = models.DateTimeField(_("last searched"), default=timezone.now)

    objects = ZeroResultQueryQuerySet.as_manager()

    class Meta:
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")
        ordering = ["-count", "-last_seen"]
        constraints = [
            models.UniqueConstraint(fields=["query", "language"], name="zero_result_query_unique")
        ]

    def __str__(self):
        return self.query
