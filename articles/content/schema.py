"""The content files (``content/``): their layout, and the checks they pass before import.

Layout of a content folder::

    question.yaml            the debated question
    people.yaml              a list of people
    articles/<slug>.yaml     one article with its body blocks, opinions and
                             closing blocks (text after the opinions)

Translated values are mappings ``{fr: …, zh-hant: …}``. ``read_content`` checks
every file and returns normalised dictionaries (``sync`` writes them to the
database); one bad file raises ``ContentError`` naming the file and the place.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from ..models import (
    Article,
    ArticleSlugHistory,
    Block,
    Opinion,
    Person,
    Question,
    Stance,
    content_languages,
    default_language,
    file_languages,
)

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

QUESTION_FILE = "question.yaml"
PEOPLE_FILE = "people.yaml"
ARTICLES_DIR = "articles"

QUESTION_TEXTS = ("title", "description")
PERSON_TEXTS = ("name", "role", "organisation", "bio")
ARTICLE_TEXTS = ("title", "standfirst", "credits")


# A content file larger than this is refused before it is parsed: the largest
# real article is a few tens of kilobytes, and YAML parsing is slow and
# memory-hungry on huge input.
MAX_FILE_BYTES = 1024 * 1024


def max_length(model, name):
    """The database column's limit for a field (None: unlimited text)."""
    return model._meta.get_field(name).max_length


# Stored with each imported revision, in the history editors read.
IMPORT_COMMENT = "Imported from the content files (import_content)."


class ContentError(Exception):
    """A content file that cannot be imported; the message names file and problem."""


# --- validation: file data -> normalised dictionaries ------------------------


class _Checker:
    def __init__(self, path):
        self.path = path

    def fail(self, where, problem):
        location = f"{self.path}: {where}: " if where else f"{self.path}: "
        raise ContentError(location + problem)

    def mapping(self, value, where, keys, required=()):
        if not isinstance(value, dict):
            self.fail(where, "expected a mapping of keys to values")
        unknown = sorted(set(value) - set(keys), key=str)
        if unknown:
            self.fail(where, f"unknown key(s) {', '.join(map(str, unknown))}")
        missing = [key for key in required if key not in value]
        if missing:
            self.fail(where, f"missing key(s) {', '.join(missing)}")
        return value

    def text(self, value, where, required=False, limit=None):
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.fail(where, f"expected text, got {type(value).__name__}")
        if required and not value.strip():
            self.fail(where, "must not be empty")
        if limit is not None and len(value) > limit:
            self.fail(where, f"{len(value)} characters, more than the {limit} this field holds")
        return value

    def translated(self, value, where, required=False, limit=None):
        """``{fr: …, zh-hant: …}``; a missing language is an empty translation. A
        derived language's override (``zh-hans``) is kept only when written."""
        if value is None:
            value = {}
        self.mapping(value, where, file_languages())
        result = {
            code: self.text(value.get(code), f"{where}.{code}", limit=limit)
            for code in file_languages()
            if code in content_languages() or (value.get(code) or "").strip()
        }
        stored = [result[code] for code in content_languages()]
        if required and not any(text.strip() for text in stored):
            self.fail(where, "needs a text in at least one language")
        return result

    def slug(self, value, where, limit=None):
        value = self.text(value, where, required=True, limit=limit)
        if not SLUG_RE.match(value):
            self.fail(where, f"{value!r} is not a slug (lowercase ASCII letters, digits, hyphens)")
        return value

    def new_slug(self, value, where, seen, problem, limit=None):
        """A slug not in ``seen`` (which it joins); ``problem`` says why a repeat is wrong."""
        value = self.slug(value, where, limit)
        if value in seen:
            self.fail(where, f"{value!r} {problem}")
        seen.add(value)
        return value

    def choice(self, value, where, choices):
        # A TextChoices class, or a plain list of the allowed values.
        allowed = [str(c) for c in getattr(choices, "values", choices)]
        if value not in allowed:
            self.fail(where, f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def url(self, value, where, limit=None):
        value = self.text(value, where, limit=limit)
        if value:
            try:
                URLValidator()(value)
            except ValidationError:
                self.fail(where, f"{value!r} is not a valid URL")
        return value

    def moment(self, value, where):
        if isinstance(value, datetime):
            moment = value
        elif isinstance(value, str):
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                self.fail(where, f"{value!r} is not an ISO date and time")
        else:
            self.fail(where, "expected an ISO date and time such as 2022-10-07T09:00:00+00:00")
        if moment.tzinfo is None:
            self.fail(where, "needs a time zone offset, e.g. +00:00")
        return format_moment(moment)

    def day(self, value, where):
        if value is None or value == "":
            return None
        if isinstance(value, date) and not isinstance(value, datetime):
            return value.isoformat()
        if isinstance(value, str):
            try:
                return date.fromisoformat(value).isoformat()
            except ValueError:
                pass
        self.fail(where, f"{value!r} is not a date such as 2022-10-07")

    def blocks(self, value, where):
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(where, "expected a list of blocks")
        result = []
        for index, block in enumerate(value):
            here = f"{where}[{index}]"
            self.mapping(block, here, ("kind", *file_languages()), required=("kind",))
            texts = self.translated(
                {code: block.get(code) for code in file_languages() if code in block},
                here,
                required=True,
            )
            result.append({"kind": self.choice(block["kind"], f"{here}.kind", Block.Kind), **texts})
        return result


def format_moment(moment):
    return moment.astimezone(UTC).isoformat()


def _load_yaml(path):
    try:
        size = Path(path).stat().st_size
        if size > MAX_FILE_BYTES:
            raise ContentError(
                f"{path}: {size} bytes, larger than the {MAX_FILE_BYTES} bytes a content "
                "file may have"
            )
        with open(path, encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except UnicodeDecodeError as error:
        raise ContentError(f"{path}: not UTF-8 text ({error.reason})") from error
    except yaml.YAMLError as error:
        raise ContentError(f"{path}: not valid YAML: {error}") from error
    except OSError as error:
        raise ContentError(f"{path}: cannot be read: {error.strerror}") from error


def parse_question(data, path):
    check = _Checker(path)
    check.mapping(data, "", ("slug", *QUESTION_TEXTS), required=("slug", "title"))
    return {
        "slug": check.slug(data["slug"], "slug", max_length(Question, "slug")),
        "title": check.translated(
            data["title"], "title", required=True, limit=max_length(Question, "title")
        ),
        "description": check.translated(data.get("description"), "description"),
    }


def parse_people(data, path):
    check = _Checker(path)
    if not isinstance(data, list):
        check.fail("", "expected a list of people")
    people, seen = [], set()
    for index, item in enumerate(data):
        here = f"[{index}]"
        check.mapping(item, here, ("slug", "link", *PERSON_TEXTS), required=("slug", "name"))
        slug = check.new_slug(
            item["slug"], f"{here}.slug", seen, "appears twice", max_length(Person, "slug")
        )
        people.append(
            {
                "slug": slug,
                "link": check.url(item.get("link"), f"{here}.link", max_length(Person, "link")),
                "name": check.translated(
                    item["name"], f"{here}.name", required=True, limit=max_length(Person, "name")
                ),
                **{
                    name: check.translated(
                        item.get(name), f"{here}.{name}", limit=max_length(Person, name)
                    )
                    for name in PERSON_TEXTS[1:]
                },
            }
        )
    return people


ARTICLE_KEYS = (
    "slug",
    "status",
    "published_at",
    "original_published_on",
    "original_language",
    "translation_origin",
    "stance",
    "source_name",
    "source_url",
    "author",
    "title",
    "standfirst",
    "credits",
    "body",
    "opinions",
    "closing",
    "old_slugs",
)
OPINION_KEYS = ("person", "anchor", "stance", "headline", "body")


def parse_article(data, path, person_slugs):
    check = _Checker(path)
    check.mapping(
        data,
        "",
        ARTICLE_KEYS,
        required=("slug", "status", "published_at", "stance", "title"),
    )
    slug = check.slug(data["slug"], "slug", max_length(Article, "slug"))
    if Path(path).stem != slug:
        check.fail("slug", f"{slug!r} does not match the file name {Path(path).name!r}")
    author = data.get("author")
    if author is not None:
        author = check.slug(author, "author")
        if author not in person_slugs:
            check.fail("author", f"no person with slug {author!r}")
    opinions_data = data.get("opinions") or []
    if not isinstance(opinions_data, list):
        check.fail("opinions", "expected a list of opinions")
    opinions, anchors = [], set()
    for index, item in enumerate(opinions_data):
        here = f"opinions[{index}]"
        check.mapping(item, here, OPINION_KEYS, required=("person", "anchor", "stance"))
        person = check.slug(item["person"], f"{here}.person")
        if person not in person_slugs:
            check.fail(f"{here}.person", f"no person with slug {person!r}")
        anchor = check.new_slug(
            item["anchor"],
            f"{here}.anchor",
            anchors,
            "is used twice in this article",
            max_length(Opinion, "anchor"),
        )
        opinions.append(
            {
                "person": person,
                "anchor": anchor,
                "stance": check.choice(item["stance"], f"{here}.stance", Stance),
                "headline": check.translated(
                    item.get("headline"), f"{here}.headline", limit=max_length(Opinion, "headline")
                ),
                "body": check.blocks(item.get("body"), f"{here}.body"),
            }
        )
    old_slugs = data.get("old_slugs") or []
    if not isinstance(old_slugs, list):
        check.fail("old_slugs", "expected a list of former slugs")
    seen = {slug}
    old_slugs = [
        check.new_slug(
            value,
            f"old_slugs[{index}]",
            seen,
            "is listed twice, or is the article's own slug",
            max_length(ArticleSlugHistory, "old_slug"),
        )
        for index, value in enumerate(old_slugs)
    ]
    article = {
        "slug": slug,
        "status": check.choice(data["status"], "status", Article.Status),
        "published_at": check.moment(data["published_at"], "published_at"),
        "original_published_on": check.day(
            data.get("original_published_on"), "original_published_on"
        ),
        "original_language": check.choice(
            data.get("original_language", default_language()),
            "original_language",
            content_languages(),
        ),
        "translation_origin": check.choice(
            data.get("translation_origin", Article.TranslationOrigin.PROJECT.value),
            "translation_origin",
            Article.TranslationOrigin,
        ),
        "stance": check.choice(data["stance"], "stance", Stance),
        "source_name": check.text(
            data.get("source_name"), "source_name", limit=max_length(Article, "source_name")
        ),
        "source_url": check.url(
            data.get("source_url"), "source_url", max_length(Article, "source_url")
        ),
        "author": author,
        "title": check.translated(
            data["title"], "title", required=True, limit=max_length(Article, "title")
        ),
        "standfirst": check.translated(data.get("standfirst"), "standfirst"),
        "credits": check.translated(data.get("credits"), "credits"),
        "body": check.blocks(data.get("body"), "body"),
        "opinions": opinions,
    }
    # Optional: files (and import digests) of articles without one stay as they were.
    closing = check.blocks(data.get("closing"), "closing")
    if closing:
        article["closing"] = closing
    # Only when there are any: files of never-renamed articles stay as they were.
    if old_slugs:
        article["old_slugs"] = sorted(old_slugs)
    return article


@dataclass
class ContentSet:
    """Every object of a content folder, checked and normalised."""

    question: dict | None = None
    people: list = field(default_factory=list)
    articles: list = field(default_factory=list)


def read_content(directory):
    """Read and check a whole content folder; raise ContentError on the first problem."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ContentError(f"{directory}: no such content folder")
    content = ContentSet()
    question_path = directory / QUESTION_FILE
    if question_path.exists():
        content.question = parse_question(_load_yaml(question_path), question_path)
    people_path = directory / PEOPLE_FILE
    if people_path.exists():
        content.people = parse_people(_load_yaml(people_path) or [], people_path)
    person_slugs = {p["slug"] for p in content.people}
    person_slugs |= set(Person.objects.values_list("slug", flat=True))
    owners = {}  # every slug, current or former, and the file that claims it
    for path in sorted((directory / ARTICLES_DIR).glob("*.yaml")):
        article = parse_article(_load_yaml(path), path, person_slugs)
        for slug in [article["slug"], *article.get("old_slugs", [])]:
            if slug in owners:
                raise ContentError(
                    f"{path}: the slug {slug!r} is also claimed by {owners[slug]} "
                    "(as its slug or a former one)"
                )
            owners[slug] = path
        content.articles.append(article)
    return content
