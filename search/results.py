"""What a reader sees of one search entry: link, highlighted title and snippet,
and the languages the query matched in.

Each stored text is shown in the reader's view of it: a reader of a derived
language (zh-hans) sees the Chinese text in Simplified (the editor's override,
else converted), everyone else the Traditional text as written. The query
matches either script (text.py folds them), so the words it found are
highlighted in the script shown.
"""

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from articles.languages import registry

from .models import FIELDS, SearchEntry, index_languages, own
from .text import find_matches, highlight, snippet

SNIPPET_WIDTH = 220


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
    lang_tag: str = ""  # BCP 47 tag of ``language``, for lang and hreflang


def _order(reader_language):
    """(the languages a reader sees results in, best first; the others).

    The reader's reading order, one view per stored text: a reader of zh-hans
    reads the Chinese text in zh-hans, not also in zh-hant. The others (such as
    zh-hans for a zh-hant reader) are looked at only when nothing else matched:
    a word found only in an editor's override."""
    languages = registry()
    reader = languages.get(reader_language) or languages.default()
    indexed = index_languages()
    seen, order = set(), []
    for language in (*languages.reading_order(reader), *indexed):
        source = languages.source(language)
        if language in indexed and source.code not in seen:
            seen.add(source.code)
            order.append(language)
    return order, [language for language in indexed if language not in order]


def _url(entry, language):
    with translation.override(language.code):
        return entry.get_absolute_url()


def _context(entry, language):
    if entry.kind == SearchEntry.Kind.OPINION:
        titles = (own(entry, "article_title", lang) for lang in registry().reading_order(language))
        title = next(filter(None, titles), "")
        return _("Opinion in “%(title)s”") % {"title": title}
    return ""


def present(entry, query, reader_language):
    """A Hit for ``entry``, in the reader's language when the query matched there."""
    order, others = _order(reader_language)
    texts = {}

    def texts_of(language):
        if language not in texts:
            texts[language] = {
                name: text for name in FIELDS if (text := entry.text.get(name, language))
            }
        return texts[language]

    spans = {}

    def spans_of(language, name):
        # Found once, and only when needed: whether a language matched stops
        # at its first matching field.
        if (language, name) not in spans:
            spans[language, name] = find_matches(
                texts_of(language)[name], query, window=SNIPPET_WIDTH
            )
        return spans[language, name]

    def matching(languages):
        return [
            language
            for language in languages
            if any(spans_of(language, name) for name in texts_of(language))
        ]

    matched = matching(order) or matching(others)
    # Show the reader's language if it matched (or nothing matched visibly),
    # else the language that did; fall back to whichever has a title.
    shown = matched[0] if matched else order[0]
    if "title" not in texts_of(shown):
        shown = next((lang for lang in order if "title" in texts_of(lang)), shown)
    found = texts_of(shown)
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
        language=shown.code,
        lang_tag=shown.tag,
        title=highlight(title_text, title_spans),
        snippet=excerpt,
        context=_context(entry, shown),
        languages=[(language.code, language.name) for language in matched],
    )
