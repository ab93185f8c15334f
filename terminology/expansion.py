"""Cross-language search through the glossary.

A French query holding an agreed term also finds the texts holding its Chinese
equivalent, and the reverse: ``fidélisation`` finds the Chinese paragraphs
with 顧客忠誠度 (or 顾客忠诚度: the search folds the scripts, and the query
may be Simplified too). Those extra results are the entries the query itself
does not match (an entry holds both languages, so most are found directly);
the search page lists them after its own results, labelled with the pair, its
Chinese side in the reader's script.

It uses the search only from outside: ``SearchEntry.objects.search()`` and its
backend's ``first_excluding()`` (one full-text condition: the equivalent's
matches minus the query's, the first few in result order).
"""

from articles.languages import registry
from search.models import SearchEntry
from search.results import present
from search.text import Query, parse_query

from .matching import Termbase
from .models import FORM_FIELDS
from .views import chinese_scripts

# Pairs looked up per search, and results shown per pair: the page stays
# within a few queries whatever the query holds.
MAX_PAIRS = 3
RESULTS_PER_PAIR = 5


def _termbase_languages():
    """The stored languages the termbase has a column for, in site order."""
    return [language for language in registry().stored() if language.code in FORM_FIELDS]


def _terms(text, termbase):
    """[(term, the language it was typed in)], for the agreed terms ``text`` holds."""
    found = {}
    for language in _termbase_languages():
        for term in termbase.terms_in(text, language.code):
            found.setdefault(term.pk, (term, language))
    return list(found.values())


def expand_query(text, termbase=None):
    """[(term_fr, term_zh)] for the agreed terms ``text`` holds in either language."""
    termbase = termbase or Termbase.current()
    pairs = []
    for term, _language in _terms(text, termbase):
        pair = (term.french, term.chinese)
        if pair not in pairs:
            pairs.append(pair)
    return pairs[:MAX_PAIRS]


def _equivalent(term, typed):
    """The side of a pair the reader did not type, as a search query: any of
    its forms (a derived language's override too) is a match."""
    other = next(lang for lang in _termbase_languages() if lang != typed)
    forms = [term.form(other.code)]
    forms += [
        term.form(lang.code) for lang in registry().derived() if lang.derived_from == other.code
    ]
    # A French term of several words is searched as a phrase.
    queries = [parse_query(form if " " not in form.strip() else f'"{form}"') for form in forms]
    queries = [query for query in queries if len(query.phrases) == 1]
    if not queries:
        return Query(())
    spellings = {}  # one per indexed form: 顧客 and 顾客 are one
    for query in queries:
        for spelling, stems in zip(
            query.alternatives[0], query.stemmed_alternatives[0], strict=True
        ):
            spellings.setdefault(stems, spelling)
    return Query(queries[0].phrases, (tuple(spellings.values()),))


def glossary_results(text, query, language, termbase=None):
    """[{"fr", "zh", "zh_tag", "hits"}]: for each agreed pair in the query, the
    entries that hold its equivalent and that ``query`` itself does not find."""
    termbase = termbase or Termbase.current()
    languages = registry()
    chinese, _others = chinese_scripts(languages.get(language) or languages.default())
    groups, seen = [], []
    for term, typed in _terms(text, termbase):
        pair = (term.french, term.chinese)
        if pair in seen or len(seen) >= MAX_PAIRS:
            continue
        seen.append(pair)
        equivalent = _equivalent(term, typed)
        if not equivalent:
            continue
        found = SearchEntry.objects.search(equivalent)
        # The first ids found alone, then their texts (as the search's pages
        # do): sorting thousands of matches with their texts joined is slow.
        first = found.backend.first_excluding(found.public, equivalent, query, RESULTS_PER_PAIR)
        entries = list(
            SearchEntry.objects.filter(pk__in=first).with_texts().newest_first()[:RESULTS_PER_PAIR]
        )
        if entries:
            hits = [present(entry, equivalent, language) for entry in entries]
            groups.append(
                {
                    "fr": term.french,
                    "zh": term.form(chinese.code),
                    "zh_tag": chinese.tag,
                    "hits": hits,
                }
            )
    return groups
