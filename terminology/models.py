"""Agreed term pairs, French ↔ Traditional Chinese (the stored languages of
the termbase's columns, FORM_FIELDS); a derived language (zh-hans) reads its
source's form converted, unless the term has an override.

A term pair is what translators agreed to write for one concept: ``client`` is
顧客, not 客戶. Forbidden variants are the renderings to avoid, one per line and
per language. Only agreed terms are checked (see matching.py); proposed ones
are shown to editors but not enforced.
"""

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.languages import registry
from articles.models import Versioned

# The termbase's columns per stored language (its schema, as modeltranslation's
# columns are the content's), and the override column of a derived language.
FORM_FIELDS = {"fr": "french", "zh-hant": "chinese"}
FORBIDDEN_FIELDS = {"fr": "forbidden_fr", "zh-hant": "forbidden_zh_hant"}
OVERRIDE_FIELDS = {"zh-hans": "simplified_override"}
# The language of the ``chinese`` column, whose family the glossary shows.
CHINESE = "zh-hant"


def reads_chinese(language):
    """Does a reader of ``language`` (a code) read the Chinese side of the
    termbase: zh-hant, or a language derived from it?"""
    languages = registry()
    found = languages.get(language)
    return found is not None and languages.source(found).code == CHINESE


class TermQuerySet(models.QuerySet):
    def agreed(self):
        return self.filter(status=Term.Status.AGREED)

    def for_glossary(self, language):
        """The public glossary: agreed terms, sorted in the reader's language."""
        order = ["chinese", "french"] if reads_chinese(language) else [Lower("french"), "french"]
        return self.agreed().only("french", "chinese", "simplified_override").order_by(*order)


class TermStatus(models.TextChoices):
    AGREED = "agreed", _("Agreed")
    PROPOSED = "proposed", _("Proposed")


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


class Term(Versioned):
    """A term pair; its version guards the admin's saves (see editorial.conflicts)."""

    Status = TermStatus

    class PartOfSpeech(models.TextChoices):
        NOUN = "noun", _("Noun")
        VERB = "verb", _("Verb")
        ADJECTIVE = "adjective", _("Adjective")
        PHRASE = "phrase", _("Phrase")

    french = models.CharField(_("French term"), max_length=200, unique=True)
    chinese = models.CharField(_("Traditional Chinese term"), max_length=200)
    # The Simplified form is derived (OpenCC, see simplified()); set this only
    # where the derived form is wrong.
    simplified_override = models.CharField(
        _("Simplified Chinese (override)"),
        max_length=200,
        null=True,
        blank=True,
        help_text=_("Leave empty to derive it from the Traditional Chinese term."),
    )
    part_of_speech = models.CharField(
        _("part of speech"), max_length=20, choices=PartOfSpeech.choices, blank=True
    )
    domain = models.CharField(_("domain"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    forbidden_fr = models.TextField(
        _("forbidden French variants"), blank=True, help_text=_("One per line.")
    )
    forbidden_zh_hant = models.TextField(
        _("forbidden Chinese variants"),
        blank=True,
        help_text=_("One per line, e.g. 客戶 where 顧客 is agreed."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TermQuerySet.as_manager()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["french"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=TermStatus.values),
                name="term_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.french} ↔ {self.chinese}"

    def get_absolute_url(self):
        return reverse("terminology:glossary") + f"#term-{self.pk}"

    def form(self, language):
        """The agreed form in a site language (a code): a stored language's
        column; for a derived one, the override, else its source's converted.
        Empty for a language the termbase does not hold."""
        found = registry().get(language)
        if found is not None and found.derived:
            override = getattr(self, OVERRIDE_FIELDS.get(found.code, ""), None)
            return override or found.convert(self.form(found.derived_from))
        return getattr(self, FORM_FIELDS.get(language, ""), "") or ""

    def forbidden(self, language):
        """The forbidden variants in a stored language, as a list."""
        return _lines(getattr(self, FORBIDDEN_FIELDS.get(language, ""), "") or "")
