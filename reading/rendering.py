"""HTML for body blocks and stance badges, built in Python: they repeat dozens of times
per page, where template includes would dominate the rendering time."""

from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from .presentation import HTML_LANG, shown

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
    reader = HTML_LANG.get(get_language(), get_language())
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
