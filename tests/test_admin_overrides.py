"""Simplified Chinese in the admin: a 简体中文 tab holding the editors' overrides,
empty by default, with the text converted from Traditional Chinese as placeholder,
and each override's state: converted, override, override outdated."""

import json
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from articles.chinese import to_simplified
from articles.languages import registry
from editorial.overrides import OverrideState, override_state

from .editorial_support import form_data, make_editor, make_versioned_article

pytestmark = pytest.mark.django_db

SIMPLIFIED = registry().by_code("zh-hans")


class _Fields(HTMLParser):
    """The attributes of every input and textarea, by name."""

    def __init__(self):
        super().__init__()
        self.fields = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "textarea") and attrs.get("name"):
            self.fields[attrs["name"]] = attrs


def field_attrs(html):
    parser = _Fields()
    parser.feed(html)
    return parser.fields


@pytest.fixture
def editor(django_user_model):
    client = Client(headers={"accept-language": "zh-CN"})
    client.force_login(make_editor(django_user_model))
    return client


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def save(client, article, **changes):
    page = client.get(change_url(article))
    data = {**form_data(page.text), **changes}
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()


def test_the_override_fields_are_empty_with_the_converted_text_as_placeholder(editor):
    article = make_versioned_article(title_zh_hant="軟體部落格的影片", blocks=2)
    article.blocks.filter(position=2).update(text_zh_hant="「登入」以觀看資訊。")
    page = editor.get(change_url(article))
    assert page.status_code == 200
    fields = field_attrs(page.text)
    title = fields["title_zh_hans"]
    assert title.get("value", "") == ""
    assert title["placeholder"] == "软件博客的视频" == to_simplified("軟體部落格的影片")
    block = fields["blocks-1-text_zh_hans"]
    assert block["placeholder"] == "“登录”以观看信息。"
    assert form_data(page.text)["blocks-1-text_zh_hans"] == ""
    # The tab is named in Simplified Chinese, from the registry.
    tabs = page.text.split('id="language-tabs"', 1)[1].split(">", 1)[1].split("</script>")[0]
    assert json.loads(tabs)["zh-hans"] == {"name": "简体中文", "tag": "zh-Hans"}


def test_a_text_without_traditional_source_gets_no_placeholder(editor):
    article = make_versioned_article(standfirst_zh_hant="")
    fields = field_attrs(editor.get(change_url(article)).text)
    assert "placeholder" not in fields["standfirst_zh_hans"]


def test_each_override_state_from_converted_to_outdated(editor):
    article = make_versioned_article(title_zh_hant="顧客永遠是對的嗎？")
    assert override_state(article, "title", SIMPLIFIED) == OverrideState.DERIVED
    fields = field_attrs(editor.get(change_url(article)).text)
    assert fields["title_zh_hans"]["data-override-state"] == "derived"

    save(editor, article, title_zh_hans="顾客总是对的吗？")
    assert article.title_zh_hans == "顾客总是对的吗？"
    assert override_state(article, "title", SIMPLIFIED) == OverrideState.OVERRIDE
    fields = field_attrs(editor.get(change_url(article)).text)
    assert fields["title_zh_hans"]["data-override-state"] == "override"
    assert fields["title_zh_hans"]["value"] == "顾客总是对的吗？"

    # The Traditional text changes after the override was written.
    save(editor, article, title_zh_hant="顧客永遠都是對的嗎？")
    assert override_state(article, "title", SIMPLIFIED) == OverrideState.OUTDATED
    fields = field_attrs(editor.get(change_url(article)).text)
    assert fields["title_zh_hans"]["data-override-state"] == "override-outdated"
    assert fields["title_zh_hans"]["title"] == "指定写法已过时"
    # The placeholder shows what readers would get without the override.
    assert fields["title_zh_hans"]["placeholder"] == to_simplified("顧客永遠都是對的嗎？")

    # Written again from the new source: an override again.
    save(editor, article, title_zh_hans="顾客永远都是对的吗？")
    assert override_state(article, "title", SIMPLIFIED) == OverrideState.OVERRIDE


def override_counts_text(client):
    page = client.get(reverse("admin:articles_article_changelist"))
    assert page.status_code == 200
    return [
        part.split("</span>")[0] for part in page.text.split('<span class="override-counts">')[1:]
    ]


def test_the_change_list_counts_each_state_in_simplified_chinese(editor):
    article = make_versioned_article(blocks=2)  # title, standfirst, 2 blocks in zh-hant
    assert override_counts_text(editor) == ["简体中文：自动转换 4，指定写法 0，指定写法已过时 0"]
    save(editor, article, title_zh_hans="手写的标题", **{"blocks-0-text_zh_hans": "手写的段落"})
    assert override_counts_text(editor) == ["简体中文：自动转换 2，指定写法 2，指定写法已过时 0"]
    save(editor, article, title_zh_hant="改過的標題")
    assert override_counts_text(editor) == ["简体中文：自动转换 2，指定写法 1，指定写法已过时 1"]


def dashboard_counts(client):
    import re

    page = client.get(reverse("translations:dashboard"))
    assert page.status_code == 200
    return {
        slug: tuple(int(n) for n in counts)
        for slug, *counts in re.findall(
            r'data-overrides="([\w-]+)">.*?count-derived">(\d+)<.*?count-override">(\d+)<'
            r'.*?count-override-outdated">(\d+)<',
            page.text,
            re.S,
        )
    }


def test_the_dashboard_lists_each_articles_overrides_by_state(editor):
    article = make_versioned_article(slug="cinq", blocks=2)
    other = make_versioned_article(slug="autre", blocks=1)
    assert dashboard_counts(editor) == {"cinq": (4, 0, 0), "autre": (3, 0, 0)}
    save(editor, article, title_zh_hans="手写的标题", standfirst_zh_hans="手写的导言")
    save(editor, article, title_zh_hant="改過的標題")
    assert dashboard_counts(editor) == {"cinq": (2, 1, 1), "autre": (3, 0, 0)}
    page = editor.get(reverse("translations:dashboard")).text
    assert "简体中文，由繁体中文转换" in page
    assert reverse("admin:articles_article_change", args=[other.pk]) in page
