"""Keep the index in step with every save and delete of the content.

Deleting an article, opinion or expert deletes its entry through the foreign
keys (and, on SQLite, the FTS5 rows through triggers). Bulk operations that
send no signals (``QuerySet.update``, ``bulk_create``, ``loaddata``) need
``manage.py rebuild_search_index``. Inside ``indexing.deferred()``, each
changed object is re-indexed once, when the block ends.
"""

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.models import Article, Block, Opinion, Person

from . import indexing


@receiver(post_save, sender=Article, dispatch_uid="search_index_article")
def article_saved(sender, instance, raw=False, using="default", **kwargs):
    if not raw and not indexing.defer("article", instance.pk, using):
        indexing.index_article(instance, using)


@receiver(post_save, sender=Opinion, dispatch_uid="search_index_opinion")
def opinion_saved(sender, instance, raw=False, using="default", **kwargs):
    if not raw and not indexing.defer("opinion", instance.pk, using):
        indexing.index_opinion(instance, using)


@receiver(post_save, sender=Person, dispatch_uid="search_index_person")
def person_saved(sender, instance, raw=False, using="default", **kwargs):
    if not raw and not indexing.defer("person", instance.pk, using):
        indexing.index_person(instance, using)


def _people_changed(person_ids, using):
    for pk in person_ids:
        if pk is not None and not indexing.defer("person", pk, using):
            indexing.refresh_people([pk], using)


@receiver(post_delete, sender=Opinion, dispatch_uid="search_opinion_deleted")
def opinion_deleted(sender, instance, using="default", **kwargs):
    # An expert whose last public opinion goes is no longer found.
    _people_changed([instance.person_id], using)


@receiver(post_delete, sender=Article, dispatch_uid="search_article_deleted")
def article_deleted(sender, instance, using="default", **kwargs):
    _people_changed([instance.author_id], using)


def _block_changed(block, using):
    owner = ("article", block.article_id) if block.article_id else ("opinion", block.opinion_id)
    if not indexing.defer(*owner, using):
        indexing.index_block_owner(block, using)


@receiver(post_save, sender=Block, dispatch_uid="search_index_block_saved")
def block_saved(sender, instance, raw=False, using="default", **kwargs):
    if not raw:
        _block_changed(instance, using)


@receiver(post_delete, sender=Block, dispatch_uid="search_index_block_deleted")
def block_deleted(sender, instance, using="default", origin=None, **kwargs):
    # When the article or opinion itself is being deleted, its entry goes
    # with it: re-indexing it mid-deletion would recreate the entry.
    deleting_blocks = isinstance(origin, Block) or (
        isinstance(origin, QuerySet) and origin.model is Block
    )
    if deleting_blocks:
        _block_changed(instance, using)
