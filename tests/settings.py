"""The test suite's settings: kb.settings as read from a clean environment.

pyproject.toml selects this module on pytest's command line (``--ds``), so a
shell's DJANGO_SETTINGS_MODULE, or a production environment (secret key, Redis,
HTTPS redirect, page cache...), cannot change what the tests run against.
DATABASE_URL alone is kept: it is how CI picks PostgreSQL.
"""

import os

# Removed from this process's environment, not just ignored: the tests that
# start a subprocess hand it this environment too.
for _name in [n for n in os.environ if n.startswith("DJANGO_") or n == "REDIS_URL"]:
    if _name != "DJANGO_SETTINGS_MODULE":  # pytest-django's own (this module)
        del os.environ[_name]
os.environ["DJANGO_SECRET_KEY"] = "tests-only-secret-key"
# The test client speaks plain HTTP.
os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"

from kb.settings import *  # noqa: E402, F403

# Accounts are made in many tests: a fast hash (the real one is for stored passwords).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not the shared in-memory database: the concurrency tests write
    # from two connections at once, and only a file has SQLite's real locking
    # (WAL, busy timeout). One file per run, so parallel runs do not meet.
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"kb-tests-{os.getpid()}.sqlite3")
    }
    # A test database need not survive a power cut: no waiting for the disk.
    DATABASES["default"]["OPTIONS"]["init_command"] = (  # noqa: F405
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"
    )

# Login throttling needs a request at every authenticate(), which client.login()
# does not pass: off by default, tests/test_login_throttling.py turns it on.
AXES_ENABLED = False
