"""A deadline on the client's side for each wait on the database.

A frozen PostgreSQL (stopped, not down) keeps the connections it holds open:
the kernel still acknowledges what the worker sends, so neither TCP keepalive
nor tcp_user_timeout notice, connect_timeout no longer applies and the
server's statement_timeout cannot fire. psycopg waits for the answer with
poll(); shutting down the connection's socket from another thread makes that
poll return, and psycopg raises OperationalError in the waiting thread (the
outage middleware's 503).

One watchdog thread per process watches every wait (gthread workers wait in
several threads at once); a wait costs a lock and a set entry, no thread.
"""

import logging
import os
import socket
import threading
import time

# How often the watchdog looks at the waits: the precision of every deadline.
CHECK_INTERVAL = 0.2

logger = logging.getLogger("operations.deadline")


class Wait:
    """One wait on one psycopg connection; ``cut`` tells whether the watchdog ended it."""

    __slots__ = ("connection", "seconds", "deadline", "cut")

    def __init__(self, connection, seconds):
        self.connection, self.seconds, self.cut = connection, seconds, False

    def __enter__(self):
        if self.seconds and self.connection is not None:
            self.deadline = time.monotonic() + self.seconds
            watchdog.add(self)
        return self

    def __exit__(self, *exc):
        if self.seconds and self.connection is not None:
            watchdog.discard(self)


def cut_connection(connection):
    """Shut the socket down under psycopg's wait: it returns with an error at once.

    Done on a duplicate of the descriptor, which is closed after; psycopg's own
    stays open (and is closed by psycopg), so no descriptor is freed under it.
    """
    duplicate = socket.socket(fileno=os.dup(connection.fileno()))
    try:
        duplicate.shutdown(socket.SHUT_RDWR)
    finally:
        duplicate.close()


class Watchdog:
    def __init__(self):
        self._reset()
        # A forked worker (gunicorn's preload) starts with no watchdog thread.
        os.register_at_fork(after_in_child=self._reset)

    def _reset(self):
        self._lock = threading.Lock()
        self._waits = set()
        self._thread = None

    def add(self, wait):
        with self._lock:
            self._waits.add(wait)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="database-deadline", daemon=True
                )
                self._thread.start()

    def discard(self, wait):
        with self._lock:
            self._waits.discard(wait)

    def _run(self):
        while True:
            time.sleep(CHECK_INTERVAL)
            now = time.monotonic()
            # Under the lock: a wait still listed is still in progress, so its
            # connection is open and its descriptor is its own.
            with self._lock:
                for wait in [w for w in self._waits if w.deadline <= now]:
                    self._waits.discard(wait)
                    wait.cut = True
                    try:
                        cut_connection(wait.connection)
                    except Exception as error:  # the thread must live on, whatever failed
                        logger.warning("Could not cut a late database connection: %s", error)
                    else:
                        logger.warning(
                            "A database wait outlived its %g s deadline: connection cut",
                            wait.seconds,
                        )

    def waiting(self):
        """How many waits are being watched (for the tests)."""
        with self._lock:
            return len(self._waits)


watchdog = Watchdog()
