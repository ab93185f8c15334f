"""Stem pairs for PostgreSQL phrase queries (see fulltext.PostgreSQLBackend).

On PostgreSQL the existing entries get their pairs and new vectors here. On
SQLite, adding the columns makes Django rebuild search_searchtext, which drops
the FTS5 triggers of 0002_fulltext: they are recreated (FTS5 needs no pairs).
"""

import importlib

from django.db import migrations, models

fulltext_0002 = importlib.import_module("search.migrations.0002_fulltext")
SQLITE_TRIGGERS = [s for s in fulltext_0002.SQLITE_FORWARD if s.startswith("CREATE TRIGGER")]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1))
    elif vendor == "postgresql":
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
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
