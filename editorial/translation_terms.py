"""The termbase in the translation workflow: which units break an agreed term, the
one-click fix in the side-by-side editor, and the dashboard's counts.

Every page loads the agreed terms once (``Termbase.load()``, one query) and checks
all its units against them in memory: the query count does not grow with the number
of terms, units or articles.
"""

from django.utils.translation import gettext as _

from terminology.matching import FORBIDDEN_VARIANT


def findings(unit, termbase, target=None):
    """The unit's findings for ``target`` (what the editor typed) or its stored text."""
    text = unit.target if target is None else target
    return termbase.check(unit.source, text, unit.source_language, unit.target_language)


def fix_value(unit_id, term_pk):
    """The value of a fix button: ``block:345:text:12`` (a unit id has colons)."""
    return f"{unit_id}:{term_pk}"


def parse_fix(value):
    """(unit id, term pk) from a fix button's value; ValueError when malformed."""
    unit_id, _sep, pk = str(value).rpartition(":")
    if not unit_id or not pk.isdigit():
        raise ValueError(_("Unknown terminology fix: %(value)s") % {"value": value})
    return unit_id, int(pk)


def finding_rows(unit, termbase, target):
    """What the editor shows beside a unit: each finding with its fix button."""
    rows = []
    for finding in findings(unit, termbase, target):
        forbidden = finding.kind == FORBIDDEN_VARIANT
        rows.append(
            {
                "finding": finding,
                "forbidden": forbidden,
                "term": finding.term,
                "expected": finding.expected,
                "found": finding.found,
                "value": fix_value(unit.id, finding.term.pk),
            }
        )
    return rows


def apply_fix(units, data, value, termbase):
    """``data`` (a mutable copy of the POST) with the fix named by ``value`` applied
    to that unit's typed text; returns (data, message). Nothing is saved: the editor
    sees the result and saves it with the rest, or not.

    A forbidden variant is replaced by the agreed form; a missing equivalent is
    appended at the end of the text (the editor moves it where it belongs: where it
    goes in the sentence is not a guess to make for them).
    """
    unit_id, term_pk = parse_fix(value)
    unit = next((u for u in units if u.id == unit_id), None)
    if unit is None or unit_id not in data:
        raise ValueError(_("%(unit)s is not a unit shown on this page.") % {"unit": unit_id})
    typed = data.get(unit_id, "")
    finding = next((f for f in findings(unit, termbase, typed) if f.term.pk == term_pk), None)
    if finding is None:
        # Already fixed by hand, or the term changed meanwhile: say so, change nothing.
        return data, _("This term is no longer flagged in that unit: nothing was changed.")
    data[unit_id] = finding.apply(typed)
    if finding.kind == FORBIDDEN_VARIANT:
        message = _("«%(found)s» replaced with «%(expected)s». Nothing is saved yet.")
    else:
        message = _(
            "«%(expected)s» added at the end of the text: move it where it belongs. "
            "Nothing is saved yet."
        )
    return data, message % {"found": finding.found, "expected": finding.expected}


def flagged(units, termbase):
    """How many of these units have findings (their stored texts)."""
    return sum(1 for unit in units if findings(unit, termbase))
