"""A test's own PostgreSQL server (tests/pg_server.py) frozen: every process stopped.

The sockets stay open and the kernel still acknowledges what clients send: a
client connected before waits for an answer that never comes.
"""

import os
import signal
import subprocess
import threading
from contextlib import contextmanager, suppress


def server_processes(server):
    postmaster = server.postmaster_pid()
    children = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(postmaster)],  # noqa: S607
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    return [postmaster, *map(int, children)]


@contextmanager
def frozen(server, longest):
    """The server stopped (SIGSTOP) for the block; thawed (SIGCONT) at its end, or after
    `longest` seconds at most, so that a test whose client never gives up fails
    instead of hanging."""
    processes = server_processes(server)

    def thaw():
        for pid in processes:
            # A backend whose connection was cut may be gone.
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)

    safety = threading.Timer(longest, thaw)
    try:
        for pid in processes:
            os.kill(pid, signal.SIGSTOP)
        safety.start()
        yield
    finally:
        safety.cancel()
        thaw()
