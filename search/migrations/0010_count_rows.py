"""PostgreSQL: search_countrow, what the capped count of a search reads (see
models.CountRow and fulltext.PostgreSQLBackend.capped_count).

One row per entry with a vector (a vector-less one matches nothing): its
visibility (copied from search_searchentry) and its document vector (copied
from search_searchtext), the vector stored out of line (STORAGE EXTERNAL: a
compressed vector small enough to stay in the row would widen it), under a
GIN index. Statement-level triggers keep the rows in step, whatever writes
the entries and texts (the ORM, a bulk update, a cascade): inserted, updated
and deleted with their texts, and given the entry's new visibility when it
changes. The existing entries get theirs here.

The table is split in PARTITIONS by a hash of the entry's id, each with its
own GIN index. A bitmap holds every match before the first row is read: for
a word in most texts, most of the count's time. With partitions, the count
builds one partition's bitmap at a time and stops once it has ``cap``
matches: a common word's first partition is enough.

``search_capped_count(query, at, cap)`` counts the first ``cap`` public
matches (``SearchEntryQuerySet.public(at)``, written out) through those
bitmaps: with LIMIT, the planner would otherwise read the tables in order and
fetch each row's vector out of line to test it, several times slower for a
common word. PL/pgSQL keeps the plan for the session.

SQLite: the table Django creates stays empty and unread.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import migrations, models

PARTITIONS = 16

POSTGRESQL_FORWARD = [
    # The table Django made, made again in partitions (same columns).
    "DROP TABLE search_countrow",
    """CREATE TABLE search_countrow (
        entry_id integer NOT NULL PRIMARY KEY,
        listed boolean NOT NULL,
        sort_date timestamp with time zone NULL,
        document tsvector NULL
    ) PARTITION BY HASH (entry_id)""",
    *(
        f"""CREATE TABLE search_countrow_{n} PARTITION OF search_countrow
            FOR VALUES WITH (MODULUS {PARTITIONS}, REMAINDER {n})"""
        for n in range(PARTITIONS)
    ),
    "ALTER TABLE search_countrow ALTER COLUMN document SET STORAGE EXTERNAL",
    # The existing rows, then their index (built at once, not row by row).
    """INSERT INTO search_countrow (entry_id, listed, sort_date, document)
        SELECT t.entry_id, e.listed, e.sort_date, t.document
        FROM search_searchtext t JOIN search_searchentry e ON e.id = t.entry_id
        WHERE t.document IS NOT NULL""",
    "CREATE INDEX search_count_document_gin ON search_countrow USING gin (document)",
    """CREATE FUNCTION search_countrow_from_texts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_countrow (entry_id, listed, sort_date, document)
        SELECT t.entry_id, e.listed, e.sort_date, t.document
        FROM changed_texts t JOIN search_searchentry e ON e.id = t.entry_id
        -- A text inserted without its vector (rebuild_search_index computes
        -- them all in one UPDATE after) gets its row then.
        WHERE TG_OP = 'UPDATE' OR t.document IS NOT NULL
        ON CONFLICT (entry_id) DO UPDATE SET
            listed = EXCLUDED.listed, sort_date = EXCLUDED.sort_date, document = EXCLUDED.document;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION search_countrow_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM search_countrow c USING deleted_texts t WHERE c.entry_id = t.entry_id;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION search_countrow_visibility() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE search_countrow c SET listed = e.listed, sort_date = e.sort_date
        FROM changed_entries e
        WHERE c.entry_id = e.id
            AND (c.listed IS DISTINCT FROM e.listed OR c.sort_date IS DISTINCT FROM e.sort_date);
        RETURN NULL;
    END $$""",
    # A trigger with transition tables has one event.
    """CREATE TRIGGER search_countrow_insert AFTER INSERT ON search_searchtext
        REFERENCING NEW TABLE AS changed_texts
        FOR EACH STATEMENT EXECUTE FUNCTION search_countrow_from_texts()""",
    """CREATE TRIGGER search_countrow_update AFTER UPDATE ON search_searchtext
        REFERENCING NEW TABLE AS changed_texts
        FOR EACH STATEMENT EXECUTE FUNCTION search_countrow_from_texts()""",
    """CREATE TRIGGER search_countrow_delete AFTER DELETE ON search_searchtext
        REFERENCING OLD TABLE AS deleted_texts
        FOR EACH STATEMENT EXECUTE FUNCTION search_countrow_delete()""",
    """CREATE TRIGGER search_countrow_visibility AFTER UPDATE ON search_searchentry
        REFERENCING NEW TABLE AS changed_entries
        FOR EACH STATEMENT EXECUTE FUNCTION search_countrow_visibility()""",
    # The visibility of SearchEntryQuerySet.public(at). The settings apply
    # while the function runs: a bitmap of each partition's index.
    """CREATE FUNCTION search_capped_count(query tsquery, at timestamptz, cap integer)
        RETURNS integer LANGUAGE plpgsql STABLE
        SET enable_seqscan = off SET enable_indexscan = off
        AS $$
        BEGIN
            RETURN (
                SELECT count(*) FROM (
                    SELECT 1 FROM search_countrow
                    WHERE document @@ query AND listed AND (sort_date IS NULL OR sort_date <= at)
                    LIMIT cap
                ) AS matches
            );
        END $$""",
    "ANALYZE search_countrow",
]
POSTGRESQL_BACKWARD = [
    "DROP FUNCTION IF EXISTS search_capped_count(tsquery, timestamptz, integer)",
    "DROP TRIGGER IF EXISTS search_countrow_visibility ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_countrow_delete ON search_searchtext",
    "DROP TRIGGER IF EXISTS search_countrow_update ON search_searchtext",
    "DROP TRIGGER IF EXISTS search_countrow_insert ON search_searchtext",
    "DROP FUNCTION IF EXISTS search_countrow_visibility()",
    "DROP FUNCTION IF EXISTS search_countrow_delete()",
    "DROP FUNCTION IF EXISTS search_countrow_from_texts()",
    # The partitioned table goes with the model (DeleteModel).
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0009_sqlite_pairs")]

    operations = [
        migrations.CreateModel(
            name="CountRow",
            fields=[
                (
                    "entry",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=models.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="search.searchentry",
                    ),
                ),
                ("listed", models.BooleanField(default=True)),
                ("sort_date", models.DateTimeField(blank=True, null=True)),
                ("document", SearchVectorField(editable=False, null=True)),
            ],
            options={
                "verbose_name": "search count row",
                "verbose_name_plural": "search count rows",
            },
        ),
        migrations.RunPython(_run(POSTGRESQL_FORWARD), _run(POSTGRESQL_BACKWARD)),
    ]
