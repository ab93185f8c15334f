from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.models import content_languages
from editorial.exchange import FORMATS, ExchangeError, export_file


class Command(BaseCommand):
    help = (
        "Write the missing and outdated translation units of one article (--article) "
        "or of every article, for one target language, as XLIFF 1.2 or gettext PO."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", required=True, choices=content_languages())
        parser.add_argument("--article", metavar="SLUG", help="default: every article")
        parser.add_argument(
            "--format", dest="file_format", choices=sorted(FORMATS), default="xliff"
        )
        parser.add_argument("-o", "--output", required=True, metavar="FILE")

    def handle(self, language, article, file_format, output, **options):
        try:
            data, _name, _type, count = export_file(language, file_format, article)
        except ExchangeError as error:
            raise CommandError(str(error)) from None
        try:
            Path(output).write_bytes(data)
        except OSError as error:
            raise CommandError(f"{output}: cannot be written: {error.strerror}") from None
        self.stdout.write(f"{output}: {count} unit(s) to translate into {language}.")
