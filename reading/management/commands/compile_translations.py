from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Compile the project's .po files to .mo files in pure Python, so a fresh "
        "machine needs no GNU gettext (Django's compilemessages does)."
    )

    def handle(self, **options):
        # The project's locale/ and each app's own locale/ folder.
        folders = [Path(p) for p in settings.LOCALE_PATHS]
        folders += [Path(app.path) / "locale" for app in apps.get_app_configs()]
        count = 0
        for folder in folders:
            if "site-packages" in folder.parts or not folder.is_relative_to(settings.BASE_DIR):
                continue  # Django's and third-party apps ship compiled catalogues
            for po_path in sorted(folder.glob("*/LC_MESSAGES/*.po")):
                polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
                count += 1
        self.stdout.write(f"{count} translation catalogues compiled.")
