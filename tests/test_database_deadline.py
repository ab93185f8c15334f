"""The client's deadline on a PostgreSQL that stops answering (operations/deadline.py).

A real server of the test's own is frozen (every process stopped with SIGSTOP,
its sockets left open): a query on a connection opened before waits for an
answer that never comes, and only the client's deadline ends it.
"""

import os
import subprocess
import sys
import threading
import time

import pytest
from django.conf import settings
from django.db import OperationalError
from django.db.utils import ConnectionHandler

from operations.deadline import CHECK_INTERVAL, watchdog

from . import frozen_server
from .pg_server import TemporaryPostgres, unavailable_reason

DEADLINE = 1.5
MARGIN = CHECK_INTERVAL + 1.0  # the watchdog's period, and a loaded machine


@pytest.fixture(scope="module")
def server():
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    server = TemporaryPostgres().init()
    try:
        server.start()
        yield server
    finally:
        server.cleanup()


@pytest.fixture
def database(server, django_db_blocker):
    """A factory of connection handlers to the test's server, with the site's backend."""
    handlers = []

    def connect(health_checks=False, deadline=DEADLINE):
        handler = ConnectionHandler(
            {
                "default": {
                    "ENGINE": "operations.postgresql",
                    "NAME": "postgres",
                    "USER": "postgres",
                    "HOST": "127.0.0.1",
                    "PORT": server.port,
                    "CONN_HEALTH_CHECKS": health_checks,
                    "CONN_MAX_AGE": None,
                    "OPTIONS": {"client_deadline": deadline, "connect_timeout": 10},
                }
            }
        )
        handlers.append(handler)
        return handler

    with django_db_blocker.unblock():
        yield connect
        for handler in handlers:
            handler.close_all()


def frozen(server):
    return frozen_server.frozen(server, longest=DEADLINE + 10)


def select_one(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0]


def timed_failure(call):
    started = time.monotonic()
    with pytest.raises(OperationalError):
        call()
    return time.monotonic() - started


def test_a_query_to_a_frozen_server_fails_at_the_deadline_and_the_next_one_reconnects(
    server, database
):
    connection = database()["default"]
    assert select_one(connection) == 1
    with frozen(server):
        seconds = timed_failure(lambda: select_one(connection))
    assert DEADLINE - 0.1 <= seconds <= DEADLINE + MARGIN
    # What the site does at the end of a request: the broken connection is dropped…
    connection.close_if_unusable_or_obsolete()
    assert connection.connection is None
    # …and the next request connects anew, to the server now back.
    assert select_one(connection) == 1


def test_the_health_check_of_a_frozen_server_fails_at_the_deadline_without_reconnecting(
    server, database
):
    connection = database(health_checks=True)["default"]
    assert select_one(connection) == 1
    connection.close_if_unusable_or_obsolete()  # a new request: the health check is due
    with frozen(server):
        # Reconnecting to the frozen server would wait out connect_timeout (10 s).
        seconds = timed_failure(lambda: select_one(connection))
    assert DEADLINE - 0.1 <= seconds <= DEADLINE + MARGIN
    assert connection.connection is None
    connection.close_if_unusable_or_obsolete()
    assert select_one(connection) == 1


def test_slow_answers_within_the_deadline_are_left_alone_and_nothing_leaks(server, database):
    connection = database()["default"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(%s)", [DEADLINE - 0.8])
        for number in range(300):
            cursor.execute("SELECT %s", [number])
            assert cursor.fetchone()[0] == number
    assert watchdog.waiting() == 0
    names = [thread.name for thread in threading.enumerate()]
    assert names.count("database-deadline") == 1


def test_every_thread_waiting_on_a_frozen_server_is_freed(server, database):
    """gthread workers: several request threads, each with its own connection."""
    handler = database()
    ready, results = threading.Barrier(4), {}

    def reader(number):
        connection = handler["default"]  # this thread's own connection
        select_one(connection)
        ready.wait()  # connected, the server is being frozen
        ready.wait()  # frozen
        try:
            results[number] = ("ok", select_one(connection))
        except OperationalError:
            results[number] = ("failed", time.monotonic() - started)
        finally:
            connection.close()

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    ready.wait()
    with frozen(server):
        started = time.monotonic()
        ready.wait()
        for thread in threads:
            thread.join(DEADLINE + MARGIN + 5)
    assert sorted(results) == [0, 1, 2]
    assert {outcome for outcome, _ in results.values()} == {"failed"}
    assert max(seconds for _, seconds in results.values()) <= DEADLINE + MARGIN


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, 12.0),
        ({"DJANGO_PG_STATEMENT_TIMEOUT": "30000"}, 32.0),
        ({"DJANGO_PG_STATEMENT_TIMEOUT": "0"}, 0.0),
        ({"DJANGO_DB_CLIENT_DEADLINE": "4.5"}, 4.5),
    ],
    ids=["default", "above-a-longer-statement-timeout", "none-without-one", "set"],
)
def test_the_deadline_is_read_from_the_environment_above_the_statement_timeout(
    environment, expected
):
    """Production's PostgreSQL settings: the deadline's backend, and its limit."""
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'kb.settings'; django.setup();"
        "from django.db import connection; print(connection.settings_dict['ENGINE'],"
        " connection.client_deadline, 'client_deadline' in connection.get_connection_params())"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DATABASE_URL="postgres://kb@db.invalid:5432/kb", DJANGO_DEBUG="1", **environment)
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    # Not a libpq parameter: it is kept from psycopg's connect().
    assert result.stdout.split() == ["operations.postgresql", str(expected), "False"]
