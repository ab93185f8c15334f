"""The content model's queries, one place each, with what the public pages read.

Everything the public sees builds on ``Article.objects.published()`` (or
``visible_to()`` for a staff preview), so that drafts and scheduled articles, and the
opinions in them, stay invisible.

models.py imports this module to build its managers, so the functions here import
the models when a query is built, not at the top.
"""

from operator import attrgetter

from django.db import models
from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone


def ordered_blocks():
    """Prefetch an article's or an opinion's blocks in reading order."""
    from .models import Block

    return Prefetch("blocks", queryset=Block.objects.order_by("position", "pk"))


def read_texts(article):
    """An article's opinions with their people (one query), then its blocks and its
    opinions' blocks (one more), in reading order, handed to ``article.opinions.all()``,
    ``article.blocks.all()`` and each ``opinion.blocks.all()`` as Django's prefetch
    does; it would read the blocks in two."""
    from .models import Block, Opinion

    opinions = list(
        Opinion.objects.filter(article_id=article.pk)
        .select_related("person")
        .order_by("position", "pk")
    )
    _prefetched(article, "opinions", opinions)
    owned = Q(article_id=article.pk) | Q(opinion_id__in=[opinion.pk for opinion in opinions])
    by_opinion = {}  # opinion pk (None: the article's own) -> blocks
    for block in Block.objects.filter(owned).order_by("position", "pk"):
        by_opinion.setdefault(block.opinion_id, []).append(block)
    _prefetched(article, "blocks", by_opinion.get(None, []))
    for opinion in opinions:
        _prefetched(opinion, "blocks", by_opinion.get(opinion.pk, []))
    return article


def _prefetched(instance, name, objects):
    # What prefetch_related stores: the related manager's queryset, already filled.
    queryset = getattr(instance, name).get_queryset()
    queryset._result_cache, queryset._prefetch_done = objects, True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


by_slug, by_date = attrgetter("slug"), attrgetter("published_at")


def related_articles(article, candidates, limit=3):
    """Up to ``limit`` other articles, those sharing the article's stance first, each
    side newest first, picked from ``candidates``: ``newest_per_stance(limit + 1)``
    holds every article that can be among them."""
    others = sorted((other for other in candidates if other.pk != article.pk), key=by_slug)
    others.sort(key=by_date, reverse=True)  # stable: newest first, then by slug
    same = [other for other in others if other.stance == article.stance]
    return (same + [other for other in others if other.stance != article.stance])[:limit]


def published_article_q(prefix=""):
    """Q: the row at ``prefix`` (an opinion, by default) belongs to a published article."""
    from .models import Article

    return Q(**{f"{prefix}article__in": Article.objects.published()})


def _empty(field, suffix):
    return Q(**{f"{field}_{suffix}": ""}) | Q(**{f"{field}_{suffix}__isnull": True})


def missing_translation_q(language_code, Block=None, Opinion=None):  # noqa: N803
    """Q on Article: some text is written in another language but not in this one.

    Covers the article's own fields, its body blocks, its opinions' headlines
    and its opinions' blocks. (A migration passes its own Block and Opinion.)
    """
    from . import models as current
    from .models import content_languages, field_suffix

    Block, Opinion = Block or current.Block, Opinion or current.Opinion  # noqa: N806

    suffix = field_suffix(language_code)
    others = [field_suffix(c) for c in content_languages() if c != language_code]

    def missing(field, prefix=""):
        filled_elsewhere = Q()
        for other in others:
            filled_elsewhere |= ~_empty(f"{prefix}{field}", other)
        return _empty(f"{prefix}{field}", suffix) & filled_elsewhere

    article = models.OuterRef("pk")
    article_fields = missing("title") | missing("standfirst") | missing("credits")
    body = Block.objects.filter(article=article).filter(missing("text"))
    opinion_headlines = Opinion.objects.filter(article=article).filter(missing("headline"))
    opinion_blocks = Block.objects.filter(opinion__article=article).filter(missing("text"))
    return (
        article_fields
        | models.Exists(body)
        | models.Exists(opinion_headlines)
        | models.Exists(opinion_blocks)
    )


def _translation_status(Block=None, Opinion=None):  # noqa: N803
    from .models import content_languages, field_suffix

    return {
        f"missing_{field_suffix(code)}": models.ExpressionWrapper(
            missing_translation_q(code, Block, Opinion), output_field=models.BooleanField()
        )
        for code in content_languages()
    }


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Articles the public may see: published, and not scheduled for later."""
        return self.filter(
            status=self.model.Status.PUBLISHED,
            published_at__lte=now or timezone.now(),
        )

    def drafts(self):
        return self.filter(status=self.model.Status.DRAFT)

    def scheduled(self, now=None):
        """Published, but with a publication date still in the future."""
        return self.filter(
            status=self.model.Status.PUBLISHED,
            published_at__gt=now or timezone.now(),
        )

    def visible_to(self, user):
        """What a user may open: staff who can view articles also see drafts
        and scheduled articles (as a preview); everyone else, published ones."""
        if user.is_authenticated and user.is_staff and user.has_perm("articles.view_article"):
            return self.all()
        return self.published()

    def refresh_translation_status(self, Block=None, Opinion=None):  # noqa: N803
        """Store the ``missing_<suffix>`` flags of these articles from their texts
        (one UPDATE). Bulk writes must call it; signals call ``texts_changed``."""
        return self.update(**_translation_status(Block, Opinion))

    def texts_changed(self):
        """After a write of these articles' texts (their own, their blocks', their
        opinions' or people's): the stored translation status again, and a new
        ``body_revision``, so that the HTML stored for their pages is built again.
        One UPDATE."""
        return self.update(**_translation_status(), body_revision=F("body_revision") + 1)

    def missing(self, language_code):
        """Articles with some text not yet translated into ``language_code``."""
        from .models import field_suffix

        return self.filter(**{f"missing_{field_suffix(language_code)}": True})

    def for_list(self):
        """Published articles with what a list item shows: source, date, languages
        (the stored ``missing_<suffix>`` flags)."""
        return self.published()

    def for_page(self, user):
        """Articles (drafts too, for staff) with their author; ``read_texts(article)``
        then reads the opinions and blocks of the one shown, when its page needs them."""
        return self.visible_to(user).select_related("author")

    def newest_per_stance(self, limit):
        """The ``limit`` newest published articles of each stance, newest first (one
        query per stance, each an index walk that stops)."""
        from .models import Stance

        return [
            article
            for stance in Stance.values
            for article in self.published()
            .filter(stance=stance)
            .order_by("-published_at", "slug")[:limit]
        ]

    def source_names(self):
        """The sources of published articles, by name, each once."""
        return list(
            self.published()
            .exclude(source_name="")
            .order_by("source_name")
            .values_list("source_name", flat=True)
            .distinct()
        )


class OpinionQuerySet(models.QuerySet):
    def public(self):
        """Opinions in a published article."""
        return self.filter(published_article_q())

    def answers(self):
        """Each expert's public answers as light rows (pk, person_id, stance), one per
        expert and stance: the expert's newest opinion with that stance. By expert.
        A window function picks the rows in the database, so the page reads one row per
        expert and stance, however many articles there are."""
        newest_first = Window(
            RowNumber(),
            partition_by=[F("person_id"), F("stance")],
            order_by=[F("article__published_at").desc(), F("position"), F("pk")],
        )
        return (
            self.public()
            .annotate(rank=newest_first)
            .filter(rank=1)
            .order_by("person__slug", "stance")
            .values_list("pk", "person_id", "stance", named=True)
        )

    def by_pk(self, pks):
        """Opinions with person and article, for the few a page links to by name."""
        return self.filter(pk__in=pks).select_related("person", "article").in_bulk()

    def for_expert(self, person):
        """An expert's public opinions, newest first, with their article and blocks."""
        from .models import Article

        # Visibility checked per opinion (not ``public()``'s list of every published
        # article): the database starts from the expert's opinions.
        published = Article.objects.published().filter(pk=models.OuterRef("article_id"))
        return (
            self.filter(models.Exists(published), person=person)
            .select_related("article")
            .prefetch_related(ordered_blocks())
            .order_by("-article__published_at", "position")
        )


class PersonQuerySet(models.QuerySet):
    def with_public_opinions(self):
        """People with at least one public opinion, by slug."""
        from .models import Article, Opinion

        # From each person's opinions to their article (not from every published
        # article): the first public one ends the search.
        published = Article.objects.published().filter(pk=models.OuterRef("article_id"))
        public = Opinion.objects.filter(models.Exists(published), person=models.OuterRef("pk"))
        return self.filter(models.Exists(public)).order_by("slug")

    def experts(self):
        """People with at least one public opinion, with their counts per stance."""
        return (
            self.filter(published_article_q("opinions__"))
            .annotate(
                opinion_count=Count("opinions", distinct=True),
                yes_count=Count("opinions", filter=Q(opinions__stance="yes"), distinct=True),
                depends_count=Count(
                    "opinions", filter=Q(opinions__stance="depends"), distinct=True
                ),
                no_count=Count("opinions", filter=Q(opinions__stance="no"), distinct=True),
            )
            .order_by("slug")
        )
