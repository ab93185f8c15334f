"""The site's languages: every fact about a language, defined once.

Design
------
``settings.LANGUAGES`` stays the list of *enabled* languages, in the order pages list
them, with their UI names (Django's ``i18n_patterns``, ``LocaleMiddleware`` and
modeltranslation read it, and ``settings.py`` cannot import app code). Everything
else known about a language is a :class:`Language` in ``DEFINITIONS`` below:

- ``code``: the Django language code and URL prefix (``zh-hans``);
- ``tag``: the BCP 47 tag for ``lang`` and ``hreflang`` (``zh-Hans``);
- ``og_locale``: the Open Graph locale (``zh_CN``);
- ``native_name``: the language's name in itself, for the switcher and the admin tabs
  (``简体中文``); ``short_name``: the badge shown in lists and side-by-side columns;
  ``list_separator``: what separates names in a running list (``、`` in Chinese);
  ``spaced_words``: whether words are separated by spaces (not in Chinese);
- ``field_suffix``: modeltranslation's suffix, through ``build_localized_fieldname``
  (``title_zh_hans``), and ``field(name)`` the column itself;
- ``derived_from`` and ``converter``: a *stored* language is written by editors; a
  *derived* one is computed from another language's text by the converter (zh-hans:
  from zh-hant through OpenCC ``tw2sp``, see ``articles.chinese``). A derived
  language's own columns, where modeltranslation creates them, hold the editors'
  overrides: the override wins, else the converted source text;
- ``fallbacks``: the languages read, in order, when the language's own text (for a
  derived language: the override and the converted source) is empty; the page then
  shows the fallback notice. zh-hans falls back as zh-hant does;
- ``accepts``: the Accept-Language tags the language serves, lower case; a tag ending
  in ``-*`` stands for every tag under it (``zh-hans-*``: ``zh-Hans-CN``,
  ``zh-Hans-SG``…). Plain ``zh`` goes to Traditional Chinese, the site's first
  Chinese.

A language enabled in ``settings.LANGUAGES`` without a definition here still gets
one, from Django's ``LANG_INFO`` and the code (a stored language falling back to the
default one): adding a language is its line in ``settings.LANGUAGES``, its catalogue,
and a definition here when a default is wrong.

The registry (``registry()``, rebuilt when the language settings change) answers
``by_code``, ``for_accept_language(header)``, ``stored()``, ``derived()``,
``active()``, ``default()``, ``reading_order(language)`` and ``choices()``. Nothing
else needs to spell a language code.
"""

from dataclasses import dataclass, field, replace
from functools import cache

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string
from django.utils.translation import get_language, to_locale
from django.utils.translation.trans_real import parse_accept_lang_header

# Only the first part of a long Accept-Language header is read (a browser sends a few
# tags; a huge header is not a reader's).
ACCEPT_LANGUAGE_MAX = 500


@dataclass(frozen=True)
class Language:
    code: str
    tag: str
    og_locale: str
    native_name: str
    short_name: str
    list_separator: str = ", "  # between names in a running list: "A, B" / "甲、乙"
    spaced_words: bool = True  # Chinese runs its words together: diffs go by character
    accepts: tuple = ()
    fallbacks: tuple = ()
    derived_from: str | None = None
    converter: str | None = None  # dotted path of a function text -> text
    name: object = field(default="", compare=False)  # the UI name, from settings

    @property
    def stored(self):
        return self.derived_from is None

    @property
    def derived(self):
        return not self.stored

    @property
    def has_columns(self):
        """Does the database have this language's columns? modeltranslation makes them
        for the languages enabled when the project starts (and a migration adds them);
        a language enabled later, as a test may do, has none and reads as empty."""
        from modeltranslation.settings import AVAILABLE_LANGUAGES

        return self.code in AVAILABLE_LANGUAGES

    @property
    def field_suffix(self):
        """modeltranslation's suffix for this language's columns: zh-hant -> zh_hant."""
        return self.field("")[1:]

    def field(self, name):
        """The column of a translated field in this language: title -> title_zh_hant.
        Asked for every text a page shows: remembered per language and field."""
        return _column(self.code, name)

    def convert(self, text):
        """A derived language's text made from its source language's text."""
        if self.stored:
            return text or ""
        return import_string(self.converter)(text)

    def serves(self, tag):
        """Does this language serve an Accept-Language tag (lower case)?"""
        return any(
            tag.startswith(accepted[:-1]) if accepted.endswith("-*") else tag == accepted
            for accepted in self.accepts
        )

    def __str__(self):
        return self.code


DEFINITIONS = (
    Language(
        code="fr",
        tag="fr",
        og_locale="fr_FR",
        native_name="Français",
        short_name="FR",
        accepts=("fr", "fr-*"),
        fallbacks=("zh-hant",),
    ),
    Language(
        code="zh-hant",
        tag="zh-Hant",
        og_locale="zh_TW",
        native_name="繁體中文",
        short_name="繁體",
        list_separator="、",
        spaced_words=False,
        accepts=("zh", "zh-tw", "zh-hk", "zh-mo", "zh-hant", "zh-hant-*"),
        fallbacks=("fr",),
    ),
    Language(
        code="zh-hans",
        tag="zh-Hans",
        og_locale="zh_CN",
        native_name="简体中文",
        short_name="简体",
        list_separator="、",
        spaced_words=False,
        accepts=("zh-cn", "zh-sg", "zh-hans", "zh-hans-*"),
        fallbacks=("fr",),
        derived_from="zh-hant",
        converter="articles.chinese.to_simplified",
    ),
)


@cache
def _column(code, name):
    from modeltranslation.utils import build_localized_fieldname

    return build_localized_fieldname(name, code)


def bcp47_tag(code):
    """zh-hant -> zh-Hant, pt-br -> pt-BR, sr-latn -> sr-Latn: BCP 47's usual casing."""
    first, *rest = code.split("-")
    parts = [first.lower()]
    for part in rest:
        parts.append(part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part)
    return "-".join(parts)


def default_definition(code, default_code):
    """What the code and Django's LANG_INFO tell of a language defined nowhere else."""
    info = LANG_INFO.get(code, {})
    locale = to_locale(code)
    if "_" not in locale:
        locale = f"{locale}_{locale.upper()}"  # de -> de_DE: Open Graph wants a territory
    native = info.get("name_local", code)
    return Language(
        code=code,
        tag=bcp47_tag(code),
        og_locale=locale,
        native_name=native[:1].upper() + native[1:],
        short_name=code.split("-")[0].upper(),
        accepts=(code, f"{code}-*"),
        fallbacks=() if code == default_code else (default_code,),
    )


class Registry:
    """The enabled languages, in ``settings.LANGUAGES`` order."""

    def __init__(self, enabled, default_code, definitions=DEFINITIONS):
        known = {language.code: language for language in definitions}
        codes = [code for code, _name in enabled]
        self.languages = []
        for code, name in enabled:
            language = known.get(code) or default_definition(code, default_code)
            # Only enabled languages in the chains: a fallback to a disabled one is skipped.
            fallbacks = tuple(c for c in language.fallbacks if c in codes and c != code)
            self.languages.append(replace(language, name=name, fallbacks=fallbacks))
        self._by_code = {language.code: language for language in self.languages}
        self._reading_orders = {}  # read for every translated field shown: built once
        self.default_code = default_code
        for language in self.derived():
            if language.derived_from not in self._by_code:
                raise ValueError(
                    f"{language.code} is derived from {language.derived_from}, "
                    "which is not enabled in settings.LANGUAGES"
                )

    def __iter__(self):
        return iter(self.languages)

    def __len__(self):
        return len(self.languages)

    def __contains__(self, code):
        return code in self._by_code

    def codes(self):
        return [language.code for language in self.languages]

    def choices(self, languages=None):
        """(code, UI name) pairs, e.g. for a form field or a model's callable choices."""
        return [(language.code, language.name) for language in languages or self.languages]

    def by_code(self, code):
        """The enabled language with this code; KeyError for any other."""
        return self._by_code[code.lower()]

    def get(self, code, default=None):
        return self._by_code.get((code or "").lower(), default)

    def default(self):
        return self._by_code[self.default_code]

    def active(self):
        """The active language (``translation.override``, the URL prefix), else the
        default one."""
        return self.get(get_language()) or self.default()

    def stored(self):
        """Languages whose text editors write and the database stores."""
        return [language for language in self.languages if language.stored]

    def derived(self):
        """Languages computed from a stored one."""
        return [language for language in self.languages if language.derived]

    def source(self, language):
        """The stored language a language's text comes from (itself when stored)."""
        return self.by_code(language.derived_from) if language.derived else language

    def reading_order(self, language):
        """Where a reader of ``language`` gets each text, in order: the language itself,
        for a derived language its source, then the fallbacks (with a notice)."""
        if language.code in self._reading_orders:
            return self._reading_orders[language.code]
        order = [language]
        if language.derived:
            order.append(self.source(language))
        order += [self.by_code(code) for code in language.fallbacks]
        order = self._reading_orders[language.code] = tuple(dict.fromkeys(order))
        return order

    def for_accept_language(self, header):
        """The language for an Accept-Language header: the reader's most preferred tag
        that an enabled language serves, else the default language."""
        for tag in accepted_tags(header):
            for language in self.languages:
                if language.serves(tag):
                    return language
        return self.default()


def accepted_tags(header):
    """The tags of an Accept-Language header, lower case, most preferred first.

    Django's parser reads each entry on its own: given the whole header, it refuses all
    of it for one malformed entry, where a reader's other languages still count.
    """
    weighted = [
        (tag, quality)
        for entry in (header or "")[:ACCEPT_LANGUAGE_MAX].split(",")
        for tag, quality in parse_accept_lang_header(entry.strip())
        if tag != "*" and quality > 0
    ]
    weighted.sort(key=lambda item: -item[1])  # stable: equal qualities keep their order
    return [tag for tag, _quality in weighted]


def stored_choices():
    """The stored languages as choices: a callable for a model field's ``choices``, so
    that migrations do not copy the list."""
    languages = registry()
    return languages.choices(languages.stored())


@cache
def registry():
    """The registry for the current settings (rebuilt when they change)."""
    return Registry(settings.LANGUAGES, settings.LANGUAGE_CODE)


@receiver(setting_changed)
def _languages_changed(setting, **kwargs):
    if setting in {"LANGUAGES", "LANGUAGE_CODE"}:
        registry.cache_clear()
