"""How content is shown to readers: translation fallback, aligned rows, stance summaries,
and the HTML of body blocks, stance badges and role lines.

Nothing here queries the database: it works on objects the views have already loaded.
The HTML pieces are built in Python: they repeat dozens of times per page, where
template includes would dominate the rendering time.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from articles.languages import registry
from articles.models import Stance, content_languages, field_suffix

# BCP 47 tags for the `lang` attribute, per content language.
HTML_LANG = {"fr": "fr", "zh-hant": "zh-Hant"}
OG_LOCALE = {"fr": "fr_FR", "zh-hant": "zh_TW"}

# The order in which pages list the stances.
STANCE_ORDER = [Stance.YES, Stance.DEPENDS, Stance.NO]


def html_lang(code):
    """The BCP 47 tag for a language's `lang` attributes."""
    return HTML_LANG.get(code, code)


def og_locale(code):
    return OG_LOCALE.get(code, code)


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
        return html_lang(self.language)

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


# --- HTML

# One symbol per stance, so a stance is never shown by colour alone.
_STANCE_PATHS = {
    "yes": (
        '<circle cx="8" cy="8" r="7.5" fill="currentColor"/>'
        '<path d="M4.2 8.4 7 11.1 11.9 5.2" fill="none" stroke="#fff" stroke-width="2" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
    ),
    "no": (
        '<circle cx="8" cy="8" r="7.5" fill="currentColor"/>'
        '<path d="M5.2 5.2 10.8 10.8M10.8 5.2 5.2 10.8" stroke="#fff" stroke-width="2" '
        'stroke-linecap="round"/>'
    ),
    "depends": (
        '<circle cx="8" cy="8" r="6.75" fill="#fff" stroke="currentColor" stroke-width="1.5"/>'
        '<path d="M8 1.25a6.75 6.75 0 0 1 0 13.5z" fill="currentColor"/>'
    ),
}


def stance_icon(stance):
    paths = _STANCE_PATHS.get(stance, _STANCE_PATHS["depends"])
    return format_html(
        '<svg class="stance-icon stance-icon--{}" width="16" height="16" viewBox="0 0 16 16" '
        'aria-hidden="true" focusable="false">{}</svg>',
        stance,
        mark_safe(paths),  # noqa: S308 (constant markup above)
    )


def stance_badge(stance, label):
    return format_html(
        '<span class="stance stance--{}">{}<span class="stance__word">{}</span></span>',
        stance,
        stance_icon(stance),
        label,
    )


def _lang(lang):
    return format_html(' lang="{}"', lang) if lang else ""


def lang_attr(value):
    """` lang="…"` for a fallback text, so it is read out in its own language."""
    return _lang(value.html_lang) if getattr(value, "fallback", False) else ""


def list_separator():
    """The separator between items of an inline list, in the reader's language."""
    return registry().active().list_separator


def role_line(person, css_class, element="p"):
    """A person's role and organisation, as ``<element class="css_class">``; each part
    that falls back to another language is marked with its lang."""
    parts = [shown(person, name) for name in ("role", "organisation")]
    spans = [format_html("<span{}>{}</span>", lang_attr(part), part) for part in parts if part]
    return format_html(
        '<{} class="{}">{}</{}>',
        element,
        css_class,
        mark_safe(list_separator().join(spans)),  # noqa: S308 (parts built with format_html)
        element,
    )


def _lines(text):
    return format_html_join(
        "", "<li>{}</li>", ((line.strip(),) for line in text.splitlines() if line.strip())
    )


def block_html(kind, text, lang="", level=2):
    """One block of a body: paragraph, heading, list, numbered list, quote or caption."""
    attr = _lang(lang)
    if kind == "heading":
        return format_html('<h{} class="block block--heading"{}>{}</h{}>', level, attr, text, level)
    if kind == "list":
        return format_html('<ul class="block block--list"{}>{}</ul>', attr, _lines(text))
    if kind == "ordered_list":
        return format_html('<ol class="block block--list"{}>{}</ol>', attr, _lines(text))
    body = linebreaksbr(text)  # escapes, then <br> per line
    if kind == "quote":
        return format_html(
            '<blockquote class="block block--quote"{}><p>{}</p></blockquote>', attr, body
        )
    return format_html('<p class="block block--{}"{}>{}</p>', kind, attr, body)


def fallback_mark(value):
    """The notice beside a text shown in another language than the reader's."""
    if not getattr(value, "fallback", False):
        return ""
    reader = html_lang(get_language())
    label = gettext("original text, %(language)s") % {"language": value.language_name}
    return format_html(' <span class="fallback-mark" lang="{}">{}</span>', reader, label)


def blocks_html(blocks, level=2):
    """A body in the reader's language; a block missing in it shows the other language,
    marked with its lang and a notice."""
    parts = []
    for block in blocks:
        text = shown(block, "text")
        if not text:
            continue
        if text.fallback:
            parts.append(
                format_html(
                    '<div class="fallback" lang="{}">{}{}</div>',
                    text.html_lang,
                    block_html(block.kind, text.text, level=level),
                    fallback_mark(text),
                )
            )
        else:
            parts.append(block_html(block.kind, text.text, level=level))
    return mark_safe("".join(parts))  # noqa: S308 (each part is built with format_html)
