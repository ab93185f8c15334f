"""PostgreSQL: stem pairs for phrase queries (see fulltext.PostgreSQLBackend),
a narrow search_searchtext, and an index in result order.

search_searchtext rows hold texts of a few kilobytes, kept inline (compressed)
by default: a query reading thousands of matching rows then reads thousands
of pages. With a small toast_tuple_target the texts move out of line (read
only for the ten rows shown), while the vectors stay in the row (STORAGE
MAIN, compressed if need be): counting tests the document of each row it
reads, and every tier query tests the title and headline vectors. The result-order index lets the first page of a common
word walk the entries in order and stop at ten, instead of sorting them all.

On PostgreSQL the existing entries get their pairs and new vectors here. On
SQLite, adding the columns makes Django rebuild search_searchtext, which drops
the FTS5 triggers of 0002_fulltext: they are recreated (FTS5 needs no pairs).
"""

import importlib

from django.db import migrations, models

fulltext_0002 = importlib.import_module("search.migrations.0002_fulltext")
SQLITE_TRIGGERS = [s for s in fulltext_0002.SQLITE_FORWARD if s.startswith("CREATE TRIGGER")]


POSTGRESQL_FORWARD = [
    "ALTER TABLE search_searchtext SET (toast_tuple_target = 128)",
    """ALTER TABLE search_searchtext
        ALTER COLUMN document SET STORAGE MAIN,
        ALTER COLUMN title_document SET STORAGE MAIN,
        ALTER COLUMN headline_document SET STORAGE MAIN""",
    # The order of SearchEntryQuerySet.newest_first(), expression for expression.
    """CREATE INDEX search_entry_result_order ON search_searchentry (
        (CASE WHEN kind = 'person' THEN 0 WHEN kind = 'article' THEN 1 ELSE 2 END),
        sort_date DESC NULLS LAST,
        id
    )""",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_result_order",
    """ALTER TABLE search_searchtext
        ALTER COLUMN document SET STORAGE EXTENDED,
        ALTER COLUMN title_document SET STORAGE EXTENDED,
        ALTER COLUMN headline_document SET STORAGE EXTENDED""",
    "ALTER TABLE search_searchtext RESET (toast_tuple_target)",
]


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL_BACKWARD:
            schema_editor.execute(statement)


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1))
    elif vendor == "postgresql":
        for statement in POSTGRESQL_FORWARD:
            schema_editor.execute(statement)
        from search.fulltext import PostgreSQLBackend
        from search.text import index_pairs

        SearchText = apps.get_model("search", "SearchText")
        texts = SearchText.objects.using(schema_editor.connection.alias)
        fields = ("title", "headline", "body")
        batch = []
        for text in texts.only(*(f"{f}_terms" for f in fields)).iterator(chunk_size=1000):
            for field in fields:
                setattr(text, f"{field}_pairs", index_pairs(getattr(text, f"{field}_terms")))
            batch.append(text)
            if len(batch) >= 1000:
                texts.bulk_update(batch, [f"{f}_pairs" for f in fields])
                batch = []
        texts.bulk_update(batch, [f"{f}_pairs" for f in fields])
        texts.update(**PostgreSQLBackend().vectors())


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [
        migrations.AddField(
            model_name="searchtext",
            name="body_pairs",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="searchtext",
            name="headline_pairs",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="searchtext",
            name="title_pairs",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(forward, backward),
    ]
