"""Each database's own full-text machinery behind one small interface.

SQLite: an FTS5 table ``search_fts`` over the ``*_terms`` and ``*_pairs``
columns, kept in step with ``search_searchtext`` by triggers (its rowid is the
entry's id; see migrations/0009_sqlite_pairs.py).
PostgreSQL: the ``document`` tsvector (title weighted A, headline B, body C)
under a GIN index, and small ``title_document`` and ``headline_document``
vectors for ranking, built with the ``french_unaccent`` configuration. Both are
created by migrations/0002_fulltext.py. The capped count reads a copy of the
document in ``search_countrow`` (migrations/0010_count_rows.py).

Reader input never reaches either query syntax: queries are built from the
words of a ``text.Query``, each quoted for FTS5, or passed as a parameter to
``phraseto_tsquery`` for PostgreSQL.
"""

from django.contrib.postgres.search import SearchQueryField, SearchVector, SearchVectorField
from django.db import connections
from django.db.models import BooleanField, Case, F, Func, TextField, Value, When
from django.db.models.expressions import RawSQL

from .text import PAIR_JOINER, pairs

CONFIG = "french_unaccent"
_GAP = "kbfieldgap"
_GIN_INDEXES = ("search_text_document_gin", "search_text_title_gin", "search_text_headline_gin")
# search_countrow's, one per partition (migrations/0010_count_rows.py).
_CLEAN_COUNT_INDEXES = (
    "SELECT gin_clean_pending_list(inhrelid::regclass) FROM pg_inherits "
    "WHERE inhparent = 'search_count_document_gin'::regclass"
)
_FTS_ROWIDS = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
WEIGHTS = {"title_terms": "A", "headline_terms": "B", "body_terms": "C"}
# SearchEntryQuerySet.newest_first() in SQL, as the search_entry_result_order
# index has it (SQLite sorts NULLs first, so DESC puts them last).
_RESULT_ORDER = (
    "CASE WHEN kind = 'person' THEN 0 WHEN kind = 'article' THEN 1 ELSE 2 END, sort_date DESC, id"
)


def backend_for(using):
    vendor = connections[using].vendor
    if vendor == "sqlite":
        return SQLiteBackend()
    if vendor == "postgresql":
        return PostgreSQLBackend()
    raise NotImplementedError(f"Search does not support the {vendor} database.")


def _fts_phrase(stems, field=None):
    """A phrase for FTS5, in ``field``'s columns if given: two words as their
    pair token (one token's list to read: FTS5 would otherwise compare the
    positions of every row holding both words, 594 matches of
    ``"service client"`` among 26,000 rows with ``client``), other lengths as a
    phrase of words. The column filter names one column: FTS5 checks two
    columns more slowly (a title tier of ``client`` 1.7 -> 2.1 ms)."""
    if len(stems) == 2:
        column, phrase = "pairs", f'"{PAIR_JOINER.join(stems)}"'
    else:
        column, phrase = "terms", f'"{" ".join(stems)}"'
    return f"{{{field}_{column}}} : {phrase}" if field else phrase


class SQLiteBackend:
    # FTS5 has no French stemmer: the terms are stemmed in Python.
    stemmed = True
    # Each field's stem pairs are indexed too (in their own FTS5 columns,
    # tokenised with "_" as part of a token): a two-word phrase is one token.
    indexes_pairs = True

    def _expression(self, query, field=None):
        # Every word is quoted, so nothing typed is read as FTS5 syntax; the
        # words are letters and digits only, so they cannot hold a quote (nor
        # the pair joiner: a single word never matches a pair). A phrase with
        # several spellings (Chinese vocabulary) matches any one.
        return " AND ".join(
            "(" + " OR ".join(_fts_phrase(spelling, field) for spelling in spellings) + ")"
            if len(spellings) > 1
            else _fts_phrase(spellings[0], field)
            for spellings in query.stemmed_alternatives
        )

    def filter(self, queryset, query):
        return queryset.filter(fulltext__document__match=self._expression(query))

    def capped_count(self, public, query, now, limit):
        """How many of ``public`` (the public entries at ``now``) match, up to ``limit``."""
        return self.filter(public, query)[:limit].count()

    # The first public entries in result order that first_excluding() checks
    # one by one before it sorts every match.
    WINDOW = 50

    def _excluding(self, query, excluded):
        return f"({self._expression(query)}) NOT ({self._expression(excluded)})"

    def filter_excluding(self, queryset, query, excluded):
        """Entries matching ``query`` but not ``excluded``, in one FTS5 expression:
        FTS5 merges the two lists of matches, where ``NOT IN`` (the matches of
        ``excluded``) would first collect every match of a common word."""
        return queryset.filter(fulltext__document__match=self._excluding(query, excluded))

    def first_excluding(self, public, query, excluded, limit):
        """Ids among which the first ``limit`` of ``filter_excluding()`` in
        ``newest_first()`` order are (the caller sorts and slices).

        Sorting every match of a common word is slow here (22,000 entries for
        ``client``: 8 ms), and SQLite's plan for a LIMIT starts from the FTS5
        matches. So the first WINDOW public entries in result order (an index
        walk) are each looked up in FTS5 by rowid (CROSS JOIN keeps that join
        order): they come before every other entry, so if ``limit`` of them
        match, those are the answer. Only otherwise are all matches sorted: the
        LIMIT of that part is 0 then, which SQLite checks before it starts."""
        expression = self._excluding(query, excluded)

        def sql(queryset):
            return queryset.query.get_compiler(public.db).as_sql()

        # The order of newest_first() with its values written out: bound as
        # parameters, they would not match the index's expression.
        window, window_params = sql(public.values("id", "kind", "sort_date"))
        window += f" ORDER BY {_RESULT_ORDER} LIMIT {self.WINDOW}"
        matches = self.filter_excluding(public, query, excluded)
        every, every_params = sql(matches.newest_first().values("pk"))
        # The ORM's SQL and constants only: every value is a parameter.
        first = (
            f"WITH hits AS (SELECT w.id AS pk FROM ({window}) w CROSS JOIN search_fts f "  # noqa: S608
            f"ON f.rowid = w.id WHERE f.search_fts MATCH %s ORDER BY {_RESULT_ORDER} LIMIT %s) "
            f"SELECT pk FROM hits UNION ALL SELECT pk FROM ({every} "
            "LIMIT (CASE WHEN (SELECT COUNT(*) FROM hits) < %s THEN %s ELSE 0 END))"
        )
        params = [*window_params, expression, limit, *every_params, limit, limit]
        return RawSQL(first, params)  # noqa: S611

    def tier(self, queryset, query, number):
        """Matches in the title (0), in the headline but not the title (1), elsewhere (2)."""
        every = f"({self._expression(query)})"
        title = f"({self._expression(query, 'title')})"
        headline = f"({self._expression(query, 'headline')})"
        expression = [title, f"{headline} NOT {title}", f"{every} NOT {title} NOT {headline}"]
        return queryset.filter(fulltext__document__match=expression[number])

    def tier_number(self, query):
        """tier()'s number of each entry, as an expression (for few matches)."""
        title = RawSQL(_FTS_ROWIDS, [self._expression(query, "title")])  # noqa: S611
        headline = RawSQL(_FTS_ROWIDS, [self._expression(query, "headline")])  # noqa: S611
        return Case(When(pk__in=title, then=0), When(pk__in=headline, then=1), default=2)

    def vectors(self, values=None):
        return {}  # the triggers index the terms

    def after_rebuild(self, texts):
        """``texts``: every SearchText row, just bulk-inserted."""
        with connections[texts.db].cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")

    def reclaim_space(self, using):
        pass  # SQLite reuses the free pages of the deleted rows by itself


class _Matches(Func):
    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = BooleanField()


class PostgreSQLBackend:
    # PostgreSQL folds accents and stems with its own configuration.
    stemmed = False
    indexes_pairs = True

    def _tsquery(self, query):
        """Every phrase of ``query``, as one tsquery.

        A word is looked up as PostgreSQL stems it. GIN indexes hold no word
        positions, so a phrase operator (<->) makes PostgreSQL re-read the
        vector of every row holding all its words; a phrase is therefore
        asked as its stem pairs (single tokens of the index, see
        ``vectors()``): exact for two words, and for longer phrases a narrow
        filter before the phrase operator checks the order."""
        parts, params = [], []
        for folded, stemmed in zip(
            query.folded_alternatives, query.stemmed_alternatives, strict=True
        ):
            # A phrase with several spellings (Chinese vocabulary) matches any one.
            either = []
            for phrase, stems in zip(folded, stemmed, strict=True):
                both = []
                if len(phrase) > 1:
                    # Stems are letters and digits only: safe inside tsquery quotes.
                    both.append("%s::tsquery")
                    params.append(" & ".join(f"'{pair}'" for pair in dict.fromkeys(pairs(stems))))
                if len(phrase) != 2:
                    both.append(f"phraseto_tsquery('{CONFIG}'::regconfig, %s)")
                    params.append(" ".join(phrase))
                # Parentheses: PostgreSQL gives && and || the same precedence.
                either.append(both[0] if len(both) == 1 else "(" + " && ".join(both) + ")")
            parts.append(either[0] if len(either) == 1 else "(" + " || ".join(either) + ")")
        sql = " && ".join(parts)
        return RawSQL(f"({sql})", params, output_field=SearchQueryField())  # noqa: S611

    def filter(self, queryset, query):
        return queryset.filter(_Matches(F("text__document"), self._tsquery(query)))

    def capped_count(self, public, query, now, limit):
        """How many of ``public`` (the public entries at ``now``) match, up to
        ``limit``: counted by search_capped_count() in search_countrow (see
        migrations/0010_count_rows.py), whose visibility is public()'s."""
        tsquery = self._tsquery(query)
        with connections[public.db].cursor() as cursor:
            # The tsquery's SQL is built by _tsquery from parameters.
            cursor.execute(
                f"SELECT search_capped_count({tsquery.sql}, %s, %s)",  # noqa: S608
                [*tsquery.params, now, limit],
            )
            return cursor.fetchone()[0]

    def filter_excluding(self, queryset, query, excluded):
        """Entries matching ``query`` but not ``excluded``: one tsquery."""
        wanted, unwanted = self._tsquery(query), self._tsquery(excluded)
        both = RawSQL(  # noqa: S611 - both parts are built by _tsquery from parameters
            f"({wanted.sql} && !!{unwanted.sql})",
            [*wanted.params, *unwanted.params],
            output_field=SearchQueryField(),
        )
        return queryset.filter(_Matches(F("text__document"), both))

    def first_excluding(self, public, query, excluded, limit):
        """Ids among which the first ``limit`` of ``filter_excluding()`` are:
        here exactly those, as PostgreSQL walks the result-order index
        (search_entry_result_order) and stops at ``limit``."""
        return self.filter_excluding(public, query, excluded).newest_first().values("pk")[:limit]

    def tier(self, queryset, query, number):
        """Matches in the title (0), in the headline but not the title (1), elsewhere (2).

        The title and headline have small vectors of their own: cheap to test
        on every match, unlike the whole document."""
        tsquery = self._tsquery(query)
        in_title = _Matches(F("text__title_document"), tsquery)
        in_headline = _Matches(F("text__headline_document"), tsquery)
        # A match in the title or headline is a match of the whole entry:
        # those tiers need only their own small vectors (and GIN indexes).
        if number == 0:
            return queryset.filter(in_title)
        if number == 1:
            return queryset.filter(in_headline).exclude(in_title)
        return self.filter(queryset, query).exclude(in_title).exclude(in_headline)

    def tier_number(self, query):
        """tier()'s number of each entry, as an expression (for few matches)."""
        tsquery = self._tsquery(query)
        return Case(
            When(_Matches(F("text__title_document"), tsquery), then=0),
            When(_Matches(F("text__headline_document"), tsquery), then=1),
            default=2,
        )

    def vectors(self, values=None):
        """The tsvectors of an entry's text: from given terms, or from its columns."""

        def source(column):
            return Value(values[column]) if values else F(column)

        def vector(column, weight=None):
            return SearchVector(source(column), config=CONFIG, weight=weight)

        def with_pairs(vector, *fields):
            # The stem pairs as lexemes taken as they are (no parsing), without
            # positions: one more token each, answered by the index alone.
            joined = Func(
                Value(" "),
                *(source(f"{field}_pairs") for field in fields),
                function="concat_ws",
                output_field=TextField(),
            )
            lexemes = Func(
                joined,
                template=(
                    "array_to_tsvector(array_remove(string_to_array(%(expressions)s, ' '), ''))"
                ),
                output_field=SearchVectorField(),
            )
            return Func(
                vector,
                lexemes,
                template="(%(expressions)s)",
                arg_joiner=" || ",
                output_field=SearchVectorField(),
            )

        # All fields, with a one-position gap between them (a lexeme put in,
        # then deleted) so that a phrase cannot run from the end of one field
        # into the next: FTS5 columns behave so on SQLite.
        document = Func(
            *(vector(column, weight) for column, weight in WEIGHTS.items()),
            template=f"ts_delete(%(expressions)s, '{_GAP}')",
            arg_joiner=f" || '{_GAP}:1'::tsvector || ",
            output_field=SearchVectorField(),
        )
        return {
            "document": with_pairs(document, "title", "headline", "body"),
            "title_document": with_pairs(vector("title_terms"), "title"),
            "headline_document": with_pairs(vector("headline_terms"), "headline"),
        }

    def after_rebuild(self, texts):
        # One UPDATE for all rows: much faster than having the ORM compute the
        # vectors row by row as they are inserted.
        texts.update(**self.vectors())
        with connections[texts.db].cursor() as cursor:
            # Move the new rows from the GIN indexes' pending lists into the
            # indexes proper (as VACUUM would, but inside this transaction).
            for index in _GIN_INDEXES:
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            cursor.execute(_CLEAN_COUNT_INDEXES)
            # Fresh statistics (the content may have been bulk-loaded too), or
            # the planner misjudges how many rows match.
            cursor.execute("ANALYZE")

    def reclaim_space(self, using):
        """Clear out the old index's rows, and the first version of each new
        row (see after_rebuild): left to autovacuum (when it is on), they
        slow every search that reads the tables until it comes."""
        with connections[using].cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchentry, search_searchtext, search_countrow")
