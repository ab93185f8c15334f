"""What changed in a source text since it was translated, as HTML with <del> and <ins>."""

import difflib
import re

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.languages import registry

# Each word with the spaces after it (French); one token per character for Chinese,
# which has no spaces between words.
_WORDS = re.compile(r"\s+|\S+\s*")


def tokens(text, language):
    found = registry().get(language)
    if found is not None and not found.spaced_words:
        return list(text)
    return _WORDS.findall(text)


def source_diff(before, after, language):
    """The source as it is now, with what was removed since ``before`` struck out and
    what was added marked (word by word; character by character in Chinese)."""
    old, new = tokens(before, language), tokens(after, language)
    parts = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        removed, added = "".join(old[a1:a2]), "".join(new[b1:b2])
        if op == "equal":
            parts.append(format_html("{}", added))
            continue
        if removed:
            parts.append(format_html("<del>{}</del>", removed))
        if added:
            parts.append(format_html("<ins>{}</ins>", added))
    return mark_safe("".join(parts))  # noqa: S308 (each part is escaped by format_html)
