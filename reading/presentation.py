"""How content is shown to readers: translation fallback, aligned rows, stance summaries.

Nothing here queries the database: it works on objects the views have already loaded.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import get_language

from articles.models import Stance, content_languages, field_suffix

# BCP 47 tags for the `lang` attribute, per content language.
HTML_LANG = {"fr": "fr", "zh-hant": "zh-Hant"}
OG_LOCALE = {"fr": "fr_FR", "zh-hant": "zh_TW"}

# One symbol per stance (the templates draw it as SVG), so stance is never colour alone.
STANCE_ORDER = [Stance.YES, Stance.DEPENDS, Stance.NO]


def language_name(code):
    return dict(settings.LANGUAGES).get(code, code)


def reader_language():
    """The active language, reduced to a content language (fr when unknown)."""
    code = (get_language() or settings.LANGUAGE_CODE).lower()
    return code if code in content_languages() else settings.LANGUAGE_CODE


@dataclass(frozen=True)
class Shown:
    """A translated value as the reader sees it, and in which language it is written."""

    text: str
    language: str
    fallback: bool

    @property
    def html_lang(self):
        return HTML_LANG.get(self.language, self.language)

    @property
    def language_name(self):
        return language_name(self.language)

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text)


def shown(obj, field_name, language=None):
    """The value of a translated field in the reader's language or, when that is empty,
    in the first other content language that has it (flagged as a fallback)."""
    language = language or reader_language()
    order = [language] + [c for c in content_languages() if c != language]
    for code in order:
        value = getattr(obj, f"{field_name}_{field_suffix(code)}", "") or ""
        if value.strip():
            return Shown(value, code, code != language)
    return Shown("", language, False)


def raw(obj, field_name, language):
    """The value stored for one language, with no fallback."""
    return getattr(obj, f"{field_name}_{field_suffix(language)}", "") or ""


def has_fallback(article, language=None):
    """Does any text of the article (own fields, body, opinions) fall back to another
    language? Uses the prefetched blocks and opinions."""
    language = language or reader_language()
    fields = [(article, "title"), (article, "standfirst"), (article, "credits")]
    fields += [(block, "text") for block in article.blocks.all()]
    for opinion in article.opinions.all():
        fields.append((opinion, "headline"))
        fields += [(block, "text") for block in opinion.blocks.all()]
    return any(shown(obj, name, language).fallback for obj, name in fields)


@dataclass
class Row:
    """One row of the side-by-side view: the same block in each language."""

    kind: str
    cells: list  # [(language, html_lang, text)] in LANGUAGES order; text "" = missing


def aligned_rows(blocks, languages=None):
    """Pair block N's texts across languages. A side that is empty stays in its row as
    'missing', so nothing after it shifts."""
    languages = languages or content_languages()
    rows = []
    for block in blocks:
        cells = [(code, HTML_LANG[code], raw(block, "text", code).strip()) for code in languages]
        if any(text for _, _, text in cells):
            rows.append(Row(block.kind, cells))
    return rows


@dataclass
class StanceGroup:
    stance: str
    label: str
    opinions: list = field(default_factory=list)
    # How many names a page lists (None: all); the count is always complete.
    limit: int | None = None
    # When ``opinions`` are light rows: the full opinions (by pk) of those shown.
    details: dict | None = None

    @property
    def count(self):
        return len(self.opinions)

    @property
    def shown(self):
        rows = self.opinions if self.limit is None else self.opinions[: self.limit]
        if self.details is None:
            return rows
        return [self.details[row.pk] for row in rows]

    @property
    def hidden_count(self):
        return self.count - len(self.shown)


def stance_overview(opinions, one_per_person=False, limit=None):
    """Group opinions (or light rows with pk, person_id and stance) by stance, in
    yes/depends/no order.
    With ``one_per_person``, an expert who gave the same answer in several articles counts
    once (their first opinion in the given order is the one linked). ``limit`` caps the
    names listed per stance, not the counts."""
    groups = {s.value: StanceGroup(s.value, s.label, limit=limit) for s in STANCE_ORDER}
    seen = set()
    for opinion in opinions:
        key = (opinion.person_id, opinion.stance)
        if one_per_person and key in seen:
            continue
        seen.add(key)
        groups[opinion.stance].opinions.append(opinion)
    result = list(groups.values())
    return result, sum(group.count for group in result)


def field_row(obj, field_name, kind, languages=None):
    """A side-by-side row for a translated field (a title, a headline), or None if empty."""
    languages = languages or content_languages()
    cells = [(code, HTML_LANG[code], raw(obj, field_name, code).strip()) for code in languages]
    return Row(kind, cells) if any(text for _, _, text in cells) else None
