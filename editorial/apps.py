from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The editors' side: admin, history, edit conflicts, the Editors group."""

    name = "editorial"
    verbose_name = _("Editorial workflow")

    def ready(self):
        from .editors import ensure_editors_group_after_migrate
        from .history import register_versioned_models

        register_versioned_models()
        # Not limited to this app: the group also needs the search app's permissions.
        post_migrate.connect(
            ensure_editors_group_after_migrate, dispatch_uid="editorial_editors_group"
        )
