"""A static files finder for the one vendored asset the admin needs.

modeltranslation's language tabs need jQuery UI. The xstatic package ships it,
but its theme CSS refers to images the package does not include, which the
hashed static storage rejects at `collectstatic`: so only the script is exposed.
"""

from pathlib import Path

import xstatic.pkg.jquery_ui
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PREFIX = "vendor/jquery-ui"
FILES = ("jquery-ui.min.js",)
ROOT = Path(xstatic.pkg.jquery_ui.BASE_DIR)


class JQueryUIFinder(BaseFinder):
    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        name = path.removeprefix(f"{PREFIX}/")
        found = str(ROOT / name) if name in FILES and path != name else None
        if find_all:
            return [found] if found else []
        return found

    def list(self, ignore_patterns):
        storage = FileSystemStorage(location=ROOT)
        storage.prefix = PREFIX
        for name in FILES:
            yield name, storage
