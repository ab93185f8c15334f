"""Template helpers for the reading site (no database access)."""

import json

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from articles.languages import registry

from .. import presentation
from ..presentation import html_lang

register = template.Library()

# `{% with t=article|shown:"title" %}`: text, language, fallback, html_lang.
register.filter("shown", presentation.shown)
register.filter("html_lang", html_lang)
register.filter("og_locale", presentation.og_locale)
register.filter("lang_attr", presentation.lang_attr)
register.simple_tag(presentation.stance_badge, name="stance_badge")
register.simple_tag(presentation.stance_icon, name="stance_icon")
register.simple_tag(presentation.blocks_html, name="body_blocks")
register.simple_tag(presentation.block_html, name="render_block")
register.simple_tag(presentation.fallback_mark, name="fallback_mark")
register.simple_tag(presentation.list_separator, name="sep")
register.simple_tag(presentation.available_languages, name="available_languages")
# `{% role_line person "expert-card__role" %}`: role and organisation, separated.
register.simple_tag(presentation.role_line, name="role_line")
register.simple_tag(presentation.article_item, name="article_item")
register.simple_tag(presentation.expert_card, name="expert_card")
register.simple_tag(presentation.opinion_card, name="opinion_card")

# The escapes Django's json_script uses, so the JSON can't close its <script>.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def ld_json(data):
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES))  # noqa: S308


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page in each site language: the Language (tag, native name), its URL,
    and whether it is the current one."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    versions = []
    for language in registry():
        url = other_language_path(path, current, language.code)
        versions.append(
            {
                "code": language.code,
                "name": language.native_name,
                "html_lang": language.tag,
                "url": url,
                "absolute_url": request.build_absolute_uri(url) if request else url,
                "current": language.code == current,
            }
        )
    return versions


def other_language_path(path, current, code):
    """The path of this page in another language: the site's paths are the same in
    every language but for their prefix (what ``translate_url`` would give, without
    resolving and reversing the path for each language); a path without the prefix
    (a 404) leads to the other language's home."""
    if code == current:
        return path
    prefix = f"/{current}/"
    rest = path[len(prefix) :] if path.startswith(prefix) else ""
    return f"/{code}/{rest}"


@register.simple_tag(takes_context=True)
def absolute_url(context, url=None):
    request = context.get("request")
    if request is None:
        return url or ""
    return request.build_absolute_uri(url if url is not None else request.path)


@register.simple_tag(takes_context=True)
def x_default_url(context):
    """The page without its language prefix: Django's LocaleMiddleware redirects it to the
    reader's language, as the sitemap's x-default does."""
    request = context.get("request")
    if request is None:
        return "/"
    prefix = f"/{get_language()}/"
    path = request.get_full_path()
    unprefixed = "/" + path[len(prefix) :] if path.startswith(prefix) else path
    return request.build_absolute_uri(unprefixed)


@register.simple_tag(takes_context=True)
def page_url(context, page_number):
    """The current list URL with another page number, filters kept."""
    query = context.get("filter_query", "")
    return f"?{query}&page={page_number}" if query else f"?page={page_number}"


@register.filter
def bar_share(count, total):
    """A stance's share of the bar in twentieths (1-20): a class, not an inline
    style, which the Content-Security-Policy forbids."""
    if not total:
        return 0
    return min(20, max(1, round(20 * count / total)))
