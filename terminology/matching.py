"""Where agreed terms occur in a text, and which translations break them.

French terms match inflected forms: the text and the term are cut into words
and stemmed exactly as the search does (search.text: NFKC, case and accent
folding, Snowball French), so ``réclamation`` matches ``réclamations`` and
``fidéliser`` matches ``fidélisé``. Terms in a script written without spaces
(Chinese) match as substrings. A language's terms are matched in every form
its family writes (registry: a stored language and the languages derived from
it): a Chinese term is found in Traditional or Simplified script, its
Simplified form being the term's override or the converted Traditional one.

Where terms overlap, the longest wins: in ``service client`` the ``client``
belongs to ``service client``, so a translation 客戶服務 does not also need 顧客.

The API for the translation tools::

    termbase = Termbase.load()          # one query; reuse it for many units
    findings = check_unit(source, target, "fr", "zh-hant", termbase)
    for finding in findings:
        finding.term, finding.kind, finding.expected   # what to show
        finding.apply(target)                          # the one-click fix
"""

from dataclasses import dataclass, field
from functools import lru_cache

from django.db import models

from articles.languages import registry
from search.text import has_cjk, spans, stem

from .models import Term

# Termbase.current(): the last termbase built, with the state it was built from.
_CURRENT = {}

MISSING_EQUIVALENT = "missing-equivalent"
FORBIDDEN_VARIANT = "forbidden-variant"


@dataclass(frozen=True)
class Finding:
    """One broken term in a unit's translation.

    ``expected`` is the agreed form to write; for a forbidden variant, ``found``
    is the variant as written and ``spans`` where it is in the translation.
    """

    term: Term
    kind: str
    language: str
    expected: str
    found: str = ""
    spans: tuple = field(default=(), compare=False)

    def __str__(self):
        if self.kind == FORBIDDEN_VARIANT:
            return f"{self.term}: «{self.found}» is forbidden, write «{self.expected}»"
        return f"{self.term}: «{self.expected}» missing in the translation"

    def apply(self, text):
        """``text`` with the fix: forbidden variants replaced by the agreed form,
        or the agreed form appended where it is missing (editors move it)."""
        if self.kind == MISSING_EQUIVALENT:
            return f"{text} {self.expected}" if text else self.expected
        out, position = [], 0
        for start, end in self.spans:
            out.append(text[position:start])
            out.append(self.expected)
            position = end
        out.append(text[position:])
        return "".join(out)


def _french_key(text):
    return tuple(stem(word) for _s, _e, word in spans(text))


def _family(language):
    """The languages whose text is written in ``language``'s stored form or
    derived from it, the stored one first: zh-hans -> [zh-hant, zh-hans]."""
    languages = registry()
    found = languages.get(language)
    if found is None:  # not a site language: matched as itself
        return ()
    source = languages.source(found)
    return (source, *(lang for lang in languages.derived() if lang.derived_from == source.code))


def _content(language):
    """The stored language whose terms ``language`` reads (zh-hans: zh-hant)."""
    family = _family(language)
    return family[0].code if family else language


@lru_cache(maxsize=4096)
def _converted(text, language):
    """``text`` (a form in ``language``'s stored language) in every form of its family."""
    forms = [lang.convert(text) for lang in _family(language)] or [text]
    return tuple(dict.fromkeys(f for f in forms if f))


def _term_forms(term, language):
    """A term's agreed forms across ``language``'s family (override included)."""
    forms = [term.form(lang.code) for lang in _family(language)] or [term.form(language)]
    return tuple(dict.fromkeys(f for f in forms if f))


class _Patterns:
    """Phrases to find in one language, each with a payload (term, form)."""

    def __init__(self):
        self.by_first = {}  # spaced scripts (French): first stem -> [(stems, payload)]
        self.strings = []  # unspaced scripts (Chinese): [(string, payload)]

    def add(self, forms, payload):
        for form in forms:
            form = form.strip()
            if has_cjk(form):
                self.strings.append((form, payload))
            elif key := _french_key(form):
                self.by_first.setdefault(key[0], []).append((key, payload))

    def find(self, text):
        """Non-overlapping matches, longest first: [(start, end, payload)]."""
        candidates = []
        for string, payload in self.strings:
            position = text.find(string)
            while position >= 0:
                candidates.append((position, position + len(string), payload))
                position = text.find(string, position + 1)
        if self.by_first:
            tokens = list(spans(text))
            stems = [stem(word) for _s, _e, word in tokens]
            for i, first in enumerate(stems):
                for key, payload in self.by_first.get(first, ()):
                    if tuple(stems[i : i + len(key)]) == key:
                        end = tokens[i + len(key) - 1][1]
                        candidates.append((tokens[i][0], end, payload))
        candidates.sort(key=lambda m: (m[0] - m[1], m[0]))
        taken, kept = [], []
        for start, end, payload in candidates:
            if all(end <= s or start >= e for s, e in taken):
                taken.append((start, end))
                kept.append((start, end, payload))
        kept.sort(key=lambda m: m[0])
        return kept


class Termbase:
    """Agreed terms, prepared for matching in each content language."""

    def __init__(self, terms):
        self.terms = list(terms)
        self._agreed = {}
        self._forbidden = {}

    @classmethod
    def load(cls):
        return cls(Term.objects.agreed())

    @classmethod
    def current(cls):
        """The agreed terms, kept between calls in this process while they do
        not change: one small query (for each search) instead of building
        every term again. Any save or delete moves the count or the latest date."""
        state = Term.objects.agreed().aggregate(
            count=models.Count("pk"), latest=models.Max("updated_at"), top=models.Max("pk")
        )
        if not state["count"]:
            return cls([])
        key = (Term.objects.db, state["count"], state["latest"], state["top"])
        cached = _CURRENT.get("termbase")
        if cached is None or cached[0] != key:
            cached = _CURRENT["termbase"] = (key, cls.load())
        return cached[1]

    def agreed_patterns(self, language):
        """Agreed forms, in every script of the language's family."""
        key = _content(language)
        if key not in self._agreed:
            patterns = self._agreed[key] = _Patterns()
            for term in self.terms:
                patterns.add(_term_forms(term, key), term)
        return self._agreed[key]

    def forbidden_patterns(self, language):
        key = _content(language)
        if key not in self._forbidden:
            patterns = self._forbidden[key] = _Patterns()
            for term in self.terms:
                for variant in term.forbidden(key):
                    patterns.add(_converted(variant, key), term)
        return self._forbidden[key]

    def terms_in(self, text, language):
        """The agreed terms a text contains, in order of first occurrence."""
        found = self.agreed_patterns(language).find(text or "")
        return list(dict.fromkeys(term for _s, _e, term in found))

    def check(self, source_text, target_text, source_lang, target_lang):
        if not (source_text or "").strip() or not (target_text or "").strip():
            return []  # an untranslated unit is the workflow's business, not ours
        findings = []
        for term in self.terms_in(source_text, source_lang):
            # Another term with the same source form may be the one the translator meant.
            wanted = {
                form
                for other in self.terms
                if other.form(_content(source_lang)) == term.form(_content(source_lang))
                for form in _term_forms(other, target_lang)
            }
            if not self._written(wanted, target_text):
                findings.append(
                    Finding(term, MISSING_EQUIVALENT, target_lang, term.form(target_lang))
                )
        target_agreed = self.agreed_patterns(target_lang).find(target_text)
        forbidden = self._forbidden_in(target_text, target_lang, target_agreed)
        # Replacing the forbidden variant also writes the missing equivalent: one finding.
        replaced = {finding.term for finding in forbidden}
        return [f for f in findings if f.term not in replaced] + forbidden

    def _written(self, wanted, text):
        # Presence, overlaps included: 顧客 inside 顧客體驗 is written too.
        patterns = _Patterns()
        for form in wanted:
            patterns.add([form], form)
        return any(True for _ in _overlapping(patterns, text))

    def _forbidden_in(self, text, language, agreed_matches):
        # Variants inside an agreed form do not count: 客戶 in 客戶服務.
        masked = list(text)
        for start, end, _term in agreed_matches:
            masked[start:end] = "\0" * (end - start)
        masked = "".join(masked)
        by_term = {}
        for start, end, term in self.forbidden_patterns(language).find(masked):
            by_term.setdefault(term, []).append((start, end))
        return [
            Finding(
                term,
                FORBIDDEN_VARIANT,
                language,
                term.form(language),
                found=", ".join(dict.fromkeys(text[s:e] for s, e in places)),
                spans=tuple(places),
            )
            for term, places in by_term.items()
        ]


def _overlapping(patterns, text):
    # Every occurrence, overlaps included (presence, not consumption).
    for string, payload in patterns.strings:
        if string in text:
            yield payload
    if patterns.by_first:
        stems = [stem(word) for _s, _e, word in spans(text)]
        for i, first in enumerate(stems):
            for key, payload in patterns.by_first.get(first, ()):
                if tuple(stems[i : i + len(key)]) == key:
                    yield payload


def check_unit(source_text, target_text, source_lang, target_lang, termbase=None):
    """The findings for one unit (a title, a block...): agreed terms of the source
    whose equivalent the translation lacks, and forbidden variants it uses."""
    termbase = termbase or Termbase.load()
    return termbase.check(source_text, target_text, source_lang, target_lang)
