"""Termbase records: what the files (formats.py) read and write.

Every reader turns a file into labelled records (plain dicts, one per term
pair, with the line or entry they came from) or raises TermFileError listing
every problem; nothing is written unless the whole file is good
(import_records checks everything first, then writes in one transaction).

A record::

    {"fr": "client", "zh-hant": "顧客", "zh-hans": None, "status": "agreed",
     "part_of_speech": "noun", "domain": "", "note": "",
     "forbidden": {"fr": [], "zh-hant": ["客戶"]}}
"""

import reversion
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from .models import Term

IMPORT_COMMENT = "Imported from a termbase file"

# Language codes as the files write them -> the record's keys.
LANGUAGES = {"fr": "fr", "zh-hant": "zh-hant", "zh-hans": "zh-hans"}
FORBIDDEN_LANGUAGES = ("fr", "zh-hant")
TEXT_FIELDS = ("part_of_speech", "domain", "note")
MAX_LENGTH = 200


class TermFileError(Exception):
    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = list(errors)


def language_code(text):
    """A file's language tag (zh-Hant, zh_Hant, FR) as a record key, or None."""
    return LANGUAGES.get(str(text).strip().replace("_", "-").lower())


def record_of(term):
    return {
        "fr": term.french,
        "zh-hant": term.chinese,
        "zh-hans": term.simplified_override or None,
        "status": term.status,
        "part_of_speech": term.part_of_speech,
        "domain": term.domain,
        "note": term.note,
        "forbidden": {lang: term.forbidden(lang) for lang in FORBIDDEN_LANGUAGES},
    }


def export_records():
    return [record_of(term) for term in Term.objects.order_by(Lower("french"), "french")]


def check_records(labelled):
    """Problems of [(label, record)]: missing terms, bad values, duplicates."""
    errors, seen = [], {}
    statuses, kinds = Term.Status.values, Term.PartOfSpeech.values
    for label, record in labelled:
        french, chinese = record.get("fr") or "", record.get("zh-hant") or ""
        if not french:
            errors.append(_("%(where)s: the French term is missing") % {"where": label})
        if not chinese:
            errors.append(_("%(where)s: the Chinese term is missing") % {"where": label})
        for value in (french, chinese, record.get("zh-hans") or "", record.get("domain", "")):
            if len(value) > MAX_LENGTH:
                errors.append(
                    _("%(where)s: «%(value)s…» is longer than %(max)s characters")
                    % {"where": label, "value": value[:20], "max": MAX_LENGTH}
                )
        if record.get("status") not in statuses:
            errors.append(
                _("%(where)s: unknown status «%(value)s» (%(choices)s)")
                % {"where": label, "value": record.get("status"), "choices": ", ".join(statuses)}
            )
        if record.get("part_of_speech") and record["part_of_speech"] not in kinds:
            errors.append(
                _("%(where)s: unknown part of speech «%(value)s» (%(choices)s)")
                % {"where": label, "value": record["part_of_speech"], "choices": ", ".join(kinds)}
            )
        if french and french in seen:
            errors.append(
                _("%(where)s: «%(term)s» is already defined at %(first)s")
                % {"where": label, "term": french, "first": seen[french]}
            )
        seen.setdefault(french, label)
    return errors


def import_records(labelled):
    """Create or update the terms (matched by their French form), all or nothing.

    Returns (created, updated, unchanged); a term whose values are the same is
    not saved, so importing a file twice changes nothing (not even versions).
    """
    errors = check_records(labelled)
    if errors:
        raise TermFileError(errors)
    created = updated = unchanged = 0
    # One revision for the file: the terms' history starts here, so an editor's
    # conflict with this import lists exactly what it changed.
    with transaction.atomic(), reversion.create_revision():
        reversion.set_comment(IMPORT_COMMENT)
        existing = {t.french: t for t in Term.objects.select_for_update()}
        for _label, record in labelled:
            term = existing.get(record["fr"]) or Term(french=record["fr"])
            values = {
                "chinese": record["zh-hant"],
                "simplified_override": record.get("zh-hans") or None,
                "status": record["status"],
                "part_of_speech": record.get("part_of_speech", ""),
                "domain": record.get("domain", ""),
                "note": record.get("note", ""),
                "forbidden_fr": "\n".join(record.get("forbidden", {}).get("fr", [])),
                "forbidden_zh_hant": "\n".join(record.get("forbidden", {}).get("zh-hant", [])),
            }
            if term.pk and all(getattr(term, k) == v for k, v in values.items()):
                unchanged += 1
                continue
            for name, value in values.items():
                setattr(term, name, value)
            created, updated = (created + 1, updated) if not term.pk else (created, updated + 1)
            term.save()
    return created, updated, unchanged
