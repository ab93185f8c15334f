"""Simplified Chinese in the index: zh-hans columns for editors' overrides,
and Chinese folded to one script in the terms (see search/text.py).

The terms of the existing entries are folded here, from their texts; the
overrides are indexed when their objects are next saved, or at once by
``manage.py rebuild_search_index``. On SQLite, adding the columns makes Django
rebuild search_searchtext, which drops the FTS5 triggers of 0002_fulltext:
they are recreated first, so that the updated terms reach the FTS5 table.
"""

import importlib

from django.db import migrations, models

fulltext_0002 = importlib.import_module("search.migrations.0002_fulltext")
SQLITE_TRIGGERS = [s for s in fulltext_0002.SQLITE_FORWARD if s.startswith("CREATE TRIGGER")]
FIELDS = ("title", "headline", "body")
# The languages the index had before this migration (their columns then).
OLD_SUFFIXES = ("fr", "zh_hant")


def forward(apps, schema_editor):
    from search.fulltext import PostgreSQLBackend
    from search.text import index_pairs, index_text

    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1))
    elif vendor != "postgresql":
        return
    stemmed = vendor == "sqlite"
    SearchText = apps.get_model("search", "SearchText")
    texts = SearchText.objects.using(schema_editor.connection.alias)
    updated = [f"{f}_terms" for f in FIELDS] + ([] if stemmed else [f"{f}_pairs" for f in FIELDS])
    columns = [f"{f}_{suffix}" for f in FIELDS for suffix in OLD_SUFFIXES]
    batch = []
    for text in texts.only(*columns).iterator(chunk_size=1000):
        for field in FIELDS:
            values = (getattr(text, f"{field}_{suffix}") for suffix in OLD_SUFFIXES)
            terms = "\n".join(index_text(value, stemmed) for value in values if value)
            setattr(text, f"{field}_terms", terms)
            if not stemmed:
                setattr(text, f"{field}_pairs", index_pairs(terms))
        batch.append(text)
        if len(batch) >= 1000:
            texts.bulk_update(batch, updated)
            batch = []
    texts.bulk_update(batch, updated)
    if not stemmed:
        texts.update(**PostgreSQLBackend().vectors())


class Migration(migrations.Migration):
    dependencies = [("search", "0006_fulltext_row")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="article_title_zh_hans",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="searchtext",
            name="body_zh_hans",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="searchtext",
            name="headline_zh_hans",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="searchtext",
            name="title_zh_hans",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
