"""Bookkeeping on every write of the content, whoever the writer is.

Versions: ``Versioned.save`` moves the version with a compare-and-set. A raw
save (loaddata, a restore from history) bypasses it; it writes the version
stored in its data, which may be an old one: here it keeps the row's own
version instead, so a version number never goes back (an old form carrying
that number would pass the check again), and the save that completes a
restore moves it forward through the check like any other.

Slugs: a renamed article's old slug is remembered, whatever renamed it.

Translation status and revision: an article's ``missing_<suffix>`` flags and its
``body_revision`` follow every save and delete of it, its blocks and its opinions,
and the revision every save of a person it names (bulk writes call
``refresh_translation_status`` themselves).
"""

from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .models import Article, ArticleSlugHistory, Block, Opinion, Person, Versioned


@receiver(pre_save, dispatch_uid="articles_versioned_raw_version")
def _keep_stored_version(sender, instance, raw=False, using="default", **kwargs):
    # Any sender: every Versioned model, whichever app defines it (the terms too).
    if not raw or instance.pk is None or not isinstance(instance, Versioned):
        return
    stored = (
        sender._base_manager.using(using).filter(pk=instance.pk).values_list("version", flat=True)
    )
    stored = stored.first()
    if stored is not None:
        instance.version = stored


@receiver(pre_save, sender=Article, dispatch_uid="articles_article_pre_save")
def remember_old_slug(sender, instance, using="default", **kwargs):
    if instance.pk is None:
        return
    previous = (
        Article._base_manager.using(using)
        .filter(pk=instance.pk)
        .values_list("slug", flat=True)
        .first()
    )
    if previous is None or previous == instance.slug:
        return
    # Inside the save's transaction: a refused save leaves no redirect behind.
    _slug_taken(instance.slug, using)
    ArticleSlugHistory.objects.using(using).update_or_create(
        old_slug=previous, defaults={"article_id": instance.pk}
    )


@receiver(post_save, sender=Article, dispatch_uid="articles_article_post_save")
def claim_slug(sender, instance, created, using="default", **kwargs):
    if created:
        _slug_taken(instance.slug, using)


def _slug_taken(slug, using):
    # A slug in use by an article is no longer a redirect (a reused slug wins).
    ArticleSlugHistory.objects.using(using).filter(old_slug=slug).delete()


def _connect_fingerprints():
    from .fingerprints import TRACKED_FIELDS, record_changed_translations, write_late_fingerprints

    for model in TRACKED_FIELDS:
        label = model._meta.label_lower
        pre_save.connect(
            record_changed_translations, sender=model, dispatch_uid=f"fingerprints_pre_{label}"
        )
        post_save.connect(
            write_late_fingerprints, sender=model, dispatch_uid=f"fingerprints_post_{label}"
        )


_connect_fingerprints()


def _refresh_status(where, using):
    Article.objects.using(using).filter(where).texts_changed()


@receiver(post_save, sender=Article, dispatch_uid="articles_status_article")
def article_status(sender, instance, raw=False, using="default", **kwargs):
    if not raw:
        _refresh_status(Q(pk=instance.pk), using)


@receiver(post_save, sender=Opinion, dispatch_uid="articles_status_opinion_saved")
@receiver(post_delete, sender=Opinion, dispatch_uid="articles_status_opinion_deleted")
def opinion_status(sender, instance, raw=False, using="default", **kwargs):
    if not raw:
        _refresh_status(Q(pk=instance.article_id), using)


@receiver(post_save, sender=Block, dispatch_uid="articles_status_block_saved")
@receiver(post_delete, sender=Block, dispatch_uid="articles_status_block_deleted")
def block_status(sender, instance, raw=False, using="default", **kwargs):
    if raw:
        return
    if instance.article_id:
        _refresh_status(Q(pk=instance.article_id), using)
    else:
        _refresh_status(Q(opinions=instance.opinion_id), using)


@receiver(post_save, sender=Person, dispatch_uid="articles_revision_person_saved")
def person_revision(sender, instance, raw=False, using="default", **kwargs):
    # Their name, role and link are on the pages of the articles they wrote or
    # answered in (a person named anywhere cannot be deleted).
    if raw:
        return
    named = Q(author=instance.pk) | Q(
        pk__in=Opinion.objects.filter(person=instance.pk).values("article")
    )
    Article.objects.using(using).filter(named).update(body_revision=F("body_revision") + 1)
