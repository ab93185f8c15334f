import os
from getpass import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from editorial.editors import EDITORS_GROUP, setup_editors_group

PASSWORD_ENV = "EDITOR_PASSWORD"  # noqa: S105 (a variable name, not a secret)


class Command(BaseCommand):
    help = (
        "Create an editor: a staff account (not a superuser) in the Editors group. "
        f"The password comes from --password, the {PASSWORD_ENV} environment variable, "
        "or a prompt. For an existing account, adds it to the group (and sets the "
        "password only if one is given)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help=f"default: ${PASSWORD_ENV}, else a prompt")

    def handle(self, username, email, password, **options):
        User = get_user_model()
        password = password or os.environ.get(PASSWORD_ENV)
        user = User.objects.filter(username=username).first()
        if user is not None and user.is_superuser:
            raise CommandError(f"{username} is a superuser; an editor account must not be one.")
        if password is None and user is None:
            if not self.stdin_is_tty():
                raise CommandError(f"Give a password with --password or ${PASSWORD_ENV}.")
            password = getpass("Password: ")
            if password != getpass("Password (again): "):
                raise CommandError("The two passwords differ.")
        candidate = user or User(username=username, email=email)
        if password is not None:
            try:
                validate_password(password, candidate)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        with transaction.atomic():
            group, _, _ = setup_editors_group()
            created = user is None
            user = candidate
            if email:
                user.email = email
            user.is_staff = True
            user.is_active = True
            if password is not None:
                user.set_password(password)
            user.save()
            user.groups.add(group)
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} editor {username} (staff, group {EDITORS_GROUP}).")

    def stdin_is_tty(self):
        return os.isatty(0)
