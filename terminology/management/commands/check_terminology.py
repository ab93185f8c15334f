from django.core.management.base import BaseCommand, CommandError

from articles.models import content_languages
from terminology.units import inconsistencies


class Command(BaseCommand):
    help = (
        "List every translated unit (title, standfirst, block N, opinion headline…) of the "
        "published and draft articles, and of the experts, that breaks an agreed term: its "
        "equivalent is missing, or a forbidden variant is used. Exits with 1 when there is any."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language",
            choices=content_languages(),
            help="check only translations into this language "
            "(default: each article from its original language)",
        )

    def handle(self, language=None, **options):
        results = inconsistencies(target_language=language)
        owners = set()
        for unit, _source, target, findings in results:
            owners.add(unit.owner)
            for finding in findings:
                self.stdout.write(f"{unit.owner}\t{unit.label}\t{target}\t{finding}")
        if results:
            raise CommandError(
                f"{len(results)} inconsistent units in {len(owners)} articles or experts.",
                returncode=1,
            )
        self.stdout.write("No inconsistent unit.")
