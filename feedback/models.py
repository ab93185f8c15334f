"""Readers' answers to "Was this article helpful?", per article and language.

Comments are plain text for editors only: the admin shows them (escaped), no public
page does.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 1000


@dataclass(frozen=True)
class Helpfulness:
    """The answers to one article in one language."""

    total: int
    yes: int

    @property
    def no(self):
        return self.total - self.yes

    @property
    def share(self):
        """Share of "yes" between 0 and 1 (None before the first answer)."""
        return self.yes / self.total if self.total else None


class VoteQuerySet(models.QuerySet):
    def helpfulness(self):
        """One row per article and language: article_id, language, total, yes."""
        return (
            self.order_by()
            .values("article_id", "language")
            .annotate(total=Count("pk"), yes=Count("pk", filter=Q(helpful=True)))
            .order_by("-total", "article_id", "language")
        )

    def helpful_shares(self, article_ids=None):
        """{(article_id, language): Helpfulness}, e.g. for a translation dashboard,
        where a language readers find less helpful than the other stands out."""
        votes = self if article_ids is None else self.filter(article_id__in=article_ids)
        return {
            (row["article_id"], row["language"]): Helpfulness(row["total"], row["yes"])
            for row in votes.helpfulness()
        }


def language_name(code):
    return dict(settings.LANGUAGES).get(code, code)


class Vote(models.Model):
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="votes",
        verbose_name=_("article"),
    )
    # A site language code (settings.LANGUAGES), checked by the view; not a choices
    # field, so that a new site language needs no migration.
    language = models.CharField(_("language"), max_length=12, db_index=True)
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), blank=True, max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(_("answered at"), default=timezone.now, db_index=True)

    objects = VoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reader answer")
        verbose_name_plural = _("reader answers")

    def __str__(self):
        answer = _("yes") if self.helpful else _("no")
        return f"{self.article} ({self.language}): {answer}"

    @property
    def language_name(self):
        return language_name(self.language)
