"""Simplified Chinese for mainland readers, derived from the Traditional text.

``to_simplified`` converts with OpenCC's ``tw2sp`` configuration: Taiwan characters
*and* Taiwan vocabulary to mainland usage (軟體 → 软件, 資訊 → 信息, 部落格 → 博客,
影片 → 视频, 登入 → 登录), not only character by character as ``t2s`` would.

Quotation marks: ``tw2sp`` keeps the corner brackets 「」『』, which mainland texts
do not use in horizontal writing (GB/T 15834 prescribes “” and, inside them, ‘’).
So after OpenCC, 「」 become “” and 『』 become ‘’. Other punctuation (，。？！：；)
is the same full-width form on both sides and is left as it is.

OpenCC's converter is built once per process (loading the dictionaries takes tens
of milliseconds) and shared by all threads: its ``convert`` is a const method over
read-only dictionaries, which upstream states is thread-safe and covers in its unit
tests (BYVoid/OpenCC issue 231). The test suite also checks concurrent use.
Dictionaries whose output may be missing from common CJK fonts (OpenCC's
"tofu-risk" ones) are left out: a reader would see empty boxes.

Results are memoised per process (bounded), so that the same text, such as a
heading repeated on every page, is converted once; callers that store the result
(converted when the text is saved) do not depend on the memo.
"""

import threading
from functools import lru_cache

import opencc

CONFIGURATION = "tw2sp"
# Distinct texts remembered per process; a block of a few hundred characters each.
MEMO_SIZE = 4096

QUOTES_TO_MAINLAND = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})

_converters = {}
_converters_lock = threading.Lock()


def opencc_converter(configuration, tofu_safe=True):
    """OpenCC's converter for a configuration (``tw2sp``, ``s2twp``, ``t2s``…), built
    once per process and shared by all threads. ``tofu_safe`` leaves out the
    dictionaries whose output common fonts may lack (for text shown to readers)."""
    key = (configuration, tofu_safe)
    found = _converters.get(key)
    if found is None:
        with _converters_lock:
            found = _converters.get(key)
            if found is None:  # another thread may have built it meanwhile
                found = _converters[key] = opencc.OpenCC(
                    configuration, include_tofu_risk_dictionaries=not tofu_safe
                )
    return found


def converter():
    """The process's converter to mainland Simplified."""
    return opencc_converter(CONFIGURATION)


@lru_cache(maxsize=MEMO_SIZE)
def _convert(text):
    return converter().convert(text).translate(QUOTES_TO_MAINLAND)


def to_simplified(text):
    """Traditional (Taiwan) Chinese text in Simplified Chinese with mainland vocabulary.

    Text that is not Chinese (French, Latin letters, digits, markup) comes back as it
    was; ``None`` and the empty string come back as the empty string.
    """
    if not text:
        return ""
    return _convert(text)


def to_traditional(text):
    """Simplified (mainland) Chinese in Traditional characters and Taiwan vocabulary
    (OpenCC ``s2twp``), for looking up stored Traditional text from a Simplified word.
    Not used to show text: the direction is ambiguous (发: 發 or 髮)."""
    return opencc_converter("s2twp").convert(text) if text else ""


def memo_info():
    """Hits and misses of the conversion memo (for tests and benchmarks)."""
    return _convert.cache_info()


def clear_memo():
    _convert.cache_clear()
