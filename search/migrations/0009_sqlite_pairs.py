"""SQLite: each field's stem pairs in the FTS5 table, as PostgreSQL has had
them since 0003 (see fulltext.SQLiteBackend).

A two-word phrase (``"service client"``, and every two-character Chinese word)
is then one token of the index: FTS5 reads that token's list instead of
comparing the positions of every row that holds both words. The pairs are
tokens of their own columns (``*_pairs``), with "_" (text.PAIR_JOINER) read as
part of a token; the words themselves never hold one.

The FTS5 table and its triggers are made again with the three more columns
(the triggers of 0002_fulltext, which 0003 and 0007 recreate, are replaced
here: a later migration that rebuilds search_searchtext on SQLite must create
these). The pairs of the existing rows are computed first, from their terms,
as indexing.with_terms() does. Backward: the table of 0002, pairs emptied.
PostgreSQL: nothing to do.
"""

from django.db import migrations

TERMS = ("title_terms", "headline_terms", "body_terms")
COLUMNS = (*TERMS, "title_pairs", "headline_pairs", "body_pairs")


def _fts(columns, tokenize):
    listed = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f"""CREATE VIRTUAL TABLE search_fts USING fts5(
            {listed},
            content='search_searchtext', content_rowid='entry_id',
            tokenize="{tokenize}"
        )""",
        f"""CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchtext BEGIN
            INSERT INTO search_fts(rowid, {listed}) VALUES (new.entry_id, {new});
        END""",
        f"""CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchtext BEGIN
            INSERT INTO search_fts(search_fts, rowid, {listed})
            VALUES ('delete', old.entry_id, {old});
        END""",
        f"""CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchtext BEGIN
            INSERT INTO search_fts(search_fts, rowid, {listed})
            VALUES ('delete', old.entry_id, {old});
            INSERT INTO search_fts(rowid, {listed}) VALUES (new.entry_id, {new});
        END""",
        "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
        # Its segments merged into one, as rebuild_search_index leaves them:
        # looking a row up in many segments is slower (SQLiteBackend.first_excluding).
        "INSERT INTO search_fts(search_fts) VALUES ('optimize')",
    ]


SQLITE_FORWARD = _fts(COLUMNS, "unicode61 remove_diacritics 0 tokenchars '_'")
# As 0002_fulltext made it.
SQLITE_BACKWARD = _fts(TERMS, "unicode61 remove_diacritics 0")
DROP = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]


def _fill_pairs(apps, alias, emptied):
    from search.text import index_pairs

    SearchText = apps.get_model("search", "SearchText")
    texts = SearchText.objects.using(alias)
    fields = ("title", "headline", "body")
    batch = []
    for text in texts.only(*TERMS).iterator(chunk_size=1000):
        for field in fields:
            terms = getattr(text, f"{field}_terms")
            setattr(text, f"{field}_pairs", "" if emptied else index_pairs(terms, stemmed=True))
        batch.append(text)
        if len(batch) >= 1000:
            texts.bulk_update(batch, [f"{field}_pairs" for field in fields])
            batch = []
    texts.bulk_update(batch, [f"{field}_pairs" for field in fields])


def _rebuild(apps, schema_editor, emptied, statements):
    if schema_editor.connection.vendor != "sqlite":
        return
    # Without the triggers, filling the pairs does not re-index every row twice.
    for statement in DROP:
        schema_editor.execute(statement)
    _fill_pairs(apps, schema_editor.connection.alias, emptied=emptied)
    for statement in statements:
        schema_editor.execute(statement)


def forward(apps, schema_editor):
    _rebuild(apps, schema_editor, False, SQLITE_FORWARD)


def backward(apps, schema_editor):
    _rebuild(apps, schema_editor, True, SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("search", "0008_sqlite_result_order_index")]

    operations = [migrations.RunPython(forward, backward)]
