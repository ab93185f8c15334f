"""The README's PostgreSQL backup and restore, end to end: pg_dump a database
with the site's content, pg_restore it into another, and find the same site."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

from .pg_server import TemporaryPostgres, unavailable_reason

ROOT = settings.BASE_DIR


def manage(url, *args):
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, check=True, timeout=300, capture_output=True, text=True,
    ).stdout  # fmt: skip


def shell(url, code):
    """What ``code`` printed (the last line: the shell may greet first)."""
    return manage(url, "shell", "-c", code).strip().splitlines()[-1]


def files(directory):
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*.yaml"))
    }


# Rows per table (users, history, search index, slug history...), and what a
# search finds in the index as restored.
SURVEY = (
    "from django.apps import apps; from django.db import connection;"
    "from search.models import SearchEntry; from search.text import parse_query;"
    "tables = set(connection.introspection.table_names());"
    "print(sorted((m._meta.db_table, m._default_manager.count()) for m in apps.get_models()"
    " if m._meta.db_table in tables),"
    " SearchEntry.objects.search(parse_query('顧客')).count())"
)


@pytest.fixture(scope="module")
def server():
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    server = TemporaryPostgres().init()
    if not (server.bin / "pg_dump").exists() or not (server.bin / "pg_restore").exists():
        server.cleanup()
        pytest.skip("pg_dump / pg_restore are not installed")
    server.start()
    yield server
    server.cleanup()


def test_pg_dump_and_pg_restore_give_back_the_same_site(server, tmp_path):
    source, restored = server.url("kb_live"), server.url("kb_restored")
    server.createdb("kb_live")
    manage(source, "migrate", "--noinput", "-v0")
    manage(source, "import_content")
    dump = tmp_path / "kb.dump"
    # The commands the README gives (pg_dump's custom format, then pg_restore).
    subprocess.run(
        [str(server.bin / "pg_dump"), "--format=custom", f"--file={dump}", f"--dbname={source}"],
        check=True, timeout=120, capture_output=True,
    )  # fmt: skip
    server.createdb("kb_restored")
    subprocess.run(
        [str(server.bin / "pg_restore"), "--no-owner", "--exit-on-error",
         f"--dbname={restored}", str(dump)],
        check=True, timeout=120, capture_output=True,
    )  # fmt: skip

    manage(source, "export_content", str(tmp_path / "from-live"))
    manage(restored, "export_content", str(tmp_path / "from-restored"))
    assert files(tmp_path / "from-restored") == files(tmp_path / "from-live")
    assert len(files(tmp_path / "from-live")) == 6  # question, people, four articles
    # Every table holds as many rows, and the restored index answers with no rebuild.
    survey = shell(restored, SURVEY)
    assert survey == shell(source, SURVEY)
    assert int(survey.rsplit(" ", 1)[1]) > 0
    # Nothing left to migrate.
    assert "No planned migration operations" in manage(restored, "migrate", "--plan")
    print(f"backup round trip: {survey}")
