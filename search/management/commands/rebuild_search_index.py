import time

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from search.indexing import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the search index from every article, opinion and expert "
        "(after bulk changes that bypass signals, such as loaddata or bulk_create)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, database, **options):
        started = time.perf_counter()
        count = rebuild(using=database)
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Search index rebuilt: {count} entries in {elapsed:.1f} s.")
