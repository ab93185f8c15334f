"""A database that is down or unreachable gives a 503 the reader can read, never a 500.

The view's exceptions are caught by the middleware (one log line, no traceback
per request during an outage); those raised elsewhere (a middleware's own
query) reach ``server_error``, the project's handler500.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views import defaults

DATABASE_ERRORS = (OperationalError, InterfaceError)

logger = logging.getLogger("operations.outage")


def service_unavailable(request):
    """The 503 page in the language of the URL; it needs no database."""
    # An error raised before LocaleMiddleware (the page cache's version read)
    # would otherwise leave the thread's previous language active.
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER)
    # Not to be kept by the page cache, a proxy or the browser.
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.warning("Database unavailable for %s: %s", request.path, exception)
            return service_unavailable(request)
        return None


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: a 503 for database errors, Django's own 500 page otherwise."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return service_unavailable(request)
    return defaults.server_error(request, template_name)
