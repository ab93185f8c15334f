"""The body of an article page as HTML, stored between views, as a forum stores its
"cooked" posts.

Most of an article page's time goes into turning its blocks, opinions and people
into HTML that changes only when they do. The first view of a public article in
a page variant (the article or side by side, per reader language) stores that
HTML in ``RenderedArticle``; the next views read it with the article, in the same
query, instead of reading and rendering the blocks. Any save of the article, its
blocks, opinions or the people it names moves the article's ``body_revision``
(articles/signals.py), and a deployment with other templates, catalogues or code
has another ``release()``: HTML built from anything else is not used again.
Drafts are rendered on every view and never stored.
"""

import hashlib
import logging
from functools import cache
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import OuterRef, Subquery
from django.utils.safestring import mark_safe

from .models import RenderedArticle

log = logging.getLogger(__name__)

# What the stored HTML is built from, besides the content.
BUILT_FROM = [
    "templates/**/*.html",
    "locale/*/LC_MESSAGES/*.mo",
    "reading/*.py",
    "reading/templatetags/*.py",
    "articles/languages.py",
    "articles/chinese.py",
]
PACKAGES = ["Django", "OpenCC"]


@cache
def release():
    """A digest of the templates, catalogues, code and settings the HTML is built
    from: the same for every process of one deployment."""
    digest = hashlib.blake2b(digest_size=8)
    for package in PACKAGES:
        digest.update(f"{package}={metadata.version(package)};".encode())
    digest.update(f"{settings.TIME_ZONE};{settings.PAGE_CACHE_RELEASE};".encode())
    root = Path(settings.BASE_DIR)
    for pattern in BUILT_FROM:
        for path in sorted(root.glob(pattern)):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def variant(page, *languages):
    """The name of a page variant: ``variant("article", "fr")`` -> "article:fr"."""
    return ":".join([page, *languages])


def with_stored_html(articles, name):
    """Articles annotated with ``stored_html``: the variant's HTML if it was built
    from the article's current revision by this release, else None."""
    stored = RenderedArticle.objects.filter(
        article=OuterRef("pk"),
        variant=name,
        revision=OuterRef("body_revision"),
        release=release(),
    ).values("html")[:1]
    return articles.annotate(stored_html=Subquery(stored))


def body_html(article, name, render):
    """The stored HTML of the variant, else ``render()``'s, stored when the article
    is public."""
    html = getattr(article, "stored_html", None)
    if html is not None:
        # Only render() below writes these rows: our templates' escaped output.
        return mark_safe(html)  # noqa: S308
    html = str(render())
    if article.is_public:
        _store(article, name, html)
    return mark_safe(html)  # noqa: S308 (rendered by the templates)


def _store(article, name, html):
    values = {"revision": article.body_revision, "release": release(), "html": html}
    try:
        with transaction.atomic():
            stored = RenderedArticle.objects.filter(article_id=article.pk, variant=name)
            if not stored.update(**values):
                RenderedArticle.objects.create(article_id=article.pk, variant=name, **values)
    except DatabaseError as error:
        # Another first view stored it meanwhile, or the database is busy (SQLite
        # has one writer): this page is shown all the same, stored on a later view.
        log.info("HTML of article %s (%s) not stored: %s", article.pk, name, error)
