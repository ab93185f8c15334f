"""Settings for the knowledge base, read from the environment.

Environment variables:
    DJANGO_DEBUG          "1"/"true" for development; off by default.
    DJANGO_SECRET_KEY     required when DEBUG is off.
    DJANGO_ALLOWED_HOSTS  comma-separated host names (default: local names only).
    DATABASE_URL          e.g. postgres://user@127.0.0.1:5432/kb (default: SQLite file).
    REDIS_URL             optional cache backend, e.g. redis://127.0.0.1:6379/0.
    DJANGO_PG_OPTIONS     PostgreSQL session settings (see DATABASES below).
    Production's timeouts, proxy, login throttling and search log limits
    (DJANGO_PG_*_TIMEOUT, DJANGO_DB_CLIENT_DEADLINE, DJANGO_SECURE_PROXY_SSL_HEADER,
    DJANGO_PROXY_COUNT, DJANGO_LOGIN_*, DJANGO_SEARCH_LOG_*): README, "Running in
    production".
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(set DJANGO_DEBUG=1 for local development)."
        )
    SECRET_KEY = "development-only-key-never-used-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "reversion",
    "articles",  # the content model and its content files
    "reading",  # the public site
    "editorial",  # the editors' admin and workflow
    "search",
    "terminology",  # agreed term pairs: checks, glossary, exchange
    "feedback",  # readers' "was this helpful?" answers
    "bench",  # the synthetic corpus the benchmarks use
    "operations",  # health check, answers when the database fails
    "axes",  # login throttling (see "Login throttling" below)
    "csp",  # Content-Security-Policy (see "Security headers" below)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A database error in a view: a 503 with Retry-After, not a 500.
    "operations.outage.DatabaseUnavailableMiddleware",
    # 405 for OPTIONS/TRACE, Permissions-Policy; then the Content-Security-Policy.
    "operations.headers.SecurityHeadersMiddleware",
    "operations.headers.AreaCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cached public pages, served before the middleware they do not need.
    "reading.caching.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so it sees the final 404 of a renamed article's old URL.
    "reading.middleware.OldSlugRedirectMiddleware",
    # Login throttling: answers a locked-out login with editorial.throttling.locked_out.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kb.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "kb.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two editors saving at once: readers go on reading during a write (WAL),
    # a writer waits for the other (busy timeout) instead of failing with
    # "database is locked", and a transaction takes the write lock when it
    # begins (IMMEDIATE), so the edit-conflict check and the save that follows
    # see the same row.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's default random_page_cost (4) models spinning disks: it then
    # prefers scanning all search entries to looking up a few hundred of them
    # by key, ten times slower here. The index fits in memory or on SSD.
    # DJANGO_PG_OPTIONS="" keeps the server's own setting.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = os.environ.get(
        "DJANGO_PG_OPTIONS", "-c random_page_cost=1.1"
    )

# --- Database trouble (operations/): fail fast, answer 503, recover alone ---
# A hung or unreachable PostgreSQL must not hold a worker: connecting gives up
# after DJANGO_PG_CONNECT_TIMEOUT seconds, a statement after
# DJANGO_PG_STATEMENT_TIMEOUT milliseconds (0: no limit). A server that stops
# answering on a connection already open (frozen: statement_timeout cannot
# fire) is given up by the client after DJANGO_DB_CLIENT_DEADLINE seconds
# (default: the statement timeout + 2 s; 0: never), per query, health check,
# commit or rollback (operations/postgresql/base.py). The error then becomes a
# 503 with Retry-After (operations/outage.py), and the next request reconnects
# (conn_health_checks above).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "operations.postgresql"  # Django's, plus the deadline
    _pg_options = DATABASES["default"]["OPTIONS"]
    _pg_options["connect_timeout"] = int(os.environ.get("DJANGO_PG_CONNECT_TIMEOUT", "5"))
    _statement_timeout = int(os.environ.get("DJANGO_PG_STATEMENT_TIMEOUT", "10000"))
    _pg_options["options"] = (
        f"{_pg_options['options']} -c statement_timeout={_statement_timeout}".strip()
    )
    _pg_options["client_deadline"] = float(
        os.environ.get(
            "DJANGO_DB_CLIENT_DEADLINE", _statement_timeout / 1000 + 2 if _statement_timeout else 0
        )
    )
# Seconds a client is told to wait (Retry-After) when the database is down.
DATABASE_RETRY_AFTER = int(os.environ.get("DJANGO_DATABASE_RETRY_AFTER", "30"))
# --- end of database trouble ---

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Page cache and HTTP caching (reading/caching.py)
# Anonymous readers' pages are kept in each process's memory for the current
# content version, a database row every process reads: no shared cache needed.
# Off in development, where templates change under the cache.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "0" if DEBUG else "300"))
PAGE_CACHE_MAX_BYTES = int(os.environ.get("DJANGO_PAGE_CACHE_MB", "16")) * 1024 * 1024
# Browsers and proxies: Cache-Control max-age and stale-while-revalidate.
PAGE_MAX_AGE = int(os.environ.get("DJANGO_PAGE_MAX_AGE", "60"))
PAGE_STALE_WHILE_REVALIDATE = int(os.environ.get("DJANGO_PAGE_STALE_SECONDS", "300"))
# Part of every ETag (default: the server's start time): a deployment changes pages.
PAGE_CACHE_RELEASE = os.environ.get("DJANGO_RELEASE", "")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: French is the default content language; Traditional Chinese sits
# beside it in the same rows (title_fr, title_zh_hant). Simplified Chinese is
# derived from Traditional; its columns (title_zh_hans) hold editors' overrides.
# Every other fact about a language lives in articles/languages.py.
LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", _("French")),
    ("zh-hant", _("Traditional Chinese")),
    ("zh-hans", _("Simplified Chinese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
# A missing translation falls back to the other language (the page then shows
# a notice), never to a blank.
# (Reader pages go through reading.presentation.shown, which converts zh-hant for
# zh-hans; these chains serve plain attribute access such as the admin's lists.)
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("fr", "zh-hant"),
    "zh-hans": ("zh-hant", "fr"),
}

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "editorial.finders.JQueryUIFinder",
]
# modeltranslation's admin tabs use jQuery UI; serve it ourselves, not from a CDN.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            # Hashed names, gzip and brotli copies, the site's CSS minified.
            else "reading.storage.MinifiedManifestStaticFilesStorage"
        )
    },
}

# --- Searches that found nothing (search/), listed for editors ---
# At most SEARCH_LOG_PER_CLIENT of one client's searches are logged per
# SEARCH_LOG_WINDOW_SECONDS, and the list holds at most SEARCH_LOG_MAX_ROWS
# different searches (then only those already listed are counted).
SEARCH_LOG_PER_CLIENT = int(os.environ.get("DJANGO_SEARCH_LOG_PER_CLIENT", "10"))
SEARCH_LOG_WINDOW_SECONDS = int(os.environ.get("DJANGO_SEARCH_LOG_WINDOW_SECONDS", "60"))
SEARCH_LOG_MAX_ROWS = int(os.environ.get("DJANGO_SEARCH_LOG_MAX_ROWS", "5000"))
# --- end of searches that found nothing ---

# Where `import_content` reads and `export_content` writes by default.
CONTENT_DIR = BASE_DIR / "content"

LOGIN_URL = "admin:login"

# --- Login throttling (django-axes; editorial/throttling.py) ---
# DJANGO_LOGIN_FAILURE_LIMIT wrong passwords for one account, or from one
# address, block logging in there for DJANGO_LOGIN_COOLOFF_MINUTES, even with
# the right password. A successful login clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses before any hashing
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each counted on its own
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "editorial.throttling.locked_out"
AXES_CLIENT_IP_CALLABLE = "operations.network.client_ip"
# No log line per successful login (failures and lockouts are still logged).
AXES_DISABLE_ACCESS_LOG = True
# --- end of login throttling ---

# --- Security headers and HTTPS (operations/headers.py) ---
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)
# Public pages: no inline script or style at all. JSON-LD blocks are data, not
# scripts: browsers do not run them, so they need no nonce (and cached pages
# keep working, a nonce would be stale there).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The admin: its scripts are files too, but jQuery UI (modeltranslation's tabs)
# and the admin's widgets write style attributes.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "frame-ancestors": ["'self'"],
    }
}
# Behind a TLS-terminating proxy: DJANGO_SECURE_PROXY_SSL_HEADER names the
# header it sets on HTTPS requests (default X-Forwarded-Proto, as a request
# header: HTTP_X_FORWARDED_PROTO); empty when no proxy sets it. The redirect to
# HTTPS stays on: the proxied request is known to be HTTPS, so no loop.
# DJANGO_PROXY_COUNT: how many trusted proxies add to X-Forwarded-For (the
# login throttle and the search log count clients by address).
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    _proxy_header = os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO")
    SECURE_PROXY_SSL_HEADER = (_proxy_header, "https") if _proxy_header else None
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# Discovery files and the favicon answer on plain http too: crawlers and auditors fetch
# them there, and a proxy that forgets X-Forwarded-Proto must not send them round a
# redirect loop; load balancers probe /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [
    r"^robots\.txt$",
    r"^sitemap(-[a-z]+)?\.xml$",  # the index and its sections
    r"^favicon\.ico$",
    r"^static/img/favicon\.",
    r"^healthz/?$",
]
# --- end of security headers ---

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"without_traceback": {"()": "operations.log.WithoutTraceback"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "one_line": {
            "class": "logging.StreamHandler",
            "filters": ["without_traceback"],
            "formatter": "one_line",
        },
    },
    "formatters": {"one_line": {"format": "%(levelname)s %(name)s %(message)s"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # A request with a Host header not in ALLOWED_HOSTS: one line, no traceback.
        "django.security.DisallowedHost": {
            "handlers": ["one_line"],
            "level": "WARNING",
            "propagate": False,
        },
    },
}
