"""The public site's bookkeeping: the version of the content it shows, and the HTML
of article pages kept between views."""

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


class RenderedArticle(models.Model):
    """The HTML of an article page's body for one page and reader language, stored on
    its first view and used while the article's ``body_revision`` and the site's
    templates are those it was built from (reading/rendered.py)."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )
    # The page and reader language, e.g. "article:fr" or "bilingual:fr:zh-hant".
    variant = models.CharField(_("variant"), max_length=40)
    revision = models.PositiveBigIntegerField(_("article revision"))
    # Which templates, catalogues and code built it (a deployment changes them).
    release = models.CharField(_("release"), max_length=16)
    html = models.TextField(_("HTML"))

    class Meta:
        verbose_name = _("rendered article")
        verbose_name_plural = _("rendered articles")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "variant"], name="reading_rendered_article_variant"
            )
        ]

    def __str__(self):
        return f"{self.article_id} {self.variant}"
