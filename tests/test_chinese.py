"""Simplified Chinese derived from Traditional: mainland vocabulary, punctuation, and
text that is not Chinese left alone."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from articles import chinese
from articles.chinese import to_simplified


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("軟體", "软件"),
        ("資訊", "信息"),
        ("部落格", "博客"),
        ("影片", "视频"),
        ("登入", "登录"),
        ("搜尋", "搜索"),
        ("網站", "网站"),
        ("連結", "链接"),
        ("使用者", "用户"),
        ("伺服器", "服务器"),
        ("顧客永遠是對的嗎？", "顾客永远是对的吗？"),
    ],
    ids=[
        "software",
        "information",
        "blog",
        "video",
        "log-in",
        "search",
        "website",
        "link",
        "user",
        "server",
        "the-question",
    ],
)
def test_taiwan_vocabulary_becomes_mainland_vocabulary(traditional, simplified):
    assert to_simplified(traditional) == simplified


def test_vocabulary_not_only_characters_in_a_sentence():
    text = to_simplified("我在部落格上看到一部關於客服軟體的影片，登入後可看更多資訊。")
    assert text == "我在博客上看到一部关于客服软件的视频，登录后可看更多信息。"
    # Character-by-character conversion would have left the Taiwan words.
    for taiwan_word in ("软体", "部落格", "影片", "登入", "资讯"):
        assert taiwan_word not in text


def test_corner_brackets_become_mainland_quotation_marks():
    # tw2sp keeps 「」『』; mainland horizontal text quotes with “” and, inside, ‘’.
    assert to_simplified("他說：「顧客說『不』。」") == "他说：“顾客说‘不’。”"


def test_full_width_punctuation_is_kept():
    assert to_simplified("是，不是；對嗎？對！") == "是，不是；对吗？对！"


def test_french_and_latin_parts_are_unchanged_in_mixed_text():
    text = "« Le client a-t-il toujours raison ? » — 顧客永遠是對的嗎？ (2026, p. 12) <em>été</em>"
    assert to_simplified(text) == (
        "« Le client a-t-il toujours raison ? » — 顾客永远是对的吗？ (2026, p. 12) <em>été</em>"
    )


@pytest.mark.parametrize("text", ["", None], ids=["empty", "none"])
def test_empty_text_gives_empty_text(text):
    assert to_simplified(text) == ""


def test_the_same_text_is_converted_once_per_process(monkeypatch):
    chinese.clear_memo()
    calls = []
    real = chinese.converter()

    class Counting:
        def convert(self, text):
            calls.append(text)
            return real.convert(text)

    monkeypatch.setattr(chinese, "converter", lambda: Counting())
    for _ in range(3):
        assert to_simplified("部落格文章") == "博客文章"
    assert calls == ["部落格文章"]
    assert chinese.memo_info().hits == 2
    chinese.clear_memo()


def test_one_converter_shared_by_threads_gives_the_same_results():
    chinese.clear_memo()
    texts = [f"第{n}篇部落格：軟體與資訊「{n}」" for n in range(200)]
    expected = [f"第{n}篇博客：软件与信息“{n}”" for n in range(200)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        converted = list(pool.map(to_simplified, texts))
        converters = set(pool.map(lambda _n: id(chinese.converter()), range(8)))
    assert converted == expected
    assert len(converters) == 1
    chinese.clear_memo()
