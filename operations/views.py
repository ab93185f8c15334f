"""/healthz: whether this process can serve pages, for load balancers and monitors."""

import secrets

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _cache_ok():
    # A key of its own per check: two processes checking at once don't collide.
    key = f"healthz:{secrets.token_hex(8)}"
    try:
        cache.set(key, "ok", timeout=10)
        found = cache.get(key) == "ok"
        cache.delete(key)
        return found
    except Exception:  # any backend's connection error: the check answers, it never raises
        return False


@never_cache
@require_safe
def healthz(request):
    """200 when the database and the cache answer, else 503; names no host, no version."""
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    healthy = all(checks.values())
    body = {
        "status": "ok" if healthy else "unavailable",
        "checks": {name: "ok" if ok else "failing" for name, ok in checks.items()},
    }
    return JsonResponse(body, status=200 if healthy else 503)
