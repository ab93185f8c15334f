"""Content files <-> database: import (all or nothing, edits made in the admin kept)
and export (byte-identical round trip).

The database side is serialised to the dictionaries ``schema.read_content`` returns,
which is how ``export_content`` writes files and how the import notices an edit made
in the admin since the last import (see ``ImportRecord``).
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import reversion
import yaml
from django.db import transaction

from search.indexing import deferred

from ..fingerprints import normalised
from ..models import (
    Article,
    ArticleSlugHistory,
    Block,
    ImportRecord,
    Opinion,
    Person,
    Question,
    content_languages,
    field_suffix,
    file_languages,
)
from .schema import (
    ARTICLE_TEXTS,
    ARTICLES_DIR,
    IMPORT_COMMENT,
    PEOPLE_FILE,
    PERSON_TEXTS,
    QUESTION_FILE,
    QUESTION_TEXTS,
    format_moment,
    read_content,
)

# --- database -> dictionaries ------------------------------------------------


def _texts(obj, name):
    """A translated field for the files: every stored language, and an override of a
    derived language where an editor wrote one."""
    texts = {code: getattr(obj, f"{name}_{field_suffix(code)}") or "" for code in file_languages()}
    stored = content_languages()
    return {code: text for code, text in texts.items() if code in stored or text.strip()}


def _blocks(blocks):
    return [{"kind": block.kind, **_texts(block, "text")} for block in blocks]


def question_to_dict(question):
    return {
        "slug": question.slug,
        **{name: _texts(question, name) for name in QUESTION_TEXTS},
    }


def person_to_dict(person):
    return {
        "slug": person.slug,
        "link": person.link,
        **{name: _texts(person, name) for name in PERSON_TEXTS},
    }


def article_to_dict(article):
    """Serialise an article fetched with ``articles_for_export`` (no extra queries)."""
    data = {
        "slug": article.slug,
        "status": article.status,
        "published_at": format_moment(article.published_at),
        "original_published_on": (
            article.original_published_on.isoformat() if article.original_published_on else None
        ),
        "original_language": article.original_language,
        "translation_origin": article.translation_origin,
        "stance": article.stance,
        "source_name": article.source_name,
        "source_url": article.source_url,
        "author": article.author.slug if article.author else None,
        **{name: _texts(article, name) for name in ARTICLE_TEXTS},
        "body": _blocks(article.body_blocks()),
        "opinions": [
            {
                "person": opinion.person.slug,
                "anchor": opinion.anchor,
                "stance": opinion.stance,
                "headline": _texts(opinion, "headline"),
                "body": _blocks(opinion.blocks.all()),
            }
            for opinion in article.opinions.all()
        ],
        **_old_slugs(article),
    }
    closing = _blocks(article.closing_blocks())
    if closing:  # written only when there is one, as the schema reads it
        data["closing"] = closing
    return data


def _old_slugs(article):
    # Former slugs keep their redirects through an export and an import; the key
    # is left out when there are none, as schema.parse_article does.
    slugs = sorted(history.old_slug for history in article.old_slugs.all())
    return {"old_slugs": slugs} if slugs else {}


def articles_for_export():
    return Article.objects.select_related("author").prefetch_related(
        "blocks", "opinions__person", "opinions__blocks", "old_slugs"
    )


def digest(data):
    encoded = json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


# --- dictionaries -> database --------------------------------------------------


def _set_texts(obj, name, texts):
    for code in file_languages():
        setattr(obj, f"{name}_{field_suffix(code)}", texts.get(code, ""))


def _write_blocks(blocks, closing=(), **owner):
    """Replace an owner's blocks; closing blocks are numbered on after the body's."""
    previous = {(b.section, b.position): b for b in Block.objects.filter(**owner)}
    Block.objects.filter(**owner).delete()
    placed = [(Block.Section.BODY, data) for data in blocks]
    placed += [(Block.Section.CLOSING, data) for data in closing]
    for position, (section, data) in enumerate(placed, start=1):
        block = Block(position=position, section=section, kind=data["kind"], **owner)
        _set_texts(block, "text", data)
        block.save()
        _keep_translation_sources(block, previous.get((section, position)))


def _keep_translation_sources(block, old):
    """A re-created block whose translation did not change keeps what that
    translation was made from: a file that changed only the source leaves the
    translation outdated, as an edit in the admin would."""
    if old is None:
        return
    sources = dict(block.translation_sources or {})
    for code in file_languages():
        suffix = field_suffix(code)
        column = f"text_{suffix}"
        # A block's one translated field is "text".
        entry = (old.translation_sources or {}).get(suffix, {}).get("text")
        if entry and normalised(getattr(old, column)) == normalised(getattr(block, column)):
            sources[suffix] = {**sources.get(suffix, {}), "text": entry}
    if sources != block.translation_sources:
        block.translation_sources = sources
        Block.objects.filter(pk=block.pk).update(translation_sources=sources)


def write_question(data, question=None):
    question = question or Question(slug=data["slug"])
    for name in QUESTION_TEXTS:
        _set_texts(question, name, data[name])
    question.save()


def write_person(data, person=None):
    person = person or Person(slug=data["slug"])
    person.link = data["link"]
    for name in PERSON_TEXTS:
        _set_texts(person, name, data[name])
    person.save()


def write_article(data, article=None):
    article = article or Article(slug=data["slug"])
    for name in (
        "status",
        "original_language",
        "translation_origin",
        "stance",
        "source_name",
        "source_url",
    ):
        setattr(article, name, data[name])
    article.published_at = datetime.fromisoformat(data["published_at"])
    article.original_published_on = (
        date.fromisoformat(data["original_published_on"]) if data["original_published_on"] else None
    )
    article.author = Person.objects.get(slug=data["author"]) if data["author"] else None
    for name in ARTICLE_TEXTS:
        _set_texts(article, name, data[name])
    article.save()
    _write_blocks(data["body"], data.get("closing", ()), article=article)

    people = Person.objects.in_bulk([o["person"] for o in data["opinions"]], field_name="slug")
    kept = []
    for position, item in enumerate(data["opinions"], start=1):
        opinion = Opinion.objects.filter(article=article, anchor=item["anchor"]).first()
        opinion = opinion or Opinion(article=article, anchor=item["anchor"])
        opinion.person = people[item["person"]]
        opinion.position = position
        opinion.stance = item["stance"]
        _set_texts(opinion, "headline", item["headline"])
        opinion.save()
        _write_blocks(item["body"], opinion=opinion)
        kept.append(opinion.pk)
    article.opinions.exclude(pk__in=kept).delete()

    old_slugs = data.get("old_slugs", [])
    article.old_slugs.exclude(old_slug__in=old_slugs).delete()
    for old_slug in old_slugs:
        ArticleSlugHistory.objects.update_or_create(
            old_slug=old_slug, defaults={"article": article}
        )


# --- import and export ---------------------------------------------------------


@dataclass
class ImportReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    # Edited in the admin since the last import: kept (or overwritten on request).
    kept: list = field(default_factory=list)
    overwritten: list = field(default_factory=list)

    @property
    def changed(self):
        return bool(self.created or self.updated or self.overwritten)


def _write_with_history(write, data, existing=None):
    """Write one object as a revision of its history, like an admin save."""
    with reversion.create_revision():
        reversion.set_comment(IMPORT_COMMENT)
        write(data, existing)


def _sync(kind, items, existing, to_dict, write, report, overwrite):
    """Bring each object in line with its file, unless an editor changed it since the
    last import. ``existing``: the objects already in the database, by slug."""
    for data in items:
        key = f"{kind}:{data['slug']}"
        obj = existing.get(data["slug"])
        current = None if obj is None else to_dict(obj)
        record = ImportRecord.objects.filter(key=key).first()
        if obj is None:
            _write_with_history(write, data)
            report.created.append(key)
        elif current == data:
            report.unchanged.append(key)
        elif record is not None and record.digest == digest(current):
            _write_with_history(write, data, obj)
            report.updated.append(key)
        elif overwrite:
            _write_with_history(write, data, obj)
            report.overwritten.append(key)
        else:
            report.kept.append(key)
            continue
        ImportRecord.objects.update_or_create(key=key, defaults={"digest": digest(data)})


def import_content(directory, overwrite=False):
    """Load a content folder into the database, all or nothing."""
    content = read_content(directory)
    report = ImportReport()
    questions = [content.question] if content.question else []
    # Each article re-indexed once, not after each of its blocks.
    with transaction.atomic(), deferred():
        in_db = Question.objects.in_bulk([q["slug"] for q in questions], field_name="slug")
        _sync("question", questions, in_db, question_to_dict, write_question, report, overwrite)
        in_db = Person.objects.in_bulk(field_name="slug")
        _sync("person", content.people, in_db, person_to_dict, write_person, report, overwrite)
        in_db = articles_for_export().in_bulk(
            [a["slug"] for a in content.articles], field_name="slug"
        )
        _sync("article", content.articles, in_db, article_to_dict, write_article, report, overwrite)
    return report


class _ContentDumper(yaml.SafeDumper):
    """YAML that reads well: multi-line text as literal blocks, no line folding."""


def _represent_str(dumper, value):
    # Prose goes in literal blocks: no quoting or escaping for editors to get wrong.
    style = "|" if "\n" in value or len(value) > 60 else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_ContentDumper.add_representer(str, _represent_str)


def dump_yaml(data):
    return yaml.dump(
        data,
        Dumper=_ContentDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=10_000,
    )


def export_content(directory):
    """Write the database as a content folder; return the paths written."""
    directory = Path(directory)
    (directory / ARTICLES_DIR).mkdir(parents=True, exist_ok=True)
    written = []

    def write(path, data):
        path.write_text(dump_yaml(data), encoding="utf-8")
        written.append(path)

    question = Question.objects.first()
    if question:
        write(directory / QUESTION_FILE, question_to_dict(question))
    write(directory / PEOPLE_FILE, [person_to_dict(p) for p in Person.objects.all()])
    for article in articles_for_export():
        write(directory / ARTICLES_DIR / f"{article.slug}.yaml", article_to_dict(article))
    return written
