"""The public site's one row of bookkeeping: the version of the content it shows."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """Moves on with every write of the public content, in the writer's transaction.

    Every server process reads it once per cacheable request (reading/caching.py):
    pages kept in one process's memory are then never served after another
    process saved a change, with no shared cache needed.
    """

    number = models.PositiveBigIntegerField(_("number"), default=1)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    # The next scheduled publication: pages change then without a write.
    next_change_at = models.DateTimeField(_("next scheduled change"), null=True, blank=True)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return f"{self.number} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
