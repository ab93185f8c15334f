"""The site under database trouble: 503 with Retry-After, never 500, and back alone.

A real PostgreSQL server of the test's own is frozen, then stopped, under a
running gunicorn with readers hitting it, and brought back.
"""

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter

import pytest
from django.conf import settings

from .frozen_server import frozen
from .pg_server import TemporaryPostgres, free_port, stop_process, unavailable_reason

ROOT = settings.BASE_DIR

SERVER_SETTINGS = """
from tests.settings import *  # noqa
STORAGES = {**STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# Give up connecting to a frozen server after 2 s (5 s in production).
DATABASES["default"]["OPTIONS"]["connect_timeout"] = 2
"""

CLIENT_DEADLINE = 2
DEADLINE_SETTINGS = f"""
from outage_settings import *  # noqa
# Connecting to a frozen server takes 10 s here: a 503 sooner is the client's deadline.
DATABASES["default"]["OPTIONS"].update(connect_timeout=10, client_deadline={CLIENT_DEADLINE})
"""


def fetch(url, timeout=20):
    """(status, headers, body, seconds) of a GET; never raises on an HTTP error."""
    start = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    return status, headers, body.decode(), time.monotonic() - start


def wait_for(url, status, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if fetch(url, timeout=5)[0] == status:
                return time.monotonic()
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} never answered {status}")


class Readers:
    """Two readers requesting pages in a loop; statuses are counted."""

    def __init__(self, base):
        self.urls = [f"{base}/fr/", f"{base}/zh-hant/articles/"]
        self.statuses = Counter()
        self.slowest = 0.0
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(url,)) for url in self.urls]

    def run(self, url):
        while not self.stopping.is_set():
            status, _headers, _body, seconds = fetch(url)
            self.statuses[status] += 1
            self.slowest = max(self.slowest, seconds)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(30)


def start_gunicorn(env, *options):
    """gunicorn on a free port with the repository's settings, and its address."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "kb.wsgi", "--bind", f"127.0.0.1:{port}", *options],
        # gunicorn.conf.py logs every request: no unread pipe to fill.
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return process, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    server = TemporaryPostgres().init()
    server.start()
    folder = tmp_path_factory.mktemp("outage")
    (folder / "outage_settings.py").write_text(SERVER_SETTINGS)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(folder), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "outage_settings",
        "DATABASE_URL": server.url("kb_outage"),
    }
    gunicorn = None
    try:
        server.createdb("kb_outage")
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
            cwd=ROOT, env=env, check=True, timeout=300, capture_output=True,
        )  # fmt: skip
        gunicorn, base = start_gunicorn(env, "--workers", "1", "--threads", "4", "--timeout", "60")
        wait_for(f"{base}/healthz", 200)
        yield server, base, env
    finally:
        if gunicorn is not None:
            stop_process(gunicorn)
        server.cleanup()


def assert_unavailable_page(url, language_text):
    status, headers, body, seconds = fetch(url)
    assert status == 503, body[:500]
    assert headers["Retry-After"] == "30"
    assert "no-store" in headers["Cache-Control"]
    assert language_text in body
    return seconds


def test_a_stopped_database_answers_503_and_the_site_recovers_without_restart(site):
    server, base, _env = site
    assert fetch(f"{base}/fr/")[0] == 200
    with Readers(base) as readers:
        time.sleep(1)
        server.stop()
        time.sleep(1)
        assert_unavailable_page(f"{base}/fr/", "temporairement indisponible")
        assert_unavailable_page(f"{base}/zh-hant/", "暫時無法使用")
        status, headers, body, _ = fetch(f"{base}/healthz")
        assert status == 503
        assert json.loads(body) == {
            "status": "unavailable",
            "checks": {"database": "failing", "cache": "ok"},
        }
        assert "no-cache" in headers["Cache-Control"]
        server.start()
        started = time.monotonic()
        recovered = wait_for(f"{base}/fr/", 200, seconds=15)
        time.sleep(1)
    assert fetch(f"{base}/healthz")[0] == 200
    print(
        f"stopped database: readers got {dict(readers.statuses)}, slowest answer "
        f"{readers.slowest:.2f} s, back {recovered - started:.2f} s after the restart"
    )
    assert set(readers.statuses) <= {200, 503}, readers.statuses
    assert readers.statuses[503] > 0 and readers.statuses[200] > 0


def client_backends(postmaster):
    """The server processes serving the site's connections (not its own workers)."""
    listing = subprocess.run(
        ["ps", "-o", "pid=,args=", "--ppid", str(postmaster)],  # noqa: S607
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [int(line.split()[0]) for line in listing.splitlines() if "kb_outage" in line]


def test_a_frozen_database_answers_503_within_the_connect_timeout(site):
    server, base, _env = site
    pid = server.postmaster_pid()
    with Readers(base) as readers:
        time.sleep(0.5)
        # The server stops accepting connections, and the site's open ones drop:
        # every request must connect anew, to a server that never answers.
        os.kill(pid, signal.SIGSTOP)
        try:
            for backend in client_backends(pid):
                os.kill(backend, signal.SIGTERM)
            time.sleep(0.5)
            seconds = assert_unavailable_page(f"{base}/fr/", "temporairement indisponible")
            assert seconds < 10
        finally:
            os.kill(pid, signal.SIGCONT)
        wait_for(f"{base}/fr/", 200, seconds=15)
    print(
        f"frozen database: readers got {dict(readers.statuses)}, 503 after {seconds:.2f} s, "
        f"slowest answer {readers.slowest:.2f} s"
    )
    assert set(readers.statuses) <= {200, 503}, readers.statuses


def test_a_frozen_database_holding_the_sites_connection_answers_503_at_the_client_deadline(
    site, tmp_path
):
    """The server stops answering on the connection a worker already holds: no
    timeout of the server's or of connecting applies, only the client's deadline."""
    server, _base, env = site
    (tmp_path / "deadline_settings.py").write_text(DEADLINE_SETTINGS)
    env = {
        **env,
        "PYTHONPATH": os.pathsep.join([str(tmp_path), env["PYTHONPATH"]]),
        "DJANGO_SETTINGS_MODULE": "deadline_settings",
    }
    # One thread: every request after the first one reuses its connection.
    gunicorn, base = start_gunicorn(env, "--workers", "1", "--threads", "1", "--timeout", "60")
    try:
        wait_for(f"{base}/fr/", 200)
        assert fetch(f"{base}/fr/")[0] == 200  # the connection is open, and reused
        with frozen(server, longest=CLIENT_DEADLINE + 15):
            seconds = assert_unavailable_page(f"{base}/fr/", "temporairement indisponible")
        status, _headers, _body, after = fetch(f"{base}/fr/")
    finally:
        stop_process(gunicorn)
    print(f"frozen server, connection held: 503 after {seconds:.2f} s, then {status}")
    assert CLIENT_DEADLINE - 0.2 <= seconds < CLIENT_DEADLINE + 1.5
    assert status == 200 and after < 5
