"""Importing a translator's XLIFF or PO file: check everything, then save all or nothing."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reversion.models import Version

from articles.models import content_languages

from . import summaries
from . import translation_units as tu
from .exchange import MARKUP_RE, MAX_PROBLEMS, NOTE_RE, ExchangeError, read_file


@dataclass
class ImportResult:
    language: str
    # slug -> ids of the units saved or confirmed
    saved: dict = field(default_factory=dict)
    # Units left as they were: no translation in the file, or flagged unfinished.
    skipped: int = 0

    @property
    def count(self):
        return sum(len(ids) for ids in self.saved.values())


@dataclass
class _Plan:
    article: object
    version: int
    texts: dict = field(default_factory=dict)
    confirmed: list = field(default_factory=list)


def _changed_since(article, exported):
    """Why the article no longer matches the file: who saved it, and when."""
    version = Version.objects.get_for_object(article).select_related("revision__user").first()
    who = _("someone")
    when = article.updated_at
    if version is not None:
        when = version.revision.date_created
        if version.revision.user:
            who = version.revision.user.get_username()
    return _(
        "The article %(slug)s was changed after this file was exported (by %(who)s, "
        "%(time)s; version %(then)d in the file, %(now)d now). Export it again and "
        "translate the new file."
    ) % {
        "slug": article.slug,
        "who": who,
        "time": formats.localize(timezone.template_localtime(when)),
        "then": exported,
        "now": article.version,
    }


def _file_language(parsed, expected):
    declared = {code for code in parsed.languages if code}
    if len(declared) != 1:
        raise ExchangeError(_("The file must name exactly one target language."))
    (language,) = declared
    if language not in content_languages():
        raise ExchangeError(
            _("The file is a translation into %(language)s, which this site does not hold.")
            % {"language": language}
        )
    if expected and language != expected:
        raise ExchangeError(
            _("The file is a translation into %(file)s, not into %(expected)s.")
            % {"file": tu.language_label(language), "expected": tu.language_label(expected)}
        )
    return language


def _group(parsed, expected_article, problems):
    by_article, seen = {}, set()
    for unit in parsed.units:
        slug, sep, unit_id = unit.id.partition("/")
        if not sep or not slug or not unit_id:
            problems.append(
                _("%(where)s: %(unit)r is not a unit id of this site (article/unit).")
                % {"where": unit.where, "unit": unit.id}
            )
            continue
        if unit.id in seen:
            problems.append(
                _("%(where)s: the unit %(unit)s appears twice.")
                % {"where": unit.where, "unit": unit.id}
            )
            continue
        seen.add(unit.id)
        by_article.setdefault(slug, []).append((unit_id, unit))
    if expected_article:
        others = sorted(set(by_article) - {expected_article})
        if others:
            problems.append(
                _("This file holds translations of %(others)s, not only of %(slug)s.")
                % {"others": ", ".join(others), "slug": expected_article}
            )
    return by_article


def _check_unit(site, unit, plan, problems):
    """Compare one unit of the file with the site's; add it to the plan if it is fine."""
    here = f"{unit.where}: {unit.id}"
    note = NOTE_RE.search(unit.note or "")
    if note is None:
        problems.append(
            _("%(here)s: the note with the source's fingerprint is missing; export again.")
            % {"here": here}
        )
        return None
    if note["fingerprint"] != site.source_fingerprint:
        problems.append(
            _("%(here)s: its source text changed since the export; export again.") % {"here": here}
        )
    text = (unit.text or "").replace("\r\n", "\n").strip()
    if text == "<markup>" or MARKUP_RE.search(text):
        problems.append(
            _("%(here)s: the translation holds markup (tags); this unit is plain text.")
            % {"here": here}
        )
        return int(note["version"])
    if not text or (unit.unsure and text == site.target.strip()):
        return int(note["version"])  # not translated, or flagged unfinished and untouched
    if text == site.target.strip():
        plan.confirmed.append(site.id)
    else:
        plan.texts[site.id] = text
    return int(note["version"])


def _plan(slug, items, article, language, problems):
    first = items[0][1]
    if article is None:
        problems.append(
            _("%(where)s: %(unit)s: there is no article %(slug)s.")
            % {"where": first.where, "unit": first.id, "slug": slug}
        )
        return None
    if not tu.is_target(article, language):
        problems.append(
            _("%(where)s: the article %(slug)s is written in %(language)s, not translated into it.")
            % {"where": first.where, "slug": slug, "language": tu.language_label(language)}
        )
        return None
    units = {unit.id: unit for unit in tu.article_units(article, language)}
    plan = _Plan(article, article.version)
    versions = set()
    for unit_id, unit in items:
        site = units.get(unit_id)
        if site is None:
            problems.append(
                _("%(where)s: %(unit)s is not a unit of the article %(slug)s to translate.")
                % {"where": unit.where, "unit": unit.id, "slug": slug}
            )
            continue
        version = _check_unit(site, unit, plan, problems)
        if version is not None:
            versions.add(version)
    if versions and versions != {article.version}:
        problems.append(_changed_since(article, min(versions)))
    return plan


def import_translations(data, file_name, user=None, language=None, article=None):
    """Import a file (bytes) into the database, all or nothing. ``language`` and
    ``article`` (a slug), when given, are what the file must be. Raises ExchangeError
    listing every problem; returns an ImportResult."""
    parsed = read_file(data)
    if not parsed.units:
        raise ExchangeError(_("The file holds no translation units."))
    language = _file_language(parsed, language)
    problems = []
    by_article = _group(parsed, article, problems)
    articles = tu.articles_with_units().in_bulk(list(by_article), field_name="slug")
    plans = [
        _plan(slug, items, articles.get(slug), language, problems)
        for slug, items in by_article.items()
    ]
    if problems:
        extra = len(problems) - MAX_PROBLEMS
        if extra > 0:
            problems = problems[:MAX_PROBLEMS] + [_("… and %(count)d more.") % {"count": extra}]
        raise ExchangeError(problems)
    result = ImportResult(language)
    result.skipped = len(parsed.units)
    summary = summaries.event("translations_imported", language=language, file=file_name)
    with transaction.atomic():
        for plan in plans:
            if not plan.texts and not plan.confirmed:
                continue
            try:
                changed = tu.apply_translations(
                    plan.article,
                    language,
                    plan.texts,
                    plan.confirmed,
                    user=user,
                    loaded_version=plan.version,
                    summary=summary,
                )
            except ValueError as error:
                raise ExchangeError(str(error)) from None
            except tu.EditConflict:
                plan.article.refresh_from_db(fields=["version", "updated_at"])
                raise ExchangeError(_changed_since(plan.article, plan.version)) from None
            result.saved[plan.article.slug] = changed
    result.skipped -= result.count
    return result
