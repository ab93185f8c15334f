"""FullTextRow: the FTS5 table of 0002 seen as an unmanaged model (SQLite
only), to join it to the entries. No change to the database."""

import django.db.models.deletion
import search.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0005_entry_links'),
    ]

    operations = [
        migrations.CreateModel(
            name='FullTextRow',
            fields=[
                ('entry', models.OneToOneField(db_column='rowid', db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='fulltext', serialize=False, to='search.searchentry')),
                ('document', search.models.FullTextColumn(db_column='search_fts')),
            ],
            options={
                'db_table': 'search_fts',
                'managed': False,
            },
        ),
    ]
