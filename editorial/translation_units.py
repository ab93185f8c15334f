"""An article's translatable units for one target language, and how they change.

A unit is one translated field of one row: ``article:12:title``, ``block:345:text``,
``opinion:7:headline``, ``person:3:role``. The side-by-side editor, the dashboard
and the translators' exchange files all work on these units; every change goes
through ``apply_translations`` (compare-and-set on the article's version, one
history revision naming the language).
"""

from dataclasses import dataclass

import reversion
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.fingerprints import (
    TRACKED_FIELDS,
    TranslationState,
    article_fields,
    fingerprint,
    record,
    recorded,
    source_language,
    state,
    text_of,
)
from articles.languages import registry
from articles.models import (
    Article,
    Block,
    Opinion,
    Person,
    StaleVersion,
    content_languages,
)

from . import summaries
from .history import language_label as language_label_in_sentence

MODEL_NAMES = {Article: "article", Opinion: "opinion", Person: "person", Block: "block"}
MODELS_BY_NAME = {name: model for model, name in MODEL_NAMES.items()}

KIND_LABELS = {
    "title": gettext_lazy("Title"),
    "standfirst": gettext_lazy("Standfirst"),
    "credits": gettext_lazy("Credits"),
    "block": gettext_lazy("Body paragraph"),
    "headline": gettext_lazy("Opinion headline"),
    "opinion_block": gettext_lazy("Opinion paragraph"),
    "person_name": gettext_lazy("Name"),
    "person_role": gettext_lazy("Role"),
    "person_organisation": gettext_lazy("Organisation"),
    "person_bio": gettext_lazy("Short bio"),
}

# Units shown on one line in the editor (the others are multi-line texts).
SINGLE_LINE = {"title", "headline", "person_name", "person_role", "person_organisation"}


class EditConflict(Exception):
    """A colleague saved the article after the translator loaded it."""


def unit_id(obj, field):
    return f"{MODEL_NAMES[type(obj)]}:{obj.pk}:{field}"


def parse_unit_id(value):
    """(model, pk, field) from ``block:345:text``; ValueError when it names no
    translatable field."""
    try:
        name, pk, field = str(value).split(":")
        model = MODELS_BY_NAME[name]
        pk = int(pk)
    except (ValueError, KeyError):
        raise ValueError(_("Unknown translation unit: %(unit)s") % {"unit": value}) from None
    if field not in TRACKED_FIELDS[model]:
        raise ValueError(_("Unknown translation unit: %(unit)s") % {"unit": value})
    return model, pk, field


@dataclass
class Unit:
    id: str
    kind: str
    obj: object
    field: str
    source_language: str
    target_language: str
    # The opinion a unit belongs to (its headline, blocks and person), else None.
    opinion: object = None

    @property
    def label(self):
        return KIND_LABELS[self.kind]

    @property
    def source(self):
        return text_of(self.obj, self.field, self.source_language)

    @property
    def target(self):
        return text_of(self.obj, self.field, self.target_language)

    @property
    def status(self):
        return state(self.obj, self.field, self.target_language)

    @property
    def previous_source(self):
        """The source text as it was when the translation was saved or confirmed
        ("" when unknown)."""
        return recorded(self.obj, self.field, self.target_language).get("text", "")

    @property
    def single_line(self):
        return self.kind in SINGLE_LINE

    @property
    def target_fingerprint(self):
        return fingerprint(self.target)

    @property
    def source_fingerprint(self):
        """Whitespace-insensitive: tells an exchange file whether the source moved on."""
        return fingerprint(self.source)


def target_languages(article):
    """The languages an article is translated into: every content language but its own."""
    return [code for code in content_languages() if code != article.original_language]


def is_target(article, language):
    return language in target_languages(article)


def language_label(code):
    return registry().by_code(code).name


def language_in_sentence(code):
    """A language's name inside a sentence (French writes it in lower case: the
    catalogue says so, see history.language_label)."""
    return language_label_in_sentence(code)


def unit_prefetches():
    """What an article's units read: its blocks, its opinions with their people
    and blocks, in reading order (three queries whatever the number of articles)."""
    return (
        Prefetch("blocks", queryset=Block.objects.order_by("position", "pk")),
        Prefetch(
            "opinions",
            queryset=Opinion.objects.select_related("person")
            .order_by("position", "pk")
            .prefetch_related(
                Prefetch("blocks", queryset=Block.objects.order_by("position", "pk"))
            ),
        ),
    )


def articles_with_units():
    """Articles with everything their units read, in four queries whatever their number."""
    return Article.objects.prefetch_related(*unit_prefetches())


def article_units(article, target):
    """Every unit with a source text to translate, in reading order (the article needs
    the prefetches of ``articles_with_units``)."""
    source = source_language(target)
    units = []
    current_opinion = None
    for kind, obj, field in article_fields(article):
        if kind == "headline":
            current_opinion = obj
        elif kind in {"block", "credits"}:
            current_opinion = None
        if not text_of(obj, field, source).strip():
            continue
        units.append(
            Unit(
                id=unit_id(obj, field),
                kind=kind,
                obj=obj,
                field=field,
                source_language=source,
                target_language=target,
                opinion=current_opinion,
            )
        )
    return units


@dataclass
class Progress:
    total: int = 0
    missing: int = 0
    outdated: int = 0

    @property
    def current(self):
        return self.total - self.missing - self.outdated

    @property
    def percent(self):
        return 100 if not self.total else round(100 * self.current / self.total)


def progress(units):
    counts = Progress(total=len(units))
    for unit in units:
        status = unit.status
        if status == TranslationState.MISSING:
            counts.missing += 1
        elif status == TranslationState.OUTDATED:
            counts.outdated += 1
    return counts


# --- changing units ---------------------------------------------------------------


def set_target(unit, text):
    """Put a new target text on the unit's row (in memory); True if it changed.
    The row's pre_save records the fingerprint of the source when it is saved."""
    text = (text or "").replace("\r\n", "\n").strip()
    if text == unit.target.strip():
        return False
    setattr(unit.obj, f"{unit.field}_{unit.target_language.replace('-', '_')}", text)
    return True


def confirm(unit):
    """Take the translation as matching the source as it is now (in memory)."""
    if unit.status != TranslationState.OUTDATED:
        return False
    record(unit.obj, unit.field, unit.target_language)
    return True


@transaction.atomic
def apply_translations(
    article, target, texts=None, confirmed=(), user=None, loaded_version=None, summary=None
):
    """Save target texts (``{unit id: text}``) and confirm units (unit ids) of one
    article, all or nothing, as one revision in its history naming the language.

    With ``loaded_version``, refuses (EditConflict) when the article moved on since.
    Raises ValueError for a unit id that is not one of the article's units.
    Returns the ids of the units changed.
    """
    texts = texts or {}
    units = {unit.id: unit for unit in article_units(article, target)}
    for value in [*texts, *confirmed]:
        if value not in units:
            parse_unit_id(value)  # a malformed id gets its own message
            raise ValueError(
                _("%(unit)s is not a unit of this article to translate.") % {"unit": value}
            )
    for value, text in texts.items():
        unit = units[value]
        limit = unit.obj._meta.get_field(unit.field).max_length
        if limit and len((text or "").strip()) > limit:
            raise ValueError(
                _("%(unit)s: the text is longer than %(limit)d characters.")
                % {"unit": value, "limit": limit}
            )
    if loaded_version is not None:
        # The article's save below is a compare-and-set from this version.
        article.version = loaded_version
    changed = {}
    for value, text in texts.items():
        if set_target(units[value], text):
            changed[value] = units[value].obj
    for value in confirmed:
        if value not in changed and confirm(units[value]):
            changed[value] = units[value].obj
    with reversion.create_revision():
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        # Worded when shown, in the reader's language (summaries.py).
        reversion.set_comment(
            summaries.encode([summary or summaries.event("translated", language=target)])
        )
        try:
            # The article first: its save refuses a copy older than the database's.
            if article.pk in {obj.pk for obj in changed.values() if isinstance(obj, Article)}:
                article.save()
            else:
                article.save(update_fields=["version"])
            saved = {(Article, article.pk)}
            for obj in changed.values():
                key = (type(obj), obj.pk)
                if key not in saved:
                    saved.add(key)
                    obj.save()
        except StaleVersion as error:
            raise EditConflict from error
    return list(changed)
