"""The public site's querysets, one place each, with what their pages read.

They build on ``Article.objects.published()`` / ``visible_to()`` so that drafts and
scheduled articles (and the opinions in them) stay invisible to the public.
"""

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, Value, When, Window
from django.db.models.functions import RowNumber

from .models import Article, Block, Opinion, Person, Question


def question():
    return Question.objects.first()


def published_articles():
    """Published articles, newest first (feeds, sitemap)."""
    return Article.objects.published()


def article_list():
    """Published articles with what a list item shows: source, date, languages.
    (The translation-status annotation is costly to build: only lists that show the
    languages use it.)"""
    return Article.objects.published().with_translation_status()


def public_stances():
    """Each expert's answers in published articles: one opinion per (person, stance),
    the most recent, with person and article for names and links.

    Chosen in the database (a window function), so the home page reads one row per
    answer however many articles quote the same expert."""
    latest_first = Window(
        RowNumber(),
        partition_by=[F("person_id"), F("stance")],
        order_by=[F("article__published_at").desc(), F("position").asc(), F("pk").asc()],
    )
    return (
        Opinion.objects.filter(article__in=Article.objects.published())
        .annotate(rank=latest_first)
        .filter(rank=1)
        .select_related("person", "article")
        .order_by("person__slug", "-article__published_at", "position")
    )


def source_names():
    return list(
        Article.objects.published()
        .exclude(source_name="")
        .order_by("source_name")
        .values_list("source_name", flat=True)
        .distinct()
    )


def article_detail(user):
    """One article (draft too, for staff) with its body, opinions and their blocks."""
    opinions = Opinion.objects.select_related("person").prefetch_related(
        Prefetch("blocks", queryset=Block.objects.order_by("position", "pk"))
    )
    return (
        Article.objects.visible_to(user)
        .select_related("author")
        .prefetch_related(
            Prefetch("blocks", queryset=Block.objects.order_by("position", "pk")),
            Prefetch("opinions", queryset=opinions.order_by("position", "pk")),
        )
    )


def related_articles(article, limit=3):
    """Other published articles, those sharing the article's stance first."""
    return (
        Article.objects.published()
        .exclude(pk=article.pk)
        .annotate(
            same_stance=Case(
                When(stance=article.stance, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("same_stance", "-published_at", "slug")[:limit]
    )


def experts():
    """People with at least one opinion in a published article, with counts per stance."""
    published = Q(opinions__article__in=Article.objects.published())
    return (
        Person.objects.filter(published)
        .annotate(
            opinion_count=Count("opinions", distinct=True),
            yes_count=Count("opinions", filter=Q(opinions__stance="yes"), distinct=True),
            depends_count=Count("opinions", filter=Q(opinions__stance="depends"), distinct=True),
            no_count=Count("opinions", filter=Q(opinions__stance="no"), distinct=True),
        )
        .order_by("slug")
    )


def expert_opinions(person):
    return (
        Opinion.objects.filter(person=person, article__in=Article.objects.published())
        .select_related("article")
        .prefetch_related(Prefetch("blocks", queryset=Block.objects.order_by("position", "pk")))
        .order_by("-article__published_at", "position")
    )


def authored_articles(person):
    return Article.objects.published().filter(author=person)
