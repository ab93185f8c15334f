"""A derived language's overrides in the admin (zh-hans, derived from zh-hant).

A derived language's columns (``title_zh_hans``) are empty by default: readers get
the source text converted (``Language.convert``). The admin shows that converted text
as the placeholder of each empty override field, and every override's state:

- derived: no override, the converted text is read;
- override: written from the source text as it is now;
- override outdated: the source changed after the override was written.

The states come from the fingerprints (articles/fingerprints.py), which record what
the source said when each override was saved, as they do for translations.
"""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.fingerprints import TranslationState, state
from articles.languages import registry


class OverrideState(models.TextChoices):
    DERIVED = "derived", _("converted automatically")
    OVERRIDE = "override", _("override")
    OUTDATED = "override-outdated", _("override outdated")


# A derived language's fingerprint states, read as override states.
FROM_TRANSLATION_STATE = {
    TranslationState.MISSING: OverrideState.DERIVED,
    TranslationState.CURRENT: OverrideState.OVERRIDE,
    TranslationState.OUTDATED: OverrideState.OUTDATED,
}


def override_state(obj, field, language):
    """The state of ``obj.<field>`` in the derived ``language``; None when the source
    text is empty (nothing to derive)."""
    found = state(obj, field, language.code)
    return None if found is None else FROM_TRANSLATION_STATE[TranslationState(found)]


@dataclass
class OverrideCounts:
    derived: int = 0
    override: int = 0
    outdated: int = 0


def override_counts(units):
    """How many of a derived language's units (translation_units.article_units) are
    derived, overridden, and overridden from an older source."""
    counts = OverrideCounts()
    for unit in units:
        found = unit.status
        if found == TranslationState.MISSING:
            counts.derived += 1
        elif found == TranslationState.OUTDATED:
            counts.outdated += 1
        elif found == TranslationState.CURRENT:
            counts.override += 1
    return counts


def _override_column(model, name):
    """(original field name, derived Language) for a form field that is an override."""
    try:
        column = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    original = getattr(column, "translated_field", None)
    language = registry().get(getattr(column, "language", None))
    if original is None or language is None or language.stored:
        return None
    return original.name, language


def annotate_form(form):
    """On each override field of a model form: the converted source text as its
    placeholder, and its state (``data-override-state``, and a tooltip)."""
    obj = form.instance
    for name, formfield in form.fields.items():
        found = _override_column(type(obj), name)
        if found is None:
            continue
        field, language = found
        source = registry().source(language)
        source_text = getattr(obj, source.field(field), "") or ""
        if not source_text.strip():
            continue
        attrs = formfield.widget.attrs
        attrs["placeholder"] = language.convert(source_text)
        current = override_state(obj, field, language)
        if current is not None and obj.pk is not None:
            attrs["data-override-state"] = current.value
            attrs["title"] = str(current.label)
