"""Readers while PostgreSQL is frozen: what they get, and how long they wait.

Starts a PostgreSQL server of its own (tests/pg_server.py, in a temporary folder), loads
the real content, runs gunicorn (gunicorn.conf.py, 2 workers, production settings) on
127.0.0.1 with four readers requesting pages in a loop, stops every server process with
SIGSTOP for --seconds (35), then SIGCONT, and reports the answers given during the freeze,
their times, and how soon after SIGCONT the site answered 200 again.

    python bench/frozen_database.py                  # about a minute
    python bench/frozen_database.py --deadline 0     # without the client's deadline

The server is always thawed (SIGCONT) and removed; gunicorn is stopped by its PID.
"""

import argparse
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.server import free_port  # noqa: E402
from tests.frozen_server import frozen  # noqa: E402
from tests.pg_server import TemporaryPostgres  # noqa: E402

PAGES = ["/fr/", "/zh-hant/articles/", "/fr/search/?q=client", "/fr/experts/"]


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError as error:
        return type(error).__name__


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=35, help="how long it is frozen")
    parser.add_argument("--deadline", help="DJANGO_DB_CLIENT_DEADLINE (default: the site's)")
    args = parser.parse_args()

    server = TemporaryPostgres().init()
    gunicorn = None
    try:
        server.start()
        server.createdb("kb_frozen")
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            "DATABASE_URL": server.url("kb_frozen"),
            "DJANGO_SECRET_KEY": "benchmark-only-secret-key-not-for-production-use-0123456789",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
        }
        if args.deadline is not None:
            env["DJANGO_DB_CLIENT_DEADLINE"] = args.deadline
        for command in (["migrate", "--noinput", "-v0"], ["import_content", "-v0"]):
            subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=ROOT, env=env, check=True, timeout=300, capture_output=True,
            )  # fmt: skip
        port = free_port()
        env.update(GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="2")
        gunicorn = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "kb.wsgi"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            if status_of(f"{base}/robots.txt") == 200:
                break
            time.sleep(0.2)

        answers, stopping = [], threading.Event()  # (started, seconds, status)

        def reader(path):
            while not stopping.is_set():
                started = time.monotonic()
                status = status_of(base + path)
                answers.append((started, time.monotonic() - started, status))
                time.sleep(0.05)

        readers = [threading.Thread(target=reader, args=(path,)) for path in PAGES]
        for thread in readers:
            thread.start()
        time.sleep(3)
        frozen_at = time.monotonic()
        with frozen(server, longest=args.seconds + 5):
            time.sleep(args.seconds)
        thawed_at = time.monotonic()
        time.sleep(5)
        stopping.set()
        for thread in readers:
            thread.join(70)
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(30)
        server.cleanup()

    during = [a for a in answers if frozen_at <= a[0] < thawed_at]
    after = [a for a in answers if a[0] >= thawed_at]
    back = min((a[0] + a[1] for a in after if a[2] == 200), default=None)
    print(f"frozen {args.seconds:g} s, client deadline: {args.deadline or 'the default'}")
    print(f"requests started during the freeze: {dict(Counter(a[2] for a in during))}")
    print(f"their times, s: {sorted(round(a[1], 1) for a in during)}")
    print(f"after SIGCONT: {dict(Counter(a[2] for a in after))}, first 200 after "
          f"{back - thawed_at:.2f} s" if back else "after SIGCONT: no 200")  # fmt: skip


if __name__ == "__main__":
    main()
