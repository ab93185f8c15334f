from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("Knowledge base")

    def ready(self):
        from . import history, signals  # noqa: F401  (registers handlers and versioned models)
        from .caching import connect_signals
        from .models import Article, ArticleSlugHistory, Block, Opinion, Person, Question

        connect_signals([Article, ArticleSlugHistory, Block, Opinion, Person, Question])
        from .editors import ensure_editors_group_after_migrate

        # Not limited to this app: the group also needs the search app's permissions.
        post_migrate.connect(
            ensure_editors_group_after_migrate, dispatch_uid="articles_editors_group"
        )
