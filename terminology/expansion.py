"""Cross-language search through the glossary.

A French query holding an agreed term also finds the texts holding its Chinese
equivalent, and the reverse: ``fidélisation`` finds the Chinese paragraphs
with 顧客忠誠度. Those extra results are the entries the query itself does not
match (an entry holds both languages, so most are found directly); the search
page lists them after its own results, labelled with the pair.

It uses the search only from outside: ``SearchEntry.objects.search()`` and its
backend's ``filter()``, the same as the search's own paging.
"""

from search.models import SearchEntry
from search.results import present
from search.text import parse_query

from .matching import Termbase

# Pairs looked up per search, and results shown per pair: the page stays
# within a few queries whatever the query holds.
MAX_PAIRS = 3
RESULTS_PER_PAIR = 5


def expand_query(text, termbase=None):
    """[(term_fr, term_zh)] for the agreed terms ``text`` holds in either language."""
    termbase = termbase or Termbase.current()
    pairs = []
    for language in ("fr", "zh-hant"):
        for term in termbase.terms_in(text, language):
            pair = (term.french, term.chinese)
            if pair not in pairs:
                pairs.append(pair)
    return pairs[:MAX_PAIRS]


def _equivalent(pair, text, termbase):
    """The side of a pair the reader did not type, as a search query."""
    french, chinese = pair
    typed_french = any(t.french == french for t in termbase.terms_in(text, "fr"))
    other = chinese if typed_french else f'"{french}"'
    return parse_query(other)


def glossary_results(text, query, language, termbase=None):
    """[{"fr", "zh", "hits"}]: for each agreed pair in the query, the entries
    that hold its equivalent and that ``query`` itself does not find."""
    termbase = termbase or Termbase.current()
    groups = []
    direct = SearchEntry.objects.search(query)
    for pair in expand_query(text, termbase):
        equivalent = _equivalent(pair, text, termbase)
        if not equivalent:
            continue
        found = SearchEntry.objects.search(equivalent)
        matches = found.backend.filter(found.public, equivalent).exclude(
            pk__in=direct.backend.filter(direct.public, query).values("pk")
        )
        entries = list(matches.with_texts().newest_first()[:RESULTS_PER_PAIR])
        if entries:
            hits = [present(entry, equivalent, language) for entry in entries]
            groups.append({"fr": pair[0], "zh": pair[1], "hits": hits})
    return groups
