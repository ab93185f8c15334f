"""The Simplified Chinese UI catalogue: every string of zh_Hant, in mainland usage, and
the command that derives new strings from zh_Hant without touching reviewed ones."""

import re
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from articles.management.commands.derive_simplified_catalogue import UNREVIEWED

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGUE = Path("LC_MESSAGES") / "django.po"

# Taiwan words, in Traditional characters (left unconverted) and in Simplified
# characters (converted character by character only), with the mainland word a
# mainland reader expects instead.
TAIWAN_ONLY = {
    "登入": "登录",
    "影片": "视频",
    "軟體": "软件",
    "软体": "软件",
    "資訊": "信息",
    "资讯": "信息",
    "部落格": "博客",
    "搜尋": "搜索",
    "搜寻": "搜索",
    "網站": "网站",
    "連結": "链接",
    "连结": "链接",
    "預設": "默认",
    "预设": "默认",
    "使用者": "用户",
    "纪录": "记录",
    "清单": "列表",
    "套用": "应用",
    "覆写": "覆盖",
    "更动": "改动",
    "选取": "选中",
    "注记": "注释",
}
# What OpenCC gets wrong: 資料 means information as often as data.
MISCONVERTED = {"详细数据": "详细信息"}
# Mainland horizontal text quotes with “” and ‘’, never corner brackets.
CORNER_BRACKETS = re.compile("[「」『』]")
HAN = r"[\u4e00-\u9fff]"
# A half-width mark next to a Chinese character, or a space before or after a
# full-width mark: both show as a cramped mark or a gap in the middle of a sentence.
# (The " · " between a page's title and the site's name is a separator, not a mark.)
BAD_PUNCTUATION = re.compile(
    rf"{HAN}[,.?!:;()]|[,?!:;()]{HAN}| [，。？！：；、（）“”]|[，。？！：；、（“] (?!·)"
)
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sdr]|(?<!%)%[sd]|\{[a-z_]*\}")


def catalogue(language):
    return polib.pofile(str(LOCALE / language / CATALOGUE))


def translations(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def test_every_traditional_string_has_a_simplified_translation():
    simplified = {(e.msgctxt, e.msgid): e for e in catalogue("zh_Hans")}
    traditional = [e for e in catalogue("zh_Hant") if not e.obsolete]
    missing = [
        e.msgid
        for e in traditional
        if (e.msgctxt, e.msgid) not in simplified
        or not all(text.strip() for text in translations(simplified[(e.msgctxt, e.msgid)]))
    ]
    assert len(traditional) > 200
    assert missing == []


def test_every_simplified_entry_has_been_read():
    # derive_simplified_catalogue marks what OpenCC wrote; a reviewer removes the mark.
    unread = [e.msgid for e in catalogue("zh_Hans") if UNREVIEWED in e.tcomment]
    assert unread == []


def test_the_simplified_catalogue_uses_no_taiwan_only_words():
    found = [
        (word, e.msgid)
        for e in catalogue("zh_Hans")
        for text in translations(e)
        for word in {**TAIWAN_ONLY, **MISCONVERTED}
        if word in text
    ]
    assert found == []


def test_the_simplified_catalogue_uses_mainland_punctuation():
    found = [
        (e.msgid, text)
        for e in catalogue("zh_Hans")
        for text in translations(e)
        if CORNER_BRACKETS.search(text) or BAD_PUNCTUATION.search(text)
    ]
    assert found == []


def test_the_simplified_catalogue_keeps_every_placeholder():
    def placeholders(text):
        return sorted(PLACEHOLDER.findall(text))

    changed = [
        e.msgid
        for e in catalogue("zh_Hans")
        for text in translations(e)
        if placeholders(text) != placeholders(e.msgid_plural or e.msgid)
    ]
    assert changed == []


def test_the_simplified_catalogue_is_written_in_simplified_characters():
    from opencc import OpenCC

    to_simplified_characters = OpenCC("t2s")
    traditional = [
        text
        for e in catalogue("zh_Hans")
        for text in translations(e)
        if to_simplified_characters.convert(text) != text
    ]
    assert traditional == []


def test_the_simplified_catalogue_declares_its_language_and_plurals():
    metadata = catalogue("zh_Hans").metadata
    assert metadata["Language"] == "zh_Hans"
    assert metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert [e for e in catalogue("zh_Hans") if "fuzzy" in e.flags] == []


def test_the_compiled_catalogue_speaks_mainland_chinese():
    call_command("compile_translations", stdout=StringIO())
    with translation.override("zh-hans"):
        assert translation.gettext("Search") == "搜索"
        assert translation.gettext("Links") == "链接"
        assert translation.gettext("Page not found") == "找不到页面"
    with translation.override("zh-hant"):
        assert translation.gettext("Search") == "搜尋"


def test_the_committed_catalogue_is_up_to_date_with_zh_hant():
    call_command("derive_simplified_catalogue", "--check", stdout=StringIO())


# The command, on catalogues of its own.


def write(path, entries, language):
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": language,
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    for entry in entries:
        catalogue.append(entry)
    path.parent.mkdir(parents=True)
    catalogue.save(str(path))


@pytest.fixture
def locale_dir(tmp_path):
    write(
        tmp_path / "zh_Hant" / CATALOGUE,
        [
            polib.POEntry(msgid="Log in", msgstr="登入", occurrences=[("a.py", "1")]),
            polib.POEntry(msgid="Videos", msgstr="「影片」", occurrences=[("b.py", "2")]),
            polib.POEntry(msgid="Search", msgctxt="verb", msgstr="搜尋"),
            polib.POEntry(
                msgid="%(n)s blog",
                msgid_plural="%(n)s blogs",
                msgstr_plural={0: "%(n)s 個部落格"},
            ),
        ],
        "zh_Hant",
    )
    write(
        tmp_path / "zh_Hans" / CATALOGUE,
        [
            # Reviewed by hand: worded differently from what OpenCC gives.
            polib.POEntry(msgid="Log in", msgstr="请登录", occurrences=[("old.py", "9")]),
            polib.POEntry(msgid="Gone", msgstr="已删除的字符串"),
        ],
        "zh_Hans",
    )
    return tmp_path


def test_derive_keeps_reviewed_entries_and_converts_new_ones(locale_dir):
    with pytest.raises(CommandError, match="out of date: 3 strings to add, 1 to remove"):
        call_command("derive_simplified_catalogue", "--check", locale_dir=locale_dir)

    call_command("derive_simplified_catalogue", locale_dir=locale_dir, stdout=StringIO())

    result = polib.pofile(str(locale_dir / "zh_Hans" / CATALOGUE))
    entries = {(e.msgctxt, e.msgid): e for e in result}
    assert entries[(None, "Log in")].msgstr == "请登录"  # not overwritten
    assert entries[(None, "Log in")].occurrences == [("a.py", "1")]  # references follow
    assert entries[(None, "Log in")].tcomment == ""
    assert entries[(None, "Videos")].msgstr == "“视频”"
    assert entries[(None, "Videos")].tcomment == UNREVIEWED
    assert entries[("verb", "Search")].msgstr == "搜索"
    assert entries[(None, "%(n)s blog")].msgstr_plural == {0: "%(n)s 个博客"}
    assert (None, "Gone") not in entries
    # New entries are compiled (not fuzzy): a converted string beats the English one.
    assert [e for e in result if "fuzzy" in e.flags] == []
    assert result.metadata["Language"] == "zh_Hans"

    call_command("derive_simplified_catalogue", "--check", locale_dir=locale_dir, stdout=StringIO())


def test_derive_without_a_traditional_catalogue_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No catalogue at"):
        call_command("derive_simplified_catalogue", locale_dir=tmp_path)
