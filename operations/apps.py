from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the site: the health check and the answers given when the database fails."""

    name = "operations"
    verbose_name = _("Operations")
