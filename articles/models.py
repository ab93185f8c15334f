"""The content model: one question, articles answering it, people and their opinions.

Translated fields (see translation.py) live side by side in the same rows:
``title_fr`` and ``title_zh_hant``, and ``title_zh_hans`` for an editor's override of
the derived Simplified text. Long texts are stored as ordered ``Block`` rows, so block
N in French and block N in Chinese are the same row: the bilingual view and the
translation workflow rely on that alignment.
"""

from django.db import models, router, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .languages import registry, stored_choices
from .querysets import ArticleQuerySet, OpinionQuerySet, PersonQuerySet
from .urls import slug_url


def field_suffix(language_code):
    """The suffix modeltranslation gives a language's fields: zh-hant -> zh_hant."""
    return registry().by_code(language_code).field_suffix


def content_languages():
    """Codes of the languages whose text is written and stored (a derived language,
    such as Simplified Chinese, is computed from one of them)."""
    return [language.code for language in registry().stored() if language.has_columns]


def file_languages():
    """Codes of every language with columns: the stored ones, then the derived ones,
    whose columns hold editors' overrides (content files carry those when written)."""
    return [language.code for language in registry() if language.has_columns]


def default_language():
    return registry().default().code


class Stance(models.TextChoices):
    YES = "yes", _("Yes")
    DEPENDS = "depends", _("It depends")
    NO = "no", _("No")


class StaleVersion(Exception):
    """Someone else saved the object after this copy of it was loaded."""

    def __init__(self, obj):
        super().__init__(f"{type(obj).__name__} {obj.pk} changed since version {obj.version}")
        self.obj = obj


class Versioned(models.Model):
    """An editable object whose every save moves its version forward.

    ``save()`` is a compare-and-set in the database: the row's version moves
    from the one this copy was loaded with to the next, in the save's own
    transaction, or the save is refused with ``StaleVersion``. Of two writers
    holding the same version, exactly one wins, whatever they are (admin,
    import, shell). Raw saves (loaddata, a restore from history) are handled
    in ``articles.signals``.
    """

    # Lets the admin (and any other writer) refuse a save based on a stale copy.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or kwargs.get("force_insert"):
            return super().save(*args, **kwargs)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using, savepoint=False):
            claimed = (
                type(self)
                ._base_manager.using(using)
                .filter(pk=self.pk, version=self.version)
                .update(version=F("version") + 1)
            )
            if not claimed:
                raise StaleVersion(self)
            self.version += 1
            return super().save(*args, **kwargs)


class TranslationSources(models.Model):
    """What each translation was made from (see articles.fingerprints)."""

    translation_sources = models.JSONField(
        _("sources of the translations"), default=dict, blank=True, editable=False
    )

    class Meta:
        abstract = True


class Question(Versioned):
    """The debated question the stances answer."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["pk"]

    def __str__(self):
        return self.title


class Person(Versioned, TranslationSources):
    """An expert quoted in an article, or an article's author."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    bio = models.TextField(_("short bio"), blank=True)
    link = models.URLField(_("link"), blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["slug"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.url_for(self.slug)

    @staticmethod
    def url_for(slug):
        """An expert's URL from the slug alone (for the search index's copies)."""
        return slug_url("reading:expert_detail", slug)


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class TranslationOrigin(models.TextChoices):
    SOURCE = "source", _("Every language comes from the source")
    PROJECT = "project", _("Translations written for this site")


class Article(Versioned, TranslationSources):
    # At module level so that Meta's constraints can read their values.
    Status = ArticleStatus
    TranslationOrigin = TranslationOrigin

    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    title = models.CharField(_("title"), max_length=300)
    standfirst = models.TextField(_("standfirst"), blank=True)
    original_language = models.CharField(
        _("original language"),
        max_length=10,
        choices=stored_choices,
        default=default_language,
    )
    translation_origin = models.CharField(
        _("origin of the translations"),
        max_length=10,
        choices=TranslationOrigin.choices,
        default=TranslationOrigin.PROJECT,
    )
    source_name = models.CharField(_("source"), max_length=200, blank=True)
    source_url = models.URLField(_("source URL"), blank=True)
    author = models.ForeignKey(
        Person,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="authored_articles",
    )
    published_at = models.DateTimeField(_("publication date"), default=timezone.now)
    original_published_on = models.DateField(_("original publication date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    stance = models.CharField(_("the article's stance"), max_length=10, choices=Stance.choices)
    credits = models.TextField(_("credits"), blank=True)
    # Some text of the article (its own fields, blocks, opinions) is written in
    # another language but not in this one: kept by articles/signals.py on every
    # save and delete, so that lists read a column instead of a dozen subqueries.
    missing_fr = models.BooleanField(default=False, editable=False)
    missing_zh_hant = models.BooleanField(default=False, editable=False)
    # Moves on with every save of the article, its blocks, opinions and people
    # (articles/signals.py): the HTML stored for its pages (reading/rendered.py)
    # is used only while it was built from the current revision.
    body_revision = models.PositiveBigIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ArticleStatus.values),
                name="article_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(stance__in=Stance.values),
                name="article_stance_valid",
            ),
        ]
        indexes = [
            # Lists (newest first); updated_at too, so that the sitemap index's
            # newest change is read from the index alone.
            models.Index(fields=["status", "published_at", "updated_at"]),
            # Related articles (same stance first) and an author's articles, newest first.
            models.Index(fields=["status", "stance", "published_at"]),
            models.Index(fields=["author", "status", "published_at"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.url_for(self.slug)

    @staticmethod
    def url_for(slug):
        """An article's URL from the slug alone (for the search index's copies)."""
        return slug_url("reading:article_detail", slug)

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def publication_state(self):
        """ "draft", "scheduled" or "published": what the public sees of it."""
        if self.status != self.Status.PUBLISHED:
            return "draft"
        return "published" if self.is_public else "scheduled"

    def body_blocks(self):
        """The article's own blocks before its opinions, in order (from the
        prefetched ``blocks``: no query of its own)."""
        return [b for b in self.blocks.all() if b.section == Block.Section.BODY]

    def closing_blocks(self):
        """The article's text after its opinions (a closing note), in order."""
        return [b for b in self.blocks.all() if b.section == Block.Section.CLOSING]


class Opinion(Versioned, TranslationSources):
    """One person's answer to the question, as it appears in one article."""

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="opinions",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="opinions",
    )
    position = models.PositiveIntegerField(_("position in the article"), default=0)
    anchor = models.SlugField(
        _("anchor"),
        max_length=100,
        help_text=_("Stable link target: the article's URL followed by #anchor."),
    )
    headline = models.CharField(_("headline"), max_length=300, blank=True)
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices)

    objects = OpinionQuerySet.as_manager()

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        ordering = ["article", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "anchor"], name="opinion_anchor_unique_in_article"
            ),
            models.CheckConstraint(
                condition=Q(stance__in=Stance.values),
                name="opinion_stance_valid",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.article}"

    def get_absolute_url(self):
        return self.url_for(self.article.slug, self.anchor)

    @staticmethod
    def url_for(article_slug, anchor):
        """An opinion's URL from its article's slug and its anchor."""
        return f"{Article.url_for(article_slug)}#{anchor}"


class BlockKind(models.TextChoices):
    PARAGRAPH = "paragraph", _("Paragraph")
    HEADING = "heading", _("Heading")
    LIST = "list", _("Bulleted list")
    ORDERED_LIST = "ordered_list", _("Numbered list")
    QUOTE = "quote", _("Quote")
    CAPTION = "caption", _("Image caption")


class Block(TranslationSources):
    """One paragraph, heading, list, quote or caption of an article or opinion.

    A block belongs either to an article or to one opinion. An article's blocks
    are placed before its opinions (``body``) or after them (``closing``). Its
    ``text`` is translated: the French and Chinese versions of a paragraph share
    a row. List blocks hold one item per line.
    """

    class Section(models.TextChoices):
        BODY = "body", _("Before the opinions")
        CLOSING = "closing", _("After the opinions")

    Kind = BlockKind

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="blocks",
        null=True,
        blank=True,
    )
    opinion = models.ForeignKey(
        Opinion,
        verbose_name=_("opinion"),
        on_delete=models.CASCADE,
        related_name="blocks",
        null=True,
        blank=True,
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    section = models.CharField(
        _("placement"), max_length=10, choices=Section.choices, default=Section.BODY
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PARAGRAPH)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(article__isnull=False, opinion__isnull=True)
                    | Q(article__isnull=True, opinion__isnull=False)
                ),
                name="block_has_exactly_one_owner",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=BlockKind.values),
                name="block_kind_valid",
            ),
            # Only an article has text after its opinions.
            models.CheckConstraint(
                condition=Q(section="body") | Q(section="closing", opinion__isnull=True),
                name="block_section_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.position}"


class ArticleSlugHistory(models.Model):
    """A slug an article used to have: its old URLs redirect to the current one.

    Written by the signal handlers in ``articles.signals`` whatever changes the
    slug (admin, import, shell, restore), and served by
    ``reading.middleware.OldSlugRedirectMiddleware``.
    """

    old_slug = models.SlugField(_("old slug"), max_length=200, unique=True)
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="old_slugs",
    )
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("former slug")
        verbose_name_plural = _("former slugs")
        ordering = ["old_slug"]

    def __str__(self):
        return self.old_slug


class ImportRecord(models.Model):
    """What `import_content` last wrote for one object, as a digest.

    If an object no longer matches its record, an editor changed it since the
    import, and a re-import keeps that edit unless told to overwrite.
    """

    key = models.CharField(_("key"), max_length=250, unique=True)
    digest = models.CharField(_("digest"), max_length=64)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        verbose_name = _("import record")
        verbose_name_plural = _("import records")
        ordering = ["key"]

    def __str__(self):
        return self.key
