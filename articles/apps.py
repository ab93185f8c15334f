from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("Knowledge base")

    def ready(self):
        from . import signals  # noqa: F401  (version and slug bookkeeping on every write)
