"""SQLite: the result-order index PostgreSQL has had since 0003.

The glossary's extra results (fulltext.SQLiteBackend.first_excluding) walk the
public entries in result order and look each up in FTS5, instead of sorting
every match of a common word. SQLite sorts NULLs first, so ``sort_date DESC``
is already ``DESC NULLS LAST``. A later migration that makes Django rebuild
search_searchentry on SQLite drops this index: it must create it again.
"""

from django.db import migrations

CREATE = """CREATE INDEX IF NOT EXISTS search_entry_result_order ON search_searchentry (
    (CASE WHEN kind = 'person' THEN 0 WHEN kind = 'article' THEN 1 ELSE 2 END),
    sort_date DESC,
    id
)"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_result_order")


class Migration(migrations.Migration):
    dependencies = [("search", "0007_simplified_overrides")]

    operations = [migrations.RunPython(forward, backward)]
