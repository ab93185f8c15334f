from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, no_translations

from terminology.exchange import TermFileError, import_records
from terminology.formats import FORMATS, format_of, read


class Command(BaseCommand):
    help = (
        "Load term pairs from a YAML, CSV or TBX file (default: content/terminology.yaml). "
        "Terms are matched by their French form; all or nothing: a bad file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            default=str(Path(settings.CONTENT_DIR) / "terminology.yaml"),
            help="the file (default: the project's content/terminology.yaml)",
        )
        parser.add_argument("--format", choices=FORMATS, help="default: from the extension")

    @no_translations  # the command's messages in English, whatever a caller activated
    def handle(self, path, **options):
        file_format = options["format"] or format_of(path)
        if file_format is None:
            raise CommandError(f"{path}: give --format ({', '.join(FORMATS)}).")
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
        try:
            created, updated, unchanged = import_records(read(data, file_format))
        except TermFileError as error:
            raise CommandError(
                f"Nothing imported from {path}:\n" + "\n".join(error.errors)
            ) from error
        self.stdout.write(f"{created} created, {updated} updated, {unchanged} unchanged.")
