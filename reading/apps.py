from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadingConfig(AppConfig):
    """The public reading site (no models of its own)."""

    name = "reading"
    verbose_name = _("Reading site")

    def ready(self):
        from articles.models import Article, ArticleSlugHistory, Block, Opinion, Person, Question

        from .caching import connect_signals

        # Any write of the content invalidates the cached pages.
        connect_signals([Article, ArticleSlugHistory, Block, Opinion, Person, Question])
