"""Every UI string in the code is translated in French and Traditional Chinese."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SOURCES = [
    "manage.py",
    "kb",
    "articles",
    "reading",
    "editorial",
    "search",
    "terminology",
    "feedback",
    "bench",
    "operations",
    "templates",
    "locale",
]


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext (xgettext)")
def test_every_string_in_the_code_is_in_the_catalogues(tmp_path):
    # Extract the strings afresh from a copy of the code, as `make messages` would.
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
            )
        else:
            shutil.copy(source, tmp_path / name)
    # The copy has no tests/ (nor their settings): the project's own, in debug.
    environment = {**os.environ, "DJANGO_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "kb.settings"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "-l", "zh_Hant", "--no-obsolete"],
        cwd=tmp_path,
        env=environment,
        check=True,
        capture_output=True,
        timeout=120,
    )
    for language in ("fr", "zh_Hant"):
        catalogue = polib.pofile(str(tmp_path / "locale" / language / "LC_MESSAGES" / "django.po"))
        missing = [e.msgid for e in catalogue.untranslated_entries()]
        fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
        assert missing == [], f"{language}: untranslated {missing}"
        assert fuzzy == [], f"{language}: fuzzy (changed since translated) {fuzzy}"
