"""A cache of the public pages, for readers who are not signed in.

Every page's cache key carries a content *generation*, a number moved on by
any save or delete of the content (admin, import, restore, shell), so an edit
shows at once. Entries also expire after ``PAGE_CACHE_SECONDS``, which bounds
how late a scheduled article can appear once its publication time has come.
Signed-in users (staff previewing drafts) and responses that set cookies are
never served from or stored in the cache.
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import translation

GENERATION_KEY = "content-generation"


def content_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def content_changed():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any new value invalidates
        cache.set(GENERATION_KEY, 2, timeout=None)


def _signed_in(request):
    # Only a request with a session cookie can be signed in: the others cost
    # no session or user query.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_authenticated


def cache_public_page(view):
    """Serve a GET/HEAD page from the cache when the reader is anonymous."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or request.method not in ("GET", "HEAD") or _signed_in(request):
            return view(request, *args, **kwargs)
        key = f"page:{content_generation()}:{translation.get_language()}:{request.get_full_path()}"
        response = cache.get(key)
        if response is not None:
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, response, seconds)
        return response

    return wrapper


def _on_content_change(sender, **kwargs):
    content_changed()


def connect_signals(models):
    for model in models:
        uid = f"page-cache-{model._meta.label_lower}"
        post_save.connect(_on_content_change, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_content_change, sender=model, dispatch_uid=f"{uid}-delete")
