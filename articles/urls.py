"""URLs built from a slug alone, as lists need them by the dozen.

``reverse()`` resolves the pattern on every call (20-40 µs); a list page asked
for one per article or expert. The URL around the slug is the same for every
slug of one pattern, language and script prefix: it is reversed once and kept.
"""

from functools import cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# Never a real slug's text: reversed once in its place, then cut out.
_PLACEHOLDER = "0slug0"


def slug_url(name, slug):
    """``reverse(name, kwargs={"slug": slug})`` for a slug (letters, digits, - and _:
    nothing to quote)."""
    head, tail = _around_slug(name, get_language(), get_script_prefix(), get_urlconf())
    return f"{head}{slug}{tail}"


@cache
def _around_slug(name, language, prefix, urlconf):
    head, _, tail = reverse(name, kwargs={"slug": _PLACEHOLDER}).partition(_PLACEHOLDER)
    return head, tail


@receiver(setting_changed, dispatch_uid="articles_urls_setting_changed")
def _forget(setting, **kwargs):
    # Tests may swap the URLs or the languages.
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"):
        _around_slug.cache_clear()
