"""SearchEntry.listed: whether the entry's article is published, copied from
the article so that public() needs no join (see SearchEntryQuerySet.public)."""

from django.db import migrations, models


def copy_status(apps, schema_editor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    entries = SearchEntry.objects.using(schema_editor.connection.alias)
    unpublished = entries.exclude(article=None).exclude(
        article__status="published", article__published_at__isnull=False
    )
    entries.filter(pk__in=unpublished.values("pk")).update(listed=False)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_search_pairs_and_narrow_rows")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="listed",
            field=models.BooleanField(default=True),
        ),
        migrations.RunPython(copy_status, migrations.RunPython.noop),
    ]
