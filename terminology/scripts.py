"""Traditional → Simplified Chinese for terms, until the site derives its
Simplified content (with OpenCC too): the override wins, else OpenCC's
Taiwan-to-mainland conversion (phrases included: 網路 → 网络), when installed."""

from functools import lru_cache

try:
    import opencc
except ImportError:  # optional: without it only overrides give a Simplified form
    opencc = None


@lru_cache(maxsize=1)
def _converter():
    return opencc.OpenCC("tw2sp") if opencc is not None else None


def to_simplified(text):
    """``text`` in Simplified Chinese, or None when OpenCC is not installed."""
    converter = _converter()
    return converter.convert(text) if converter is not None and text else None


def simplified(term):
    """A term's Simplified Chinese form: its override, else the derived one (or None)."""
    return term.simplified_override or to_simplified(term.chinese)
