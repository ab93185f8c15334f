from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.models import content_languages
from editorial.exchange import ExchangeError
from editorial.exchange_import import import_translations


class Command(BaseCommand):
    help = (
        "Import a translated XLIFF or PO file made by export_translations: all or "
        "nothing. A file that no longer matches the site is refused with its problems."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--language", choices=content_languages(), help="refuse another one")
        parser.add_argument("--article", metavar="SLUG", help="refuse units of other articles")

    def handle(self, file, language, article, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: cannot be read: {error.strerror}") from None
        try:
            result = import_translations(data, path.name, language=language, article=article)
        except ExchangeError as error:
            lines = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(f"{file}: nothing was imported.\n{lines}") from None
        for slug, ids in result.saved.items():
            self.stdout.write(f"{slug}: {len(ids)} unit(s) saved")
        self.stdout.write(
            f"{file}: {result.count} unit(s) imported into {result.language}, "
            f"{result.skipped} left as they were."
        )
