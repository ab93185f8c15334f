"""The production gunicorn (gunicorn.conf.py): readers are served while logins hash passwords.

A wrong password costs a hash of about 0.2 s of CPU; with one request per worker
at a time (sync workers), a few attackers kept every worker hashing and readers
waited behind them. Here one worker, hashes made slow on purpose (about 1 s), two
wrong-password logins under way: a reader's request must be answered before them.
"""

import http.client
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse

import pytest
from django.conf import settings

from .pg_server import free_port, stop_process

ROOT = settings.BASE_DIR

SLOW_HASHING = """
from django.contrib.auth.hashers import PBKDF2PasswordHasher


class SlowPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    # hashlib releases the GIL while hashing, as with the real iteration count.
    iterations = 5_000_000
"""

SERVER_SETTINGS = """
from tests.settings import *  # noqa
STORAGES = {**STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
PASSWORD_HASHERS = ["slow_hashing.SlowPBKDF2PasswordHasher"]
"""


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheader("Set-Cookie") or "", response.read()
    finally:
        connection.close()


@pytest.fixture
def server(tmp_path):
    (tmp_path / "slow_hashing.py").write_text(SLOW_HASHING)
    (tmp_path / "gunicorn_settings.py").write_text(SERVER_SETTINGS)
    port = free_port()
    env = {
        # The repository's defaults, whatever the shell sets.
        **{k: v for k, v in os.environ.items() if k != "GUNICORN_THREADS"},
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "gunicorn_settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT, env=env, check=True, timeout=300, capture_output=True,
    )  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "kb.wsgi"],
        # gunicorn.conf.py logs every request: no unread pipe to fill.
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if request(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("gunicorn did not start")
        yield port
    finally:
        stop_process(process)


def wrong_login(port, finished):
    _status, cookie, body = request(port, "GET", "/admin/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    csrf = re.search(r"csrftoken=([^;]+)", cookie).group(1)
    form = {"csrfmiddlewaretoken": token, "username": "nobody", "password": "wrong"}
    status = request(
        port,
        "POST",
        "/admin/login/",
        urllib.parse.urlencode(form),
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}"},
    )[0]
    finished.append((time.monotonic(), status))


def test_a_reader_is_answered_while_the_only_worker_hashes_two_logins(server):
    finished = []
    logins = [threading.Thread(target=wrong_login, args=(server, finished)) for _ in range(2)]
    for login in logins:
        login.start()
    time.sleep(0.3)  # both logins are hashing (each takes about a second here)
    started = time.monotonic()
    status, _cookie, body = request(server, "GET", "/fr/")
    answered = time.monotonic()
    for login in logins:
        login.join(60)
    assert status == 200, body[:300]
    assert [login_status for _, login_status in finished] == [200, 200]  # form, with its error
    # The reader did not wait for a hash to end.
    assert answered < min(at for at, _ in finished), (answered - started, finished)
