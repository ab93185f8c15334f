from django.core.management.base import BaseCommand, CommandError

from editorial.editors import EDITORS_GROUP, editor_permission_codes, setup_editors_group


class Command(BaseCommand):
    help = (
        "Create the Editors group, or bring its permissions back to exactly "
        "add/change/delete/view on articles, opinions, blocks, people and the question. "
        "Safe to run again: it changes nothing when the group is already right."
    )

    def handle(self, **options):
        group, created, changed = setup_editors_group()
        if group.permissions.count() != len(editor_permission_codes()):
            raise CommandError("Some permissions are missing: run `manage.py migrate` first.")
        if created:
            self.stdout.write(f"Created the {EDITORS_GROUP} group.")
        elif changed:
            self.stdout.write(f"Reset the permissions of the {EDITORS_GROUP} group.")
        else:
            self.stdout.write(f"The {EDITORS_GROUP} group is up to date; nothing changed.")
