"""Words, queries and highlighting, the same for both databases.

Python cuts text into words so that SQLite and PostgreSQL see exactly the same
tokens: runs of letters and digits for alphabetic scripts, and one token per
character for Chinese (and other CJK scripts), so that a one- or two-character
query is a match (or a phrase match) of adjacent tokens.

French words are then folded (case, accents) and stemmed with Snowball's French
algorithm: PostgreSQL does that itself with its ``french_unaccent``
configuration (unaccent + the Snowball French dictionary, see the migrations);
SQLite's FTS5 has no French stemmer, so :func:`stem` does it with the Python
port of the same algorithm. ``tests/test_search_index.py`` checks that both
agree.

Chinese is indexed and searched in one script, so that a Traditional or a
Simplified query finds either text (顾客 finds 顧客, 顧客 finds an editor's
Simplified override). Two layers:

- characters: :func:`fold_han` maps each Traditional character to its
  Simplified one (OpenCC ``t2s``, one character at a time), on both the
  indexed text and the query. Simplified is the target because the mapping
  that way is many-to-one (發 and 髮 are both 发) and so needs no context,
  where Simplified to Traditional is one-to-many (发 is 發 or 髮). One
  character for one: highlighting keeps the offsets of the shown text, in
  either script, and a one-character query still works;
- vocabulary: Taiwan and the mainland also use different *words* (軟體 /
  软件, 資訊 / 信息, 部落格 / 博客), which no character mapping joins (軟體
  folds to 软体). So a Chinese query is also asked in the other usage's
  vocabulary (OpenCC ``tw2sp`` and ``s2twp``, see :func:`_spellings`), each
  spelling an alternative of the same phrase: 软件 finds 軟體 and the reverse.
  Converting the query rather than indexing each text twice keeps the index
  as small as one script's; the zh-hans text is derived from the zh-hant one
  by the same OpenCC vocabulary, so what a mainland reader copies from a page
  finds it. Editors' overrides are indexed as written (folded).
"""

import html
import itertools
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

import snowballstemmer
from django.utils.safestring import mark_safe

from articles.chinese import opencc_converter

# Han ideographs (with extensions and compatibility forms), kana, bopomofo, hangul.
_CJK = (
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3100-\u312f\u31a0-\u31bf"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
_CJK_RE = re.compile(f"[{_CJK}]")
# One CJK character, or a run of other letters/digits (combining accents kept,
# so text in decomposed form is not cut in the middle of a word).
_TOKEN_RE = re.compile(rf"[{_CJK}]|(?:[^\W_{_CJK}]|[\u0300-\u036f])+")
_DIGIT_RE = re.compile(r"\d")

# Longer "words" are noise (hashes, URLs glued together): neither indexed nor searched.
MAX_WORD_LENGTH = 60

# Letters that do not decompose into base letter + accent, folded as
# PostgreSQL's unaccent does.
_FOLD = str.maketrans(
    {"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ħ": "h", "ı": "i"}
)

_QUOTES = {'"': '"', "«": "»", "“": "”", "„": "“", "「": "」", "『": "』"}


def words(text):
    """The words of a text: NFKC-normalised and case-folded, accents kept."""
    normal = unicodedata.normalize("NFKC", text).casefold()
    return [w for w in _TOKEN_RE.findall(normal) if len(w) <= MAX_WORD_LENGTH]


def spans(text):
    """(start, end, word) for each word of ``text``; offsets index ``text``.

    The same words as :func:`words`, normalised one by one to keep offsets.
    """
    folded = text.casefold()
    if len(folded) == len(text) and unicodedata.is_normalized("NFKC", text):
        # Most text: already normalised, and case folding keeps one character
        # for one, so offsets in the folded text are offsets in ``text``.
        for match in _TOKEN_RE.finditer(folded):
            if match.end() - match.start() <= MAX_WORD_LENGTH:
                yield match.start(), match.end(), match.group()
        return
    for match in _TOKEN_RE.finditer(text):
        normal = unicodedata.normalize("NFKC", match.group()).casefold()
        # NFKC can turn one token into several (e.g. "½" -> "1⁄2").
        parts = [normal] if normal.isalnum() else _TOKEN_RE.findall(normal)
        for part in parts:
            if len(part) <= MAX_WORD_LENGTH:
                yield match.start(), match.end(), part


class _HanFold(dict):
    """Character -> its Simplified form (itself when it has none), on first sight."""

    def __missing__(self, character):
        folded = _opencc("t2s").convert(character)
        # One character for one, or the text's offsets would move (see fold_han).
        self[character] = folded = folded if len(folded) == 1 else character
        return folded


_HAN_FOLD = _HanFold()


def _opencc(configuration):
    # As the search always has (folding and spellings only, never shown as such).
    return opencc_converter(configuration, tofu_safe=False)


def has_cjk(text):
    """Does ``text`` hold a CJK character (a script written without spaces)?"""
    return bool(_CJK_RE.search(text))


def fold_han(text):
    """Chinese characters in the one script the index uses (Simplified), one for
    one: 顧客 -> 顾客. Other characters are kept."""
    if not _CJK_RE.search(text):
        return text
    return "".join(_HAN_FOLD[c] if _CJK_RE.match(c) else c for c in text)


def fold(word):
    """Remove accents: réponse -> reponse, œuvre -> oeuvre."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_FOLD)


_stemmers = threading.local()


@lru_cache(maxsize=200_000)
def stem(word):
    """The indexing form of a word: folded, and stemmed if it is a French-like word.

    Words with digits are only folded, as PostgreSQL maps them to its
    ``simple`` dictionary; CJK characters are folded to one script (fold_han).
    """
    folded = fold(word)
    if _CJK_RE.match(folded):
        return fold_han(folded)
    if _DIGIT_RE.search(folded):
        return folded
    stemmer = getattr(_stemmers, "french", None)
    if stemmer is None:  # Snowball stemmers keep state: one per thread.
        stemmer = _stemmers.french = snowballstemmer.stemmer("french")
    return stemmer.stemWord(folded)


def index_text(text, stemmed):
    """Text as handed to the database's full-text engine: words separated by spaces.

    ``stemmed`` for SQLite; PostgreSQL folds and stems the words itself, but
    not Chinese script: that is folded here for both.
    """
    return " ".join(stem(w) if stemmed else fold_han(w) for w in words(text))


# Joins the two stems of a word pair: never part of a word, nor of any
# lexeme PostgreSQL's parser makes (it splits words at underscores).
PAIR_JOINER = "_"


def pairs(stems):
    """The pairs of adjacent stems, each as one token ``a_b``, in order."""
    return [f"{a}{PAIR_JOINER}{b}" for a, b in itertools.pairwise(stems)]


def index_pairs(terms, stemmed=False):
    """The distinct stem pairs of an index text (words separated by spaces), as
    one space-separated string: extra tokens that make two-word phrases single
    tokens, for PostgreSQL's GIN index (which stores no word positions) and for
    FTS5 (one token's list instead of two lists' positions compared).
    ``stemmed``: the words are stems already (SQLite's terms)."""
    stems = terms.split() if stemmed else [stem(w) for w in terms.split()]
    return " ".join(dict.fromkeys(pairs(stems)))


@dataclass(frozen=True)
class Query:
    """A parsed query: every phrase must match; a phrase is a run of adjacent words.

    A quoted part is one phrase; outside quotes each space-separated chunk is
    one phrase (``l'article`` and ``客戶`` are runs of two adjacent words).
    ``alternatives`` holds, for each phrase, its spellings (the phrase first):
    a Chinese phrase may match in either usage's vocabulary (see the module's
    docstring); any one spelling of a phrase is a match of it.
    """

    phrases: tuple
    alternatives: tuple = ()

    def __post_init__(self):
        if not self.alternatives:
            object.__setattr__(self, "alternatives", tuple((p,) for p in self.phrases))

    def __bool__(self):
        return bool(self.phrases)

    @cached_property  # read for every text a page highlights
    def stemmed_alternatives(self):
        """For each phrase, its spellings as the index holds them (stemmed, folded)."""
        return tuple(
            tuple(tuple(stem(w) for w in spelling) for spelling in spellings)
            for spellings in self.alternatives
        )

    @cached_property  # read for every text a page highlights
    def folded_alternatives(self):
        """For each phrase, its spellings with Chinese folded but not stemmed
        (PostgreSQL stems the other words itself)."""
        return tuple(
            tuple(tuple(fold_han(w) for w in spelling) for spelling in spellings)
            for spellings in self.alternatives
        )

    @cached_property  # read for every text a page highlights
    def stemmed_spellings(self):
        """Every spelling of every phrase, stemmed: what highlighting looks for."""
        return tuple(dict.fromkeys(s for spellings in self.stemmed_alternatives for s in spellings))

    def normalised(self):
        """A canonical spelling, for recording searches that found nothing."""
        return " ".join(_spell(phrase) for phrase in self.phrases)


def _spell(phrase):
    if all(_CJK_RE.fullmatch(w) for w in phrase):
        return "".join(phrase)
    return phrase[0] if len(phrase) == 1 else '"' + " ".join(phrase) + '"'


# Vocabulary of the other usage: mainland words for Taiwan ones, and the reverse.
_OTHER_USAGES = ("tw2sp", "s2twp")


def _spellings(chunk, phrase):
    """``phrase`` (the words of ``chunk``) and, when it is Chinese, its spellings
    in the other usage's vocabulary; one per distinct indexed form."""
    spellings = {tuple(stem(w) for w in phrase): phrase}
    if _CJK_RE.search(chunk):
        for configuration in _OTHER_USAGES:
            spelling = tuple(words(_opencc(configuration).convert(chunk)))
            spellings.setdefault(tuple(stem(w) for w in spelling), spelling)
    return tuple(s for s in spellings.values() if s)


def parse_query(text):
    """Parse what a reader typed. Never fails: anything that is not a word is ignored."""
    phrases = []
    alternatives = []
    chunks = []
    rest = text
    while rest:
        opening = min(
            ((rest.find(q), q) for q in _QUOTES if rest.find(q) >= 0),
            default=(-1, None),
        )
        position, quote = opening
        if quote is None:
            chunks.extend((part, False) for part in rest.split())
            break
        chunks.extend((part, False) for part in rest[:position].split())
        closing = rest.find(_QUOTES[quote], position + 1)
        if closing < 0:  # an unclosed quote: the rest is plain words
            chunks.extend((part, False) for part in rest[position + 1 :].split())
            break
        chunks.append((rest[position + 1 : closing], True))
        rest = rest[closing + 1 :]
    for chunk, _quoted in chunks:
        phrase = tuple(words(chunk))
        if phrase and phrase not in phrases:
            phrases.append(phrase)
            alternatives.append(_spellings(chunk, phrase))
    return Query(tuple(phrases), tuple(alternatives))


def _scan(text, query, offset=0):
    tokens = list(spans(text))
    stems = [stem(word) for _s, _e, word in tokens]
    found = []
    for phrase in query.stemmed_spellings:
        size = len(phrase)
        for i in range(len(stems) - size + 1):
            if tuple(stems[i : i + size]) == phrase:
                found.append((tokens[i][0] + offset, tokens[i + size - 1][1] + offset))
    return found


class _FoldTable(dict):
    """For str.translate: each character folded as words() and stem() fold
    it (NFKC, case, accents, Chinese script), computed on first sight. ``same_length`` keeps
    one character for one: punctuation of several (such as "…") becomes a
    space, and NUL marks a character that cannot be folded so (such as "œ",
    "½" or an accent on its own) or whose compatibility form could join its
    neighbours: offsets in the folded text would then not be offsets in the text."""

    def __init__(self, same_length):
        super().__init__()
        self.same_length = same_length

    def __missing__(self, code):
        character = chr(code)
        normal = unicodedata.normalize("NFKC", character)
        folded = fold_han(fold(normal.casefold()))
        if self.same_length and len(folded) != 1:
            # Punctuation such as "…" ("...") separates words whatever its length.
            folded = " " if folded and not _TOKEN_RE.search(folded) else "\0"
        elif self.same_length and normal != character and not normal.isascii():
            folded = "\0"
        self[code] = folded
        return folded


_FOLD_ALL = _FoldTable(same_length=False)
_FOLD_SAME_LENGTH = _FoldTable(same_length=True)
# A letter or digit of an alphabetic word (CJK characters are words of their own).
_WORD_CHARACTER_RE = re.compile(rf"[^\W_{_CJK}]")


def _needle(first_stem):
    """What every occurrence of a phrase starting with ``first_stem`` holds,
    once folded: the start of the stem without its last letter, the only one
    stemming may have changed (as in "eaux" -> "eau")."""
    return first_stem[: max(1, min(4, len(first_stem) - 1))]


def _fold_keeping_offsets(text):
    """``text`` folded as words() and stem() fold it, character for character,
    or None when that would change offsets (see _FoldTable)."""
    # NFC: composed already, so folding each character alone folds the text.
    if not unicodedata.is_normalized("NFC", text):
        return None
    folded = text.translate(_FOLD_SAME_LENGTH)
    return None if "\0" in folded else folded


def _scan_candidates(folded, query, window):
    """Matches in a folded text, checked only where a phrase's needle starts
    a word, so that a text is not cut into words whole. With ``window``, the
    scan stops ``window`` characters after the first match."""
    found = []
    limit = len(folded)
    for phrase in query.stemmed_spellings:
        needle = _needle(phrase[0])
        # Chinese characters are words of their own: written together, they are the phrase.
        together = "".join(phrase) if all(_CJK_RE.match(s) for s in phrase) else None
        position = folded.find(needle)
        while 0 <= position < limit:
            if together and folded.startswith(together, position):
                found.append((position, position + len(together)))
            elif (
                position == 0
                or not _WORD_CHARACTER_RE.match(folded, position - 1)
                or not _WORD_CHARACTER_RE.match(folded, position)
            ):
                tokens = _TOKEN_RE.finditer(folded, position)
                tokens = (t for t in tokens if t.end() - t.start() <= MAX_WORD_LENGTH)
                tokens = list(itertools.islice(tokens, len(phrase)))
                if tuple(stem(t.group()) for t in tokens) == phrase:
                    found.append((position, tokens[-1].end()))
            if window and found and limit == len(folded):
                limit = found[0][0] + window
            position = folded.find(needle, position + 1)
    if window:
        first = min(start for start, _end in found) if found else 0
        found = [m for m in found if m[0] < first + window]
    return found


def find_matches(text, query, window=None):
    """Spans (start, end) of ``text`` where a phrase of ``query`` occurs.

    With ``window`` (characters), only those near the first match are found:
    enough for a snippet, and quick on long texts.
    """
    folded = _fold_keeping_offsets(text)
    if folded is not None:
        long_text = window and len(text) > 2 * window
        found = _scan_candidates(folded, query, window if long_text else None)
    else:
        # Rare: fold a copy to rule the text out, else cut it into words.
        probe = unicodedata.normalize("NFKC", text).translate(_FOLD_ALL)
        needles = {_needle(phrase[0]) for phrase in query.stemmed_spellings}
        found = _scan(text, query) if any(n in probe for n in needles) else []
    found.sort()
    merged = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text, matches, start=0, end=None):
    """``text[start:end]`` escaped, with the matches wrapped in <mark>."""
    end = len(text) if end is None else end
    out = []
    position = start
    for m_start, m_end in matches:
        if m_end <= start or m_start >= end:
            continue
        m_start, m_end = max(m_start, start), min(m_end, end)
        out.append(html.escape(text[position:m_start]))
        out.append(f"<mark>{html.escape(text[m_start:m_end])}</mark>")
        position = m_end
    out.append(html.escape(text[position:end]))
    # html.escape() escapes as Django's escape() does, without its lazy-string wrapper.
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def snippet(text, matches, width=220):
    """About ``width`` characters of ``text`` around its first match, highlighted."""
    if len(text) <= width:
        return highlight(text, matches)
    first = matches[0][0] if matches else 0
    start = max(0, first - width // 4)
    end = min(len(text), start + width)
    start = max(0, end - width)
    # Cut at spaces when there are some nearby (Chinese has none).
    if start > 0:
        space = text.find(" ", start, first)
        start = space + 1 if 0 <= space < start + 20 else start
    if end < len(text):
        space = text.rfind(" ", end - 20, end)
        end = space if space > first else end
    excerpt = highlight(text, matches, start, end)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{excerpt}{suffix}")  # noqa: S308 - highlight() escapes
