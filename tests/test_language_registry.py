"""The language registry: one description per language, the Accept-Language table,
and a language added in the settings showing up in it."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation

from articles import models
from articles.languages import DEFINITIONS, Language, Registry, registry
from reading import presentation

WITH_SIMPLIFIED = [
    ("fr", "French"),
    ("zh-hant", "Traditional Chinese"),
    ("zh-hans", "Simplified Chinese"),
]

ACCEPT_LANGUAGE = [
    ("zh-CN", "zh-hans", "mainland"),
    ("zh-SG", "zh-hans", "singapore"),
    ("zh-Hans", "zh-hans", "simplified-script"),
    ("zh-Hans-CN", "zh-hans", "simplified-script-mainland"),
    ("zh-Hans-HK", "zh-hans", "simplified-script-any-region"),
    ("zh-TW", "zh-hant", "taiwan"),
    ("zh-HK", "zh-hant", "hong-kong"),
    ("zh-MO", "zh-hant", "macao"),
    ("zh-Hant", "zh-hant", "traditional-script"),
    ("zh-Hant-TW", "zh-hant", "traditional-script-taiwan"),
    ("zh", "zh-hant", "plain-chinese"),
    ("fr", "fr", "french"),
    ("fr-CA", "fr", "french-canada"),
    ("en-US,en;q=0.9", "fr", "unserved-english-gets-the-default"),
    ("", "fr", "empty-header"),
    (None, "fr", "no-header"),
    ("*", "fr", "wildcard"),
    ("de-DE, zh-CN;q=0.8, fr;q=0.5", "zh-hans", "first-served-preference"),
    ("zh-CN;q=0.3, zh-TW;q=0.9", "zh-hant", "quality-wins-over-order"),
    ("zh-CN;q=0, fr", "fr", "refused-with-q-zero"),
    ("zh-CN;q=abc, zh-TW", "zh-hant", "one-malformed-entry-is-skipped"),
    ("ja, zh-Hans-SG;q=0.7, zh-Hant;q=0.7", "zh-hans", "equal-quality-keeps-order"),
]


@override_settings(LANGUAGES=WITH_SIMPLIFIED)
@pytest.mark.parametrize(
    ("header", "code"),
    [(header, code) for header, code, _id in ACCEPT_LANGUAGE],
    ids=[name for _header, _code, name in ACCEPT_LANGUAGE],
)
def test_accept_language_sends_readers_to_their_script(header, code):
    assert registry().for_accept_language(header).code == code


def test_the_settings_enable_french_traditional_and_simplified_chinese():
    languages = registry()
    assert languages.codes() == [code for code, _name in settings.LANGUAGES]
    assert languages.codes() == ["fr", "zh-hant", "zh-hans"]
    assert [language.code for language in languages.stored()] == models.content_languages()
    assert [language.code for language in languages.derived()] == ["zh-hans"]
    for language in languages:
        assert presentation.html_lang(language.code) == language.tag
        assert presentation.og_locale(language.code) == language.og_locale
        assert language.field_suffix == models.field_suffix(language.code)
        assert str(language.name) == str(dict(settings.LANGUAGES)[language.code])
    assert languages.default().code == settings.LANGUAGE_CODE == "fr"


@override_settings(LANGUAGES=WITH_SIMPLIFIED)
def test_simplified_chinese_is_derived_from_traditional():
    languages = registry()
    simplified = languages.by_code("zh-hans")
    assert (simplified.tag, simplified.og_locale, simplified.native_name) == (
        "zh-Hans",
        "zh_CN",
        "简体中文",
    )
    assert simplified.derived and not simplified.stored
    assert languages.source(simplified).code == "zh-hant"
    assert simplified.field("title") == "title_zh_hans"  # where the editors' overrides go
    assert simplified.convert("部落格上的軟體影片") == "博客上的软件视频"
    assert [language.code for language in languages.stored()] == ["fr", "zh-hant"]
    assert [language.code for language in languages.derived()] == ["zh-hans"]
    # Override, then the converted zh-hant text, then what zh-hant falls back to.
    assert [language.code for language in languages.reading_order(simplified)] == [
        "zh-hans",
        "zh-hant",
        "fr",
    ]
    assert [language.code for language in languages.reading_order(languages.by_code("fr"))] == [
        "fr",
        "zh-hant",
    ]


def test_a_stored_language_converts_nothing():
    assert registry().by_code("zh-hant").convert("軟體") == "軟體"


def test_lookups():
    languages = registry()
    assert languages.by_code("ZH-Hant").code == "zh-hant"
    assert "zh-hant" in languages and "zh-hans" in languages and "de" not in languages
    assert languages.get("xx") is None
    with override_settings(LANGUAGES=settings.LANGUAGES[:2]), pytest.raises(KeyError):
        registry().by_code("zh-hans")  # defined, but not enabled
    with translation.override("zh-hant"):
        assert languages.active().code == "zh-hant"
    with translation.override("en"):
        assert languages.active().code == "fr"


@override_settings(LANGUAGES=WITH_SIMPLIFIED)
def test_no_tag_is_served_by_two_languages():
    single = [header for header, _code, _name in ACCEPT_LANGUAGE if header and "," not in header]
    tags = {tag.lower() for tag in single if ";" not in tag}
    tags |= {"zh-hans-mo", "zh-hant-hk", "fr-be", "zh-cn", "zh"}
    for tag in tags:
        assert len([language for language in registry() if language.serves(tag)]) <= 1, tag


def test_a_fourth_language_in_the_settings_shows_up_in_the_registry():
    with override_settings(LANGUAGES=[*settings.LANGUAGES, ("de", "German")]):
        languages = registry()
        german = languages.by_code("de")
        assert languages.codes() == ["fr", "zh-hant", "zh-hans", "de"]
        assert (german.tag, german.og_locale, german.native_name, german.short_name) == (
            "de",
            "de_DE",
            "Deutsch",
            "DE",
        )
        assert german.field("title") == "title_de"
        assert german.stored and german in languages.stored()
        assert german.fallbacks == ("fr",)
        assert languages.for_accept_language("de-AT, fr;q=0.5") == german
    # The override gone, so is the language.
    assert "de" not in registry()
    assert registry().for_accept_language("de-AT, fr;q=0.5").code == "fr"


def test_a_region_in_a_new_code_gets_its_bcp47_casing():
    with override_settings(LANGUAGES=[*settings.LANGUAGES, ("pt-br", "Brazilian Portuguese")]):
        brazilian = registry().by_code("pt-br")
        assert (brazilian.tag, brazilian.og_locale, brazilian.field_suffix) == (
            "pt-BR",
            "pt_BR",
            "pt_br",
        )


def test_a_derived_language_needs_its_source_enabled():
    with pytest.raises(ValueError, match="zh-hans is derived from zh-hant"):
        Registry([("fr", "French"), ("zh-hans", "Simplified Chinese")], "fr")


def test_the_definitions_are_consistent():
    codes = {language.code for language in DEFINITIONS}
    for language in DEFINITIONS:
        assert isinstance(language, Language)
        assert set(language.fallbacks) <= codes - {language.code}
        assert language.derived_from in codes | {None}
        assert (language.converter is None) == language.stored
        assert all(tag == tag.lower() for tag in language.accepts)


def test_the_fallbacks_agree_with_modeltranslations():
    # settings.py cannot ask the registry; the two orders must not drift apart.
    chains = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    for language in registry():
        order = chains.get(language.code, chains["default"])
        expected = [code.code for code in registry().reading_order(language)[1:]]
        assert [code for code in order if code != language.code] == expected


@override_settings(LANGUAGES=WITH_SIMPLIFIED)
def test_choices_and_list_separators():
    from articles.languages import stored_choices

    assert [code for code, _name in stored_choices()] == ["fr", "zh-hant"]
    assert [code for code, _name in registry().choices()] == ["fr", "zh-hant", "zh-hans"]
    separators = {language.code: language.list_separator for language in registry()}
    assert separators == {"fr": ", ", "zh-hant": "、", "zh-hans": "、"}
