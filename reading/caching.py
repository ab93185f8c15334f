"""The public pages' cache, for readers who are not signed in.

* **One content version for every process.** A row in the database
  (``ContentVersion``) moves on in the same transaction as any write of the
  content (admin, import, restore, shell), and when a scheduled article's time
  comes. Each cacheable request reads it once, so a save made by another
  worker, or another server sharing the database, shows on the next request.
* **Pages in this process's memory** (``STORE``), for that version only, bounded
  in bytes; ``PageCacheMiddleware`` serves them before the session, locale,
  CSRF, auth and message middleware, which a cached page does not need.
* **Keys that nobody can poison**: scheme, host, path and only the query
  parameters the page reads (``?utm_source=…`` is dropped before the view runs,
  so the page it builds is the plain one).
* **HTTP caching**: an ETag and Last-Modified from the version (a conditional GET
  is answered 304 without building the page), ``Cache-Control: public`` for
  anonymous readers and ``private`` for signed-in users.

Signed-in users (staff previewing drafts) and responses that set cookies are
never stored or served from the cache.
"""

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial, wraps

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F, Subquery
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date

from .models import ContentVersion

VERSION_PK = 1
# Set at start-up: a deployment changes pages without a content write. With
# gunicorn's preload every worker shares it; PAGE_CACHE_RELEASE pins it.
_STARTED = f"{time.time_ns() // 1000:x}"


@dataclass(frozen=True)
class Version:
    number: int
    changed_at: datetime
    next_change_at: datetime | None

    @property
    def token(self):
        # changed_at too: after a flush the number starts again at 1.
        return f"{self.number:x}.{int(self.changed_at.timestamp() * 1_000_000):x}"

    @property
    def etag(self):
        return f'W/"{self.token}.{settings.PAGE_CACHE_RELEASE or _STARTED}"'

    @property
    def last_modified(self):
        return int(self.changed_at.timestamp())


def _next_scheduled():
    from articles.models import Article

    first = Article.objects.scheduled().order_by("published_at").values("published_at")[:1]
    return Subquery(first)


def _aware(value):
    # SQLite hands raw queries' datetimes back naive (or as text), in UTC.
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is None or timezone.is_aware(value):
        return value
    return timezone.make_aware(value, UTC)


def _read_version(using=None):
    # Plain SQL: on a cache hit the ORM's work would cost more than the page.
    connection = connections[using or DEFAULT_DB_ALIAS]
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT number, changed_at, next_change_at FROM {table} WHERE id = %s",  # noqa: S608
            [VERSION_PK],
        )
        row = cursor.fetchone()
    if row is None:  # a new or flushed database
        created, _ = ContentVersion.objects.using(using).get_or_create(pk=VERSION_PK)
        row = (created.number, created.changed_at, created.next_change_at)
    return Version(row[0], _aware(row[1]), _aware(row[2]))


def read_version():
    """The current content version (one query; two more when a scheduled article
    has just become public)."""
    version = _read_version()
    if version.next_change_at and version.next_change_at <= timezone.now():
        # Only the first process to see the time pass moves the version on.
        ContentVersion.objects.filter(pk=VERSION_PK, number=version.number).update(
            number=F("number") + 1,
            changed_at=version.next_change_at,
            next_change_at=_next_scheduled(),
        )
        version = _read_version()
    return version


def content_changed(using=None):
    """Move the version on, inside the writer's transaction."""
    updated = (
        ContentVersion.objects.using(using)
        .filter(pk=VERSION_PK)
        .update(number=F("number") + 1, changed_at=timezone.now(), next_change_at=_next_scheduled())
    )
    if not updated:
        ContentVersion.objects.using(using).get_or_create(pk=VERSION_PK)


def request_version(request):
    """The version, read at most once per request."""
    version = getattr(request, "_content_version", None)
    if version is None:
        version = request._content_version = read_version()
    return version


# --- Site-wide figures kept in this process


class VersionMemo:
    """Figures that summarise the whole site (who answered what on the home page,
    each expert's counts), computed once per content version in each process
    instead of aggregating every opinion on each request. A new version starts
    afresh, as the page store does; this works with the page cache off too."""

    def __init__(self):
        self._lock = threading.Lock()
        self.clear()

    def clear(self, token=None):
        self._token = token
        self._values = {}

    def get(self, token, name, compute):
        with self._lock:
            if token != self._token:
                self.clear(token)
            if name in self._values:
                return self._values[name]
        value = compute()  # outside the lock: other names stay readable meanwhile
        with self._lock:
            if token == self._token:
                self._values[name] = value
        return value


MEMO = VersionMemo()


def per_version(request, name, compute):
    """``compute()``'s value for the request's content version, computed once per
    version and process. Keep it language-neutral: every reader shares it."""
    return MEMO.get(request_version(request).token, name, compute)


# --- The pages kept in this process


@dataclass
class Page:
    content: bytes
    headers: list
    etag: str
    last_modified: int
    expires: float

    @property
    def size(self):
        return len(self.content) + 512

    def response(self, request):
        response = HttpResponse(self.content, headers=dict(self.headers))
        return get_conditional_response(
            request, etag=self.etag, last_modified=self.last_modified, response=response
        )


class PageStore:
    """Pages of one content version, least recently used dropped first beyond
    ``PAGE_CACHE_MAX_BYTES``. A new version empties the store."""

    def __init__(self):
        self._lock = threading.Lock()
        self.clear()

    def clear(self, token=None):
        self._token = token
        self._pages = OrderedDict()
        self._params = {}  # (scheme, host, path) -> the query parameters its page reads
        self.size = 0

    def __len__(self):
        return len(self._pages)

    def params(self, where):
        return self._params.get(where)

    def get(self, token, key):
        with self._lock:
            if token != self._token:
                self.clear(token)
                return None
            page = self._pages.get(key)
            if page is None:
                return None
            if page.expires < time.monotonic():
                self._drop(key)
                return None
            self._pages.move_to_end(key)
            return page

    def put(self, token, key, params, page):
        with self._lock:
            if token != self._token:
                self.clear(token)
            if key in self._pages:
                self._drop(key)
            self._params[key[0]] = params
            self._pages[key] = page
            self.size += page.size
            while self.size > settings.PAGE_CACHE_MAX_BYTES and self._pages:
                self._drop(next(iter(self._pages)))

    def _drop(self, key):
        self.size -= self._pages.pop(key).size


STORE = PageStore()


# --- Requests and responses


def _anonymous(request):
    # Only a request with a session cookie can be signed in: the others cost no
    # session or user query, and are the only ones cached.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _where(request):
    try:
        return (request.scheme, request.get_host(), request.path)
    except DisallowedHost:  # answered 400 further in
        return None


def normal_query(request, params):
    """The query string reduced to the parameters the page reads (in their order),
    and the same sorted: the cache key."""
    if not request.META.get("QUERY_STRING"):
        return "", ""
    kept = [(name, request.GET.getlist(name)) for name in request.GET if name in params]
    query, key = QueryDict(mutable=True), QueryDict(mutable=True)
    for name, values in kept:
        query.setlist(name, values)
    for name, values in sorted(kept):
        key.setlist(name, values)
    return query.urlencode(), key.urlencode()


def cached_response(request):
    """A stored page for this request (or its 304), else None."""
    if not settings.PAGE_CACHE_SECONDS or request.method != "GET" or not _anonymous(request):
        return None
    where = _where(request)
    params = STORE.params(where) if where else None
    if params is None:  # never stored: no need to read the version
        return None
    page = STORE.get(request_version(request).token, (where, normal_query(request, params)[1]))
    return page.response(request) if page else None


def _public_headers(request, response, version):
    response.headers["Cache-Control"] = (
        f"public, max-age={settings.PAGE_MAX_AGE}, "
        f"stale-while-revalidate={settings.PAGE_STALE_WHILE_REVALIDATE}"
    )
    # The language is in the path and anonymous readers all see the same page:
    # the session and locale middleware's Vary would only split shared caches.
    vary = [
        item.strip()
        for item in response.headers.get("Vary", "").split(",")
        if item.strip() and item.strip().lower() not in ("cookie", "accept-language")
    ]
    if vary:
        response.headers["Vary"] = ", ".join(vary)
    elif "Vary" in response.headers:
        del response.headers["Vary"]
    if version is not None:
        response.headers["ETag"] = version.etag
        response.headers["Last-Modified"] = http_date(version.last_modified)


def finish_response(request, response):
    """Cache headers on a public page's response, and keep it when it may be shared."""
    params, key = getattr(request, "_public_page", (None, ""))
    if params is None or response.status_code not in (200, 304):
        return response
    if not _anonymous(request) or response.cookies:
        patch_cache_control(response, private=True, no_cache=True)
        return response
    seconds = settings.PAGE_CACHE_SECONDS
    version = request_version(request) if seconds else None
    _public_headers(request, response, version)
    if (
        version
        and response.status_code == 200
        and request.method == "GET"
        and not response.streaming
    ):
        page = Page(
            content=response.content,
            headers=list(response.headers.items()),
            etag=version.etag,
            last_modified=version.last_modified,
            expires=time.monotonic() + seconds,
        )
        STORE.put(version.token, (_where(request), key), params, page)
    return response


def cache_public_page(view=None, *, params=()):
    """Mark a view as a public page reading only the query parameters ``params``."""
    if view is None:
        return partial(cache_public_page, params=params)
    params = tuple(params)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        query, key = normal_query(request, params)
        request._public_page = (params, key)
        if settings.PAGE_CACHE_SECONDS and _anonymous(request):
            version = request_version(request)
            not_modified = get_conditional_response(
                request, etag=version.etag, last_modified=version.last_modified
            )
            if not_modified is not None:
                return not_modified
        original = request.META.get("QUERY_STRING", "")
        if query == original:
            return view(request, *args, **kwargs)
        # Built as if requested without the other parameters: its links (language
        # versions, pagination) do not hand them on to other readers. Put back
        # afterwards for the middleware (an old slug's redirect keeps them).
        request.META["QUERY_STRING"], full_get = query, request.GET
        request.GET = QueryDict(query)
        try:
            return view(request, *args, **kwargs)
        finally:
            request.META["QUERY_STRING"], request.GET = original, full_get

    return wrapper


def _on_content_change(sender, using=None, **kwargs):
    content_changed(using)


def connect_signals(models):
    for model in models:
        uid = f"page-cache-{model._meta.label_lower}"
        post_save.connect(_on_content_change, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_content_change, sender=model, dispatch_uid=f"{uid}-delete")


class PageCacheMiddleware:
    """Serves stored pages early (placed right after WhiteNoise), and keeps new ones."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = cached_response(request)
        if response is not None:
            return response
        return finish_response(request, self.get_response(request))
