"""Each database's full-text machinery for search_searchtext.

SQLite: an external-content FTS5 table over the *_terms columns, kept in step
by triggers (so cascading deletes and raw SQL keep it right too). A later
migration that makes Django rebuild search_searchtext on SQLite drops the
triggers: recreate them there.

PostgreSQL: the unaccent extension; a French text search configuration that
folds accents then stems with Snowball's French algorithm, without a stop word
list (SQLite has none, and both databases must find the same things); a GIN
indexes on the document, title and headline vectors.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title_terms, headline_terms, body_terms,
        content='search_searchtext', content_rowid='entry_id',
        tokenize='unicode61 remove_diacritics 0'
    )""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchtext BEGIN
        INSERT INTO search_fts(rowid, title_terms, headline_terms, body_terms)
        VALUES (new.entry_id, new.title_terms, new.headline_terms, new.body_terms);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchtext BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, headline_terms, body_terms)
        VALUES ('delete', old.entry_id, old.title_terms, old.headline_terms, old.body_terms);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchtext BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, headline_terms, body_terms)
        VALUES ('delete', old.entry_id, old.title_terms, old.headline_terms, old.body_terms);
        INSERT INTO search_fts(rowid, title_terms, headline_terms, body_terms)
        VALUES (new.entry_id, new.title_terms, new.headline_terms, new.body_terms);
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH DICTIONARY french_unaccent_stem (TEMPLATE = snowball, LANGUAGE = french)",
    "CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = pg_catalog.simple)",
    """ALTER TEXT SEARCH CONFIGURATION french_unaccent
        ALTER MAPPING FOR asciiword, word, hword, hword_part, asciihword, hword_asciipart
        WITH unaccent, french_unaccent_stem""",
    # Words with digits are folded but not stemmed (the Python side agrees).
    """ALTER TEXT SEARCH CONFIGURATION french_unaccent
        ALTER MAPPING FOR numword, hword_numpart WITH unaccent, simple""",
    "CREATE INDEX search_text_document_gin ON search_searchtext USING gin (document)",
    "CREATE INDEX search_text_title_gin ON search_searchtext USING gin (title_document)",
    "CREATE INDEX search_text_headline_gin ON search_searchtext USING gin (headline_document)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS search_text_headline_gin",
    "DROP INDEX IF EXISTS search_text_title_gin",
    "DROP INDEX IF EXISTS search_text_document_gin",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent",
    "DROP TEXT SEARCH DICTIONARY IF EXISTS french_unaccent_stem",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        )
    ]
