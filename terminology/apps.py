from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerminologyConfig(AppConfig):
    """The termbase: agreed French ↔ Chinese term pairs, their checks and exchange."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "terminology"
    verbose_name = _("Terminology")

    def ready(self):
        from reading.caching import connect_signals

        from .models import Term

        # The cached glossary follows every term save, as the pages follow the content.
        connect_signals([Term])
