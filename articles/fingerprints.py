"""Whether a translation is missing, outdated or current.

Each translatable row (article, opinion, person, block) keeps, in its
``translation_sources`` JSON field, what its source said when a translation was
last saved or confirmed::

    {"zh_hant": {"title": {"hash": "<fingerprint>", "text": "<source then>"}}}

keyed by the *target* language's field suffix. Stored on the row itself rather
than in a table of its own: the status is read from rows a page has already
loaded (no extra query), and a restore from history brings the fingerprints
back together with the texts they describe. The source text is kept beside its
hash so the editor can show what changed in the source since the translation.

With two stored languages, the source of a target language is the other one. A
derived language (zh-hans) is tracked too: its columns hold editors' overrides, made
from its source language (zh-hant); an override whose source changed since is
outdated, and a derived language with no override is simply derived (``MISSING``
here: there is no override to be behind).
"""

import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _

from .languages import registry
from .models import Article, Block, Opinion, Person, content_languages, field_suffix


class TranslationState(models.TextChoices):
    MISSING = "missing", _("missing")
    OUTDATED = "outdated", _("outdated")
    CURRENT = "current", _("current")


# The translated fields of each model whose translations are tracked.
TRACKED_FIELDS = {
    Article: ("title", "standfirst", "credits"),
    Opinion: ("headline",),
    Person: ("name", "role", "organisation", "bio"),
    Block: ("text",),
}


def normalised(text):
    """Whitespace does not count: a re-wrapped or re-spaced source is the same source."""
    return " ".join((text or "").split())


def fingerprint(text):
    return hashlib.sha256(normalised(text).encode("utf-8")).hexdigest()[:20]


def source_language(target):
    """The language a target language is translated (or derived) from."""
    language = registry().by_code(target)
    if language.derived:
        return language.derived_from
    return next(code for code in content_languages() if code != target)


def tracked_languages():
    """Every language whose texts can be behind their source: the stored ones and the
    derived ones' overrides."""
    return [language.code for language in registry() if language.has_columns]


def text_of(obj, field, language):
    return getattr(obj, f"{field}_{field_suffix(language)}", "") or ""


def recorded(obj, field, target):
    """What was stored for this field's translation into ``target`` ({} when nothing)."""
    sources = obj.translation_sources or {}
    return sources.get(field_suffix(target), {}).get(field) or {}


def record(obj, field, target):
    """Note that the translation into ``target`` matches the source as it is now
    (in memory: the caller saves)."""
    source = text_of(obj, field, source_language(target))
    sources = dict(obj.translation_sources or {})
    entries = dict(sources.get(field_suffix(target), {}))
    entries[field] = {"hash": fingerprint(source), "text": source}
    sources[field_suffix(target)] = entries
    obj.translation_sources = sources


def forget(obj, field, target):
    sources = dict(obj.translation_sources or {})
    entries = dict(sources.get(field_suffix(target), {}))
    if entries.pop(field, None) is not None:
        sources[field_suffix(target)] = entries
        obj.translation_sources = sources


def state(obj, field, target):
    """missing / outdated / current, or None when the source is empty (nothing to
    translate)."""
    source = text_of(obj, field, source_language(target))
    if not source.strip():
        return None
    if not text_of(obj, field, target).strip():
        return TranslationState.MISSING
    if recorded(obj, field, target).get("hash") == fingerprint(source):
        return TranslationState.CURRENT
    return TranslationState.OUTDATED


def article_fields(article):
    """(kind, object, field) of every translatable text of an article, in reading order:
    its own fields, its body blocks, then each opinion's headline, blocks and person,
    then the closing blocks (text after the opinions). Reads prefetched ``blocks``
    and ``opinions`` (with ``person`` and ``blocks``)."""
    fields = [("title", article, "title"), ("standfirst", article, "standfirst")]
    fields += [("block", block, "text") for block in article.body_blocks()]
    people = set()
    for opinion in article.opinions.all():
        fields.append(("headline", opinion, "headline"))
        fields += [("opinion_block", block, "text") for block in opinion.blocks.all()]
        if opinion.person_id not in people:
            people.add(opinion.person_id)
            fields += [("person_" + name, opinion.person, name) for name in TRACKED_FIELDS[Person]]
    fields += [("block", block, "text") for block in article.closing_blocks()]
    fields.append(("credits", article, "credits"))
    return fields


def outdated_in(article, target):
    """Is some translated text of the article into ``target`` behind its source?"""
    language = registry().get(target)
    if language is None:
        return False
    if language.derived and outdated_in(article, language.derived_from):
        return True  # its reader reads the source, converted
    if target == article.original_language:
        return False
    return any(
        state(obj, field, target) == TranslationState.OUTDATED
        for _kind, obj, field in article_fields(article)
    )


# --- kept right on every write ---------------------------------------------------


def record_changed_translations(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save: a target text that changed is a translation saved now, of the source
    as it is now. Whoever writes (admin, editor, import, shell) passes here.

    A restore from history (``raw``) brings its own fingerprints back with its texts;
    only versions older than the fingerprints, which have none, are taken as current.
    """
    names = TRACKED_FIELDS[sender]
    if update_fields is not None:
        names = [
            n
            for n in names
            if any(f"{n}_{field_suffix(c)}" in update_fields for c in tracked_languages())
        ]
        if not names:
            return
    if raw:
        for name in names:
            for target in tracked_languages():
                if text_of(instance, name, target).strip() and not recorded(instance, name, target):
                    record(instance, name, target)
        return
    columns = [f"{n}_{field_suffix(c)}" for n in names for c in tracked_languages()]
    stored = None
    if instance.pk is not None and not instance._state.adding:
        stored = sender._base_manager.filter(pk=instance.pk).values(*columns).first()
    before = instance.translation_sources
    for name in names:
        for target in tracked_languages():
            column = f"{name}_{field_suffix(target)}"
            new = getattr(instance, column) or ""
            if stored is not None and normalised(stored[column]) == normalised(new):
                continue
            if new.strip():
                record(instance, name, target)
            else:
                forget(instance, name, target)
    if update_fields is not None and instance.translation_sources != before:
        instance._fingerprints_to_write = True


def write_late_fingerprints(sender, instance, update_fields=None, **kwargs):
    """post_save: a save limited to some fields did not write the fingerprints."""
    if getattr(instance, "_fingerprints_to_write", False):
        instance._fingerprints_to_write = False
        sender._base_manager.filter(pk=instance.pk).update(
            translation_sources=instance.translation_sources
        )
