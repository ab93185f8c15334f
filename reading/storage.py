"""The static files storage of production: whitenoise's hashed names, gzip and
brotli copies, and the site's own stylesheets minified on the way in."""

import rcssmin
from django.core.files.base import ContentFile
from whitenoise.storage import CompressedManifestStaticFilesStorage

# Only the site's stylesheets (static/css/): third-party ones ship as they are.
MINIFIED_PREFIX = "css/"


class MinifiedManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def _save(self, name, content):
        # Every copy goes through here: the plain name and the hashed one (whose
        # hash is of the source, so it still changes exactly when the source does).
        # The gzip and brotli copies are made afterwards from what is saved.
        if name.startswith(MINIFIED_PREFIX) and name.endswith(".css"):
            content.seek(0)
            text = content.read()
            if isinstance(text, bytes):
                text = text.decode("utf-8")
            content = ContentFile(rcssmin.cssmin(text).encode("utf-8"))
        return super()._save(name, content)
