from django.core.management.base import BaseCommand

from articles.content.sync import export_content


class Command(BaseCommand):
    help = "Write the question, people and articles as content files in DIRECTORY."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="folder to write (created if missing)")

    def handle(self, directory, **options):
        written = export_content(directory)
        self.stdout.write(self.style.SUCCESS(f"{len(written)} files written to {directory}."))
