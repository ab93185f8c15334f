"""The public site's querysets, one place each, with what their pages read.

They build on ``Article.objects.published()`` / ``visible_to()`` so that drafts and
scheduled articles (and the opinions in them) stay invisible to the public.
"""

from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When

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


def public_answers():
    """Every opinion in a published article as a light row (pk, person_id, stance),
    by expert then newest first: enough to count answers without loading them."""
    return (
        Opinion.objects.filter(article__in=Article.objects.published())
        .order_by("person__slug", "-article__published_at", "position", "pk")
        .values_list("pk", "person_id", "stance", named=True)
    )


def opinions_by_pk(pks):
    """Opinions with person and article, for the few a page links to by name."""
    return Opinion.objects.filter(pk__in=pks).select_related("person", "article").in_bulk()


def people_by_slug(pks):
    return Person.objects.filter(pk__in=pks).order_by("slug")


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
