from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.content.schema import ContentError
from articles.content.sync import import_content
from articles.models import StaleVersion


class Command(BaseCommand):
    help = (
        "Load the content folder (question, people, articles) into the database. "
        "Re-running it changes nothing; objects edited in the admin since the last "
        "import are reported and kept unless --overwrite is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory",
            nargs="?",
            default=str(settings.CONTENT_DIR),
            help="content folder (default: the project's content/)",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="replace objects edited in the admin with the files' version",
        )

    def handle(self, directory, overwrite, **options):
        try:
            report = import_content(directory, overwrite=overwrite)
        except ContentError as error:
            raise CommandError(f"Nothing imported. {error}") from error
        except StaleVersion as error:
            # Someone saved in the admin while the import ran: all or nothing.
            raise CommandError(
                f"Nothing imported. {error.obj} was saved by someone else during the "
                "import; run it again (their edit is then reported and kept)."
            ) from error
        for key in report.created:
            self.stdout.write(f"created    {key}")
        for key in report.updated:
            self.stdout.write(f"updated    {key}")
        for key in report.overwritten:
            self.stdout.write(
                self.style.WARNING(f"overwrote  {key} (its admin edits are replaced)")
            )
        for key in report.kept:
            self.stdout.write(
                self.style.WARNING(
                    f"kept       {key}: edited in the admin since the last import; "
                    "the file's version was not applied (use --overwrite to apply it)"
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(report.created)} created, {len(report.updated)} updated, "
                f"{len(report.unchanged)} unchanged, {len(report.kept)} kept with admin "
                f"edits, {len(report.overwritten)} overwritten."
            )
        )
