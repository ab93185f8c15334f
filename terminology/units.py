"""The translated units of the content, checked against the termbase.

A unit is one translated field of one row: an article's title or standfirst,
block N of its body, an opinion's headline or block N, an expert's role or
bio. The translation dashboard can count findings per article with
``findings_by_article``; ``check_terminology`` lists them all.
"""

from dataclasses import dataclass

from articles.models import Article, Person, content_languages, field_suffix

from .matching import Termbase


@dataclass(frozen=True)
class Unit:
    owner: str  # the article's slug, or "experts/<slug>"
    label: str  # title, standfirst, block 3, opinion <anchor> headline…
    obj: object  # the row, to fix it
    field: str  # its translated field: title, text, headline…

    def text(self, language):
        return getattr(self.obj, f"{self.field}_{field_suffix(language)}") or ""


def article_units(article):
    """An article's units, in reading order. Prefetch blocks and opinions' blocks."""
    yield Unit(article.slug, "title", article, "title")
    yield Unit(article.slug, "standfirst", article, "standfirst")
    for number, block in enumerate(article.blocks.all(), start=1):
        yield Unit(article.slug, f"block {number}", block, "text")
    for opinion in article.opinions.all():
        yield Unit(article.slug, f"opinion {opinion.anchor} headline", opinion, "headline")
        for number, block in enumerate(opinion.blocks.all(), start=1):
            yield Unit(article.slug, f"opinion {opinion.anchor} block {number}", block, "text")


def person_units(person):
    for field in ("role", "organisation", "bio"):
        yield Unit(f"experts/{person.slug}", field, person, field)


def articles_to_check():
    """Published and draft articles alike, with what their units need: 3 queries."""
    return Article.objects.order_by("slug").prefetch_related("blocks", "opinions__blocks")


def directions(source_language, target_language):
    """(source, target) given either, or None for the source's default."""
    if target_language:
        return [c for c in content_languages() if c != target_language][0], target_language
    source = source_language or content_languages()[0]
    return source, [c for c in content_languages() if c != source][0]


def inconsistencies(target_language=None, termbase=None):
    """[(unit, source language, target language, findings)] for every unit with
    findings. Without ``target_language``, each article is checked from its
    original language into the other (experts: from French)."""
    termbase = termbase or Termbase.load()
    results = []
    for article in articles_to_check():
        source, target = directions(article.original_language, target_language)
        for unit in article_units(article):
            results.extend(_checked(unit, source, target, termbase))
    source, target = directions(None, target_language)
    for person in Person.objects.order_by("slug"):
        for unit in person_units(person):
            results.extend(_checked(unit, source, target, termbase))
    return results


def _checked(unit, source, target, termbase):
    findings = termbase.check(unit.text(source), unit.text(target), source, target)
    return [(unit, source, target, findings)] if findings else []


def findings_by_article(articles, target_language=None, termbase=None):
    """{article pk: number of units with findings}, for a dashboard's list.
    ``articles`` must prefetch "blocks" and "opinions__blocks"."""
    termbase = termbase or Termbase.load()
    counts = {}
    for article in articles:
        source, target = directions(article.original_language, target_language)
        counts[article.pk] = sum(
            1 for unit in article_units(article) if _checked(unit, source, target, termbase)
        )
    return counts
