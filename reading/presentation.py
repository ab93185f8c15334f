"""How content is shown to readers: translation fallback, aligned rows, stance summaries,
and the HTML of body blocks, stance badges and role lines.

Nothing here queries the database: it works on objects the views have already loaded.
The HTML pieces are built in Python: they repeat dozens of times per page, where
template includes would dominate the rendering time.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from django.template.defaultfilters import linebreaksbr
from django.utils import dateformat, formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext, ngettext

from articles.languages import registry
from articles.models import Stance

# The order in which pages list the stances.
STANCE_ORDER = [Stance.YES, Stance.DEPENDS, Stance.NO]


def html_lang(code):
    """The BCP 47 tag for a language's `lang` attributes."""
    language = registry().get(code)
    return language.tag if language else code


def og_locale(code):
    language = registry().get(code)
    return language.og_locale if language else code


def language_name(code):
    language = registry().get(code)
    return language.name if language else code


def reader_language():
    """The active site language's code (the default one when unknown)."""
    return registry().active().code


def _language(language):
    """A Language from a code, a Language, or None (the reader's)."""
    languages = registry()
    if language is None:
        return languages.active()
    if isinstance(language, str):
        return languages.get(language) or languages.default()
    return language


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
    """The value of a translated field as a reader of ``language`` (default: the
    active one) sees it, following the registry's reading order: the language's own
    text; for a derived language (zh-hans), the editor's override, else the source
    text converted (not a fallback); else the first fallback language that has it,
    flagged as a fallback."""
    reader = _language(language)
    for source in registry().reading_order(reader):
        value = getattr(obj, source.field(field_name), "") or ""
        if not value.strip():
            continue
        if source is reader:
            return Shown(value, reader.code, False)
        if source.code == reader.derived_from:
            return Shown(reader.convert(value), reader.code, False)
        return Shown(value, source.code, True)
    return Shown("", reader.code, False)


def own_text(obj, field_name, language):
    """A field's text in one language with no fallback: for a derived language, the
    override or else the converted source text."""
    language = _language(language)
    value = getattr(obj, language.field(field_name), "") or ""
    if value.strip() or language.stored:
        return value
    return language.convert(getattr(obj, registry().source(language).field(field_name), ""))


def raw(obj, field_name, language):
    """The value stored for one language, with no fallback (a derived language's
    override, which is usually empty)."""
    return getattr(obj, _language(language).field(field_name), "") or ""


def has_fallback(article, language=None):
    """Does any text of the article (own fields, body, opinions) fall back to another
    language? Uses the prefetched blocks and opinions."""
    language = _language(language)
    fields = [(article, "title"), (article, "standfirst"), (article, "credits")]
    fields += [(block, "text") for block in article.blocks.all()]
    for opinion in article.opinions.all():
        fields.append((opinion, "headline"))
        fields += [(block, "text") for block in opinion.blocks.all()]
    return any(shown(obj, name, language).fallback for obj, name in fields)


def available_languages(article):
    """The site languages an article of the list can be read in without a gap: those
    whose text (for a derived language, its source's) is complete. Reads the
    stored ``missing_<suffix>`` flags."""
    languages = registry()
    return [
        language
        for language in languages
        if not getattr(article, f"missing_{languages.source(language).field_suffix}", True)
    ]


@dataclass
class Row:
    """One row of the side-by-side view: the same block in each language."""

    kind: str
    cells: list  # [(Language, text)] in column order; text "" = missing


def side_by_side_languages(chinese=None):
    """The side-by-side view's columns: French and one Chinese script (the reader's
    when reading Chinese, else Traditional; ``chinese`` chooses)."""
    languages = registry()
    default = languages.default()
    others = [language for language in languages if language is not default]
    chosen = languages.get(chinese)
    if chosen is None or chosen is default:
        active = languages.active()
        chosen = active if active in others else others[0] if others else None
    return [default, chosen] if chosen else [default]


def aligned_rows(blocks, languages):
    """Pair block N's texts across languages. A side that is empty stays in its row as
    'missing', so nothing after it shifts."""
    rows = []
    for block in blocks:
        cells = [(language, own_text(block, "text", language).strip()) for language in languages]
        if any(text for _, text in cells):
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


@dataclass(frozen=True)
class StanceCount:
    stance: str
    label: str
    count: int


def stance_counts(person):
    """A person's public opinions per stance, in page order, from the ``yes_count``,
    ``depends_count`` and ``no_count`` of ``Person.objects.experts()``."""
    return [
        StanceCount(s.value, s.label, getattr(person, f"{s.value}_count")) for s in STANCE_ORDER
    ]


def field_row(obj, field_name, kind, languages):
    """A side-by-side row for a translated field (a title, a headline), or None if empty."""
    cells = [(language, own_text(obj, field_name, language).strip()) for language in languages]
    return Row(kind, cells) if any(text for _, text in cells) else None


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


@lru_cache(maxsize=64)
def stance_icon(stance):
    paths = _STANCE_PATHS.get(stance, _STANCE_PATHS["depends"])
    return format_html(
        '<svg class="stance-icon stance-icon--{}" width="16" height="16" viewBox="0 0 16 16" '
        'aria-hidden="true" focusable="false">{}</svg>',
        stance,
        mark_safe(paths),  # noqa: S308 (constant markup above)
    )


def stance_badge(stance, label):
    return _stance_badge(stance, str(label))


@lru_cache(maxsize=64)
def _stance_badge(stance, label):
    # A handful of stances and labels, on every list item and card.
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


def _local(value):
    return timezone.localtime(value) if timezone.is_aware(value) else value


def article_item(article):
    """An article in a list (home, articles): title, stance, source, date and the
    languages it can be read in. Built here, not in an included template: lists
    repeat it, and the include took half of the list page's time."""
    title = shown(article, "title")
    published = _local(article.published_at)
    source = (
        format_html(
            '<span class="meta-item"><span class="visually-hidden">{} </span>{}</span>',
            gettext("Source:"),
            article.source_name,
        )
        if article.source_name
        else ""
    )
    languages = format_html_join(
        "",
        '<span class="lang-tag" lang="{}" title="{}">{}</span>',
        ((lang.tag, lang.name, lang.short_name) for lang in available_languages(article)),
    )
    return format_html(
        '<li class="article-item">\n'
        '  <h3 class="article-item__title"><a href="{}"{}>{}</a>{}</h3>\n'
        '  <p class="article-item__meta">\n'
        "    {}\n    {}\n"
        '    <span class="meta-item"><time datetime="{}">{}</time></span>\n'
        '    <span class="meta-item">{}\n      {}\n    </span>\n'
        "  </p>\n</li>\n",
        article.get_absolute_url(),
        lang_attr(title),
        title,
        fallback_mark(title),
        stance_badge(article.stance, article.get_stance_display()),
        source,
        dateformat.format(published, r"Y-m-d\TH:i:sO"),
        formats.date_format(published, "DATE_FORMAT"),
        gettext("Languages:"),
        languages,
    )


def expert_card(person):
    """An expert on the experts page: name, role and counts per stance (from
    ``Person.objects.experts()``). Built here for the same reason as ``article_item``."""
    name = shown(person, "name")
    counts = [
        format_html("{} {}", stance_badge(s.value, s.label), count)
        for s in STANCE_ORDER
        if (count := getattr(person, f"{s.value}_count"))
    ]
    total = person.opinion_count
    return format_html(
        '<li class="expert-card">\n'
        '    <h2 class="expert-card__name"><a href="{}"{}>{}</a></h2>\n'
        "    {}\n"
        '    <p class="expert-card__stances">\n      {}\n      {}\n    </p>\n'
        "  </li>",
        person.get_absolute_url(),
        lang_attr(name),
        name,
        role_line(person, "expert-card__role"),
        ngettext("%(counter)s opinion:", "%(counter)s opinions:", total) % {"counter": total},
        mark_safe("\n      ".join(counts)),  # noqa: S308 (each built with format_html)
    )


def opinion_card(opinion):
    """An opinion on its expert's page: stance, article, headline and the start of its
    text (``article`` and ``blocks`` loaded with it)."""
    title = shown(opinion.article, "title")
    headline = shown(opinion, "headline")
    url = opinion.get_absolute_url()
    first = next(iter(opinion.blocks.all()), None)
    excerpt = shown(first, "text") if first is not None else None
    return format_html(
        '\n    <li class="opinion-card">\n'
        '      <p class="opinion-card__stance">{}</p>\n'
        '      <h3 class="opinion-card__article">{} <a href="{}"{}>{}</a></h3>\n'
        "      {}\n      {}\n"
        '      <p><a href="{}">{}</a></p>\n'
        "    </li>\n  ",
        stance_badge(opinion.stance, opinion.get_stance_display()),
        gettext("In"),
        url,
        lang_attr(title),
        title,
        format_html('<p class="opinion__headline"{}>{}</p>', lang_attr(headline), headline)
        if headline
        else "",
        format_html(
            '<p class="opinion-card__excerpt"{}>{}</p>',
            lang_attr(excerpt),
            Truncator(excerpt.text).chars(280),
        )
        if first is not None
        else "",
        url,
        gettext("Read the whole opinion"),
    )
