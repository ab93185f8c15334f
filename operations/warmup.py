"""What a new gunicorn worker would otherwise do on its first requests, done once in
the master before it forks (``preload_app``): templates compiled, each language's
catalogue and URLs loaded, the Simplified Chinese converter built, the digest of the
templates that stored article HTML is checked against (reading/rendered.py). gunicorn replaces each
worker after about a thousand requests; a fresh worker took 90-220 ms more for its
first page, and longer for the next few. Nothing here touches the database: the
workers must not share a connection."""

from pathlib import Path

from django.conf import settings
from django.template import engines
from django.urls import reverse
from django.utils import translation

# Django's own templates that public pages use (the sitemap index).
THIRD_PARTY_TEMPLATES = ["sitemap_index.xml"]


def project_templates():
    """The names of the templates in the project's template folders."""
    names = []
    for folder in settings.TEMPLATES[0]["DIRS"]:
        folder = Path(folder)
        names += sorted(
            str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()
        )
    return names


def warm_up():
    from articles.chinese import to_simplified
    from feedback.templatetags.feedback_tags import vote_fields
    from reading.rendered import release

    engine = engines["django"]
    for name in project_templates() + THIRD_PARTY_TEMPLATES:
        engine.get_template(name)
    # Not the Traditional one: only a Chinese search builds it, and its dictionaries
    # take about 40 MB.
    to_simplified("顧客")
    release()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            reverse("reading:home")
            vote_fields(code)
