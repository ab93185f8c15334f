"""What a reader sees of one search entry: link, highlighted title and snippet,
and the languages the query matched in."""

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from articles.models import content_languages

from .models import SearchEntry
from .text import find_matches, highlight, snippet

SNIPPET_WIDTH = 220
# After "found in": lower case in French ("trouvé en français, chinois").
LANGUAGE_NAMES = {
    "fr": pgettext_lazy("search match language", "French"),
    "zh-hant": pgettext_lazy("search match language", "Chinese"),
}


@dataclass
class Hit:
    kind: str
    kind_label: str
    url: str
    language: str  # of the title and snippet shown
    title: str  # safe HTML
    snippet: str  # safe HTML
    context: str = ""
    languages: list = field(default_factory=list)  # [(code, name)] where the query matched


def _order(reader_language):
    first = reader_language if reader_language in content_languages() else content_languages()[0]
    return [first] + [code for code in content_languages() if code != first]


def _url(entry, language):
    with translation.override(language):
        return entry.get_absolute_url()


def _context(entry, language):
    if entry.kind == SearchEntry.Kind.OPINION:
        suffix = language.replace("-", "_")
        title = getattr(entry, f"article_title_{suffix}")
        title = title or entry.article_title_fr or entry.article_title_zh_hant
        return _("Opinion in “%(title)s”") % {"title": title}
    return ""


def present(entry, query, reader_language):
    """A Hit for ``entry``, in the reader's language when the query matched there."""
    order = _order(reader_language)
    texts = {
        code: {
            name: text
            for name in ("title", "headline", "body")
            if (text := entry.text.get(name, code))
        }
        for code in order
    }
    spans = {}

    def spans_of(code, name):
        # Found once, and only when needed: whether a language matched stops
        # at its first matching field.
        if (code, name) not in spans:
            spans[code, name] = find_matches(texts[code][name], query, window=SNIPPET_WIDTH)
        return spans[code, name]

    matched = [code for code in order if any(spans_of(code, name) for name in texts[code])]
    # Show the reader's language if it matched (or nothing matched visibly),
    # else the language that did; fall back to whichever has a title.
    shown = matched[0] if matched else order[0]
    if "title" not in texts[shown]:
        shown = next((c for c in order if "title" in texts[c]), shown)
    found = texts[shown]
    title_text = found.get("title", "")
    title_spans = spans_of(shown, "title") if title_text else []
    excerpt = ""
    for name in ("body", "headline"):
        if name in found and spans_of(shown, name):
            excerpt = snippet(found[name], spans_of(shown, name), width=SNIPPET_WIDTH)
            break
    else:
        for name in ("headline", "body"):
            if name in found:
                excerpt = snippet(found[name], [], width=SNIPPET_WIDTH)
                break
    return Hit(
        kind=entry.kind,
        kind_label=SearchEntry.Kind(entry.kind).label,
        url=_url(entry, shown),
        language=shown,
        title=highlight(title_text, title_spans),
        snippet=excerpt,
        context=_context(entry, shown),
        languages=[(code, LANGUAGE_NAMES[code]) for code in matched],
    )
