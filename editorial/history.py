"""Versions of the content (django-reversion) and what changed between two of them.

Every save through the admin, a bulk action or a restore records a revision
with its author and time. An article's versions follow its body blocks and
its opinions (and their blocks), so a restore brings the whole text back.

The comparison works on *snapshots*: ``{(model, pk): {field: value}}`` for an
object and the objects it owns, taken either from a stored revision or from
the database, and reports field by field and language by language.
"""

from dataclasses import dataclass
from datetime import date, datetime

import reversion
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from modeltranslation.translator import NotRegistered, translator
from reversion.models import Version

from articles.languages import registry
from articles.models import Article, Block, Opinion, Person, Question

# What each versioned model's revision follows: an article's version holds its
# body and its opinions, an opinion's its blocks.
VERSIONED = (
    (Question, ()),
    (Person, ()),
    (Block, ()),
    (Opinion, ("blocks",)),
    (Article, ("blocks", "opinions")),
)


def register_versioned_models():
    """Called from the app's ready(). The admin's VersionAdmin registers its models
    on its own (following only the inlines), so this replaces those registrations."""
    for model, follow in VERSIONED:
        if reversion.is_registered(model):
            reversion.unregister(model)
        reversion.register(model, follow=follow)


# Bookkeeping columns nobody edits: left out of every comparison.
IGNORED = {"id", "version", "created_at", "updated_at", "translation_sources"}
OWNER_FIELDS = {Block: {"article_id", "opinion_id"}, Opinion: {"article_id"}}


def language_label(code):
    """A language's name inside a field label or a sentence, in the active language:
    its UI name from the registry ("Traditional Chinese", not an ambiguous "Chinese")."""
    language = registry().get(code.replace("_", "-"))
    if language is None:
        return code
    name = str(language.name)
    # French writes a language's name in lower case inside a sentence: the
    # catalogue says so ("lower"), rather than a test on the language code here.
    # Translators: "lower" if your language writes language names in lower case
    # inside a sentence (French: "français"), else "as-is".
    if pgettext("language names inside a sentence: lower or as-is", "as-is") == "lower":
        name = name[:1].lower() + name[1:]
    return name


def compared_fields(model):
    """The model's editable columns in form order; a translated field is
    replaced by its per-language columns (title -> title_fr, title_zh_hant, …)."""
    try:
        translated = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        translated = {}
    owners = OWNER_FIELDS.get(model, set())
    result = []
    for field in model._meta.concrete_fields:
        if getattr(field, "translated_field", None) is not None:
            continue  # listed under its original field below
        if field.attname in IGNORED or field.attname in owners or not field.editable:
            continue  # bookkeeping (versions, dates, derived flags), not what was written
        if field.name in translated:
            # Every language with a column: the stored ones, then a derived
            # language's overrides (registry order).
            by_language = {f.language: f for f in translated[field.name]}
            result += [
                by_language[language.code]
                for language in registry()
                if language.code in by_language
            ]
        else:
            result.append(field)
    return result


def field_label(field):
    original = getattr(field, "translated_field", None)
    if original is None:
        return capfirst(field.verbose_name)
    return _("%(field)s (%(language)s)") % {
        "field": capfirst(original.verbose_name),
        "language": language_label(field.language),
    }


# --- snapshots -------------------------------------------------------------------


def _row(obj):
    model = type(obj)
    row = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}
    return row


def live_snapshot(obj):
    """The object and what it owns, as stored now."""
    snapshot = {(type(obj), obj.pk): _row(obj)}
    if isinstance(obj, Article):
        opinions = list(Opinion.objects.filter(article=obj))
        blocks = Block.objects.filter(models.Q(article=obj) | models.Q(opinion__article=obj))
        for item in [*opinions, *blocks]:
            snapshot[(type(item), item.pk)] = _row(item)
    elif isinstance(obj, Opinion):
        for block in Block.objects.filter(opinion=obj):
            snapshot[(Block, block.pk)] = _row(block)
    return snapshot


def version_snapshot(version):
    """The object of ``version`` and what it owned, as stored in its revision."""
    model = version._model
    pk = model._meta.pk.to_python(version.object_id)
    rows = {}
    for item in version.revision.version_set.all():
        item_model = item._model
        if item_model not in (Article, Opinion, Block, Person, Question):
            continue
        item_pk = item_model._meta.pk.to_python(item.object_id)
        rows[(item_model, item_pk)] = item.field_dict
    snapshot = {(model, pk): rows.get((model, pk), version.field_dict)}
    if model is Article:
        opinion_pks = {
            key[1] for key, row in rows.items() if key[0] is Opinion and row["article_id"] == pk
        }
        for key, row in rows.items():
            if (key[0] is Opinion and key[1] in opinion_pks) or (
                key[0] is Block and (row["article_id"] == pk or row["opinion_id"] in opinion_pks)
            ):
                snapshot[key] = row
    elif model is Opinion:
        for key, row in rows.items():
            if key[0] is Block and row["opinion_id"] == pk:
                snapshot[key] = row
    return snapshot


# --- comparison ------------------------------------------------------------------


@dataclass
class Change:
    model: type
    pk: object
    where: str
    field: models.Field
    label: str
    before: str
    after: str
    status: str  # "changed", "added" or "removed"
    yours: str | None = None


class Formatter:
    """Turns stored values into what an editor reads (labels, names, local times)."""

    def __init__(self, *snapshots):
        person_ids = set()
        for snapshot in snapshots:
            for row in snapshot.values():
                for name in ("author_id", "person_id"):
                    if row.get(name):
                        person_ids.add(row[name])
        self.people = {p.pk: p.name for p in Person.objects.filter(pk__in=person_ids)}
        self.rows = {}
        for snapshot in snapshots:
            self.rows.update(snapshot)

    def value(self, field, value):
        if value in (None, ""):
            return ""
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(field, models.ForeignKey) and field.related_model is Person:
            try:
                return self.people.get(int(value), str(value))
            except (TypeError, ValueError):
                return str(value)
        if isinstance(value, datetime):
            return formats.localize(timezone.template_localtime(value))
        if isinstance(value, date):
            return formats.localize(value)
        return str(value)

    def where(self, model, pk):
        row = self.rows.get((model, pk), {})
        if model is Article:
            return _("Article")
        if model is Opinion:
            return _("Opinion of %(person)s") % {
                "person": self.people.get(row.get("person_id"), "?")
            }
        if model is Block and row.get("article_id"):
            return _("Body block %(position)s") % {"position": row.get("position", "?")}
        if model is Block:
            opinion = self.rows.get((Opinion, row.get("opinion_id")), {})
            return _("Opinion of %(person)s, block %(position)s") % {
                "person": self.people.get(opinion.get("person_id"), "?"),
                "position": row.get("position", "?"),
            }
        return capfirst(model._meta.verbose_name)


def _sort_key(formatter, key):
    """Article first, then body blocks, then each opinion followed by its blocks."""
    model, pk = key
    row = formatter.rows.get(key, {})
    if model is Article or model not in (Opinion, Block):
        return (0, 0, 0, 0)
    if model is Block and row.get("article_id"):
        return (1, row.get("position", 0), 0, pk)
    opinion_pk = pk if model is Opinion else row.get("opinion_id")
    opinion = formatter.rows.get((Opinion, opinion_pk), {})
    inner = (0, 0) if model is Opinion else (1, row.get("position", 0))
    return (2, opinion.get("position", 0), opinion_pk, *inner)


def compare(before, after):
    """Changes from snapshot ``before`` to snapshot ``after``, in reading order."""
    formatter = Formatter(before, after)
    changes = []
    for key in sorted(set(before) | set(after), key=lambda k: _sort_key(formatter, k)):
        model, pk = key
        old, new = before.get(key), after.get(key)
        status = "changed" if old and new else ("added" if new else "removed")
        where = formatter.where(model, pk)
        for field in compared_fields(model):
            old_value = formatter.value(field, (old or {}).get(field.attname))
            new_value = formatter.value(field, (new or {}).get(field.attname))
            if old_value == new_value:
                continue
            changes.append(
                Change(model, pk, where, field, field_label(field), old_value, new_value, status)
            )
    return changes, formatter


def differences(live, submitted, formatter):
    """Fields where what an editor submitted differs from what is stored."""
    changes = []
    for (model, pk, name), value in submitted.items():
        row = live.get((model, pk))
        if row is None:
            continue
        field = model._meta.get_field(name[:-3] if name.endswith("_id") else name)
        stored = formatter.value(field, row.get(field.attname))
        if stored != formatter.value(field, value):
            where = formatter.where(model, pk)
            changes.append(
                Change(model, pk, where, field, field_label(field), "", stored, "changed")
            )
    changes.sort(key=lambda change: _sort_key(formatter, (change.model, change.pk)))
    return changes


# --- versions ----------------------------------------------------------------------


def versions_of(obj_or_model, pk=None):
    """Stored versions of an object, newest first."""
    model = obj_or_model if pk is not None else type(obj_or_model)
    pk = pk if pk is not None else obj_or_model.pk
    return (
        Version.objects.get_for_object_reference(model, pk)
        .select_related("revision", "revision__user")
        .order_by("-pk")
    )


def previous_version(version):
    return (
        Version.objects.filter(
            content_type_id=version.content_type_id,
            object_id=version.object_id,
            pk__lt=version.pk,
        )
        .select_related("revision")
        .order_by("-pk")
        .first()
    )


def changes_in(version):
    """What ``version`` changed compared with the version before it."""
    previous = previous_version(version)
    before = version_snapshot(previous) if previous else {}
    return compare(before, version_snapshot(version))[0]
