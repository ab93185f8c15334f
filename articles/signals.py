"""Bookkeeping on every write of an article, whoever the writer is.

Admin, ``import_content``, bulk actions, a shell and a restore from history
(which saves with ``raw=True``, bypassing ``Article.save``) all pass through
these handlers, so the version always moves forward and a renamed slug is
always remembered.
"""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from .models import Article, ArticleSlugHistory


@receiver(pre_save, sender=Article, dispatch_uid="articles_article_pre_save")
def bump_version(sender, instance, **kwargs):
    row = None
    if instance.pk is not None:
        row = Article.objects.filter(pk=instance.pk).values_list("slug", "version").first()
    if row is None:
        instance._previous_slug = None
        return
    previous_slug, stored_version = row
    instance._previous_slug = previous_slug
    # The admin claims the next version itself with a compare-and-set update
    # (see ArticleAdmin.save_model); every other writer just moves past the row.
    if getattr(instance, "_version_claimed", False):
        instance._version_claimed = False
        instance.version = stored_version
    else:
        instance.version = stored_version + 1


@receiver(post_save, sender=Article, dispatch_uid="articles_article_post_save")
def remember_old_slug(sender, instance, created, **kwargs):
    previous = getattr(instance, "_previous_slug", None)
    if previous == instance.slug:
        return
    # A slug in use by an article is no longer a redirect (a reused slug wins).
    ArticleSlugHistory.objects.filter(old_slug=instance.slug).delete()
    if previous:
        ArticleSlugHistory.objects.update_or_create(
            old_slug=previous, defaults={"article": instance}
        )


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
