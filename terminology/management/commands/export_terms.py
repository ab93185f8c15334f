from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from terminology.exchange import export_records
from terminology.formats import FORMATS, format_of, write


class Command(BaseCommand):
    help = "Write the termbase to a YAML, CSV or TBX file (or to standard output: -)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the file to write, or - for standard output")
        parser.add_argument("--format", choices=FORMATS, help="default: from the extension")

    def handle(self, path, **options):
        file_format = options["format"] or format_of(path)
        if file_format is None:
            raise CommandError(f"{path}: give --format ({', '.join(FORMATS)}).")
        data = write(export_records(), file_format)
        if path == "-":
            self.stdout.write(data.decode("utf-8"), ending="")
            return
        try:
            Path(path).write_bytes(data)
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
        self.stderr.write(f"Wrote {path}.")
