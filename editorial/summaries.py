"""What a revision did, stored as data and worded when it is shown.

A revision's comment (django-reversion's ``Revision.comment``) holds a JSON object,
``{"summary": [item, ...]}``, instead of a sentence in the saver's language. The
comment column is kept rather than a table of our own: every revision already has
one, the history pages already load it (no query more), and reversion keeps it with
the versions it restores. Each item says what happened in terms of the model:

- ``{"added" | "changed" | "deleted": {"model": "articles.block", "object": "…",
  "fields": [["text", "zh-hant"], ["position", null]], "own": true}}``: an object
  saved, named as it was then (``own``: the page's object, not an inline); a field is
  its model name and, when translated, its language;
- ``{"event": "published" | "unpublished"}``, ``{"event": "translated", "language": …}``,
  ``{"event": "translations_imported", "language": …, "file": …}``,
  ``{"event": "restored" | "recovered", "saved_at": "<ISO date>"}``.

``describe(revision)`` words it in the active language, with the fields' verbose
names and the languages' names. A comment that is not such an object (revisions
saved before, or by another tool) is shown as it was written.
"""

import json

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from articles.content.schema import IMPORT_COMMENT as CONTENT_IMPORT_COMMENT
from articles.languages import registry

from .history import language_label

# Comments that imports store as fixed English sentences: worded here instead.
FIXED_COMMENTS = {
    CONTENT_IMPORT_COMMENT: lambda: _("Imported from the content files (import_content)."),
}


def encode(items):
    """The comment to store for these summary items."""
    return json.dumps({"summary": list(items)}, ensure_ascii=False, sort_keys=True)


def event(name, **values):
    return {"event": name, **values}


def field_key(model, name):
    """A form field as the summary stores it: [model field, language or None];
    None for a form field that is not the model's (the version number, say)."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    original = getattr(field, "translated_field", None)
    if original is not None:
        return [original.name, field.language]
    return [field.name, None]


def _fields(model, names):
    return [key for key in (field_key(model, name) for name in names) if key is not None]


def _named(obj, **values):
    return {"model": obj._meta.label_lower, "object": str(obj), **values}


def from_forms(form, formsets, add):
    """The summary of an admin save (the counterpart of construct_change_message).
    The page's own object is marked ``own``: its history says "Changed title.", the
    history of an opinion saved with it names the article."""
    obj = form.instance
    if add:
        items = [{"added": _named(obj, own=True)}]
    else:
        fields = _fields(type(obj), form.changed_data)
        items = [{"changed": _named(obj, own=True, fields=fields)}] if fields else []
    for formset in formsets or ():
        for inline in formset.new_objects:
            items.append({"added": _named(inline)})
        for inline, changed in formset.changed_objects:
            fields = _fields(type(inline), changed)
            if fields:
                items.append({"changed": _named(inline, fields=fields)})
        for inline in formset.deleted_objects:
            items.append({"deleted": _named(inline)})
    return items


# --- wording -----------------------------------------------------------------------


def _field_label(model, name, language):
    if model is None:
        return name
    if language is not None:
        column = model._meta.get_field(build_localized_fieldname(name, language))
        verbose = column.translated_field.verbose_name
        return _("%(field)s (%(language)s)") % {
            "field": verbose,
            "language": language_label(language),
        }
    return str(model._meta.get_field(name).verbose_name)


def _field_list(model, fields):
    labels = [_field_label(model, name, language) for name, language in fields]
    if len(labels) < 2:
        return "".join(labels)
    # "a, b and c" / "甲、乙和丙": the separator from the registry, the "and" from the catalogue.
    separator = registry().active().list_separator
    return _("%(items)s and %(last)s") % {"items": separator.join(labels[:-1]), "last": labels[-1]}


def _when(value):
    moment = parse_datetime(value or "")
    if moment is None:
        return value or "?"
    return formats.localize(timezone.template_localtime(moment))


def _sentence(item, model):
    """One item in words. ``model``: the model whose history is read."""
    if "event" in item:
        name = item["event"]
        if name == "published":
            return _("Published (bulk action).")
        if name == "unpublished":
            return _("Unpublished (bulk action).")
        if name == "translated":
            return _("Translation into %(language)s") % {
                "language": language_label(item["language"])
            }
        if name == "translations_imported":
            return _("Translations into %(language)s imported from %(file)s") % {
                "language": language_label(item["language"]),
                "file": item["file"],
            }
        if name == "restored":
            return _("Restored the version saved on %(date)s.") % {
                "date": _when(item.get("saved_at"))
            }
        if name == "recovered":
            return _("Recovered the deleted version saved on %(date)s.") % {
                "date": _when(item.get("saved_at"))
            }
        raise ValueError(name)
    (action, details), *_rest = item.items()
    changed = apps.get_model(details["model"])
    if details.get("own") and changed is model:
        if action == "added":
            return _("Added.")
        if action == "changed":
            return _("Changed %(fields)s.") % {"fields": _field_list(changed, details["fields"])}
    else:
        values = {"name": changed._meta.verbose_name, "object": details.get("object", "")}
        if action == "added":
            return _("Added %(name)s “%(object)s”.") % values
        if action == "deleted":
            return _("Deleted %(name)s “%(object)s”.") % values
        if action == "changed":
            return _("Changed %(fields)s for %(name)s “%(object)s”.") % {
                **values,
                "fields": _field_list(changed, details["fields"]),
            }
    raise ValueError(action)


def decode(comment):
    """The summary items of a stored comment; None when it holds words, not data."""
    if not comment or not comment.startswith("{"):
        return None
    try:
        data = json.loads(comment)
    except ValueError:
        return None
    items = data.get("summary") if isinstance(data, dict) else None
    return items if isinstance(items, list) else None


def describe(revision, model=None):
    """What ``revision`` did, in the active language (``model``: the model of the
    object whose history is read, for the fields of its own changes)."""
    comment = revision.comment or ""
    items = decode(comment)
    if items is None:
        fixed = FIXED_COMMENTS.get(comment)
        return fixed() if fixed else revision.get_comment()
    try:
        sentences = [_sentence(item, model) for item in items]
    except (KeyError, LookupError, FieldDoesNotExist, TypeError, ValueError, AttributeError):
        # Written by a newer or older version of this code: show it unworded.
        return comment
    return " ".join(sentences) if sentences else _("No fields changed.")
