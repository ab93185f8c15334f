"""What the benchmark scripts share: the benchmark database and gunicorn on 127.0.0.1.

`benchmark_env()` checks the database (its name must contain "bench": it is emptied)
and gives the production-like environment; `prepare_database()` loads the content;
`Server` starts gunicorn (gunicorn.conf.py) on a free port, waits for it, reads its
workers' memory and stops it by its PID.
"""

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def benchmark_url(sqlite_name, url=None):
    """The database to use: `url`, else $DATABASE_URL, else var/<sqlite_name>.sqlite3.
    Exits unless its name says it is a benchmark database."""
    url = url or os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'var' / sqlite_name}"
    if "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit("The database must be a benchmark one (its name must contain 'bench').")
    (ROOT / "var").mkdir(exist_ok=True)
    if url.startswith(("postgres://", "postgresql://")):
        sys.path.insert(0, str(ROOT / "bench"))
        from search_latency import create_postgres_database

        create_postgres_database(url)
    return url


def benchmark_env(url):
    """Production settings (DEBUG off) on the benchmark database, whatever the shell
    holds in DJANGO_* variables."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DATABASE_URL": url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "benchmark-only-secret-key-not-for-production-use-0123456789",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
    }


def manage(env, *args, timeout=1800):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=timeout)


def prepare_database(env, articles=0):
    """Empty the database, load the real content (and `articles` synthetic ones),
    collect the static files and compile the UI translations."""
    manage(env, "flush", "--noinput")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "import_content", "-v0")
    if articles:
        manage(env, "generate_corpus", "--articles", str(articles))
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "compile_translations")


class Server:
    """gunicorn with the repository's gunicorn.conf.py on 127.0.0.1, started at once;
    a context manager that stops it."""

    def __init__(
        self, env, workers=2, cache_seconds=None, extra_args=(), start_timeout=60, prefix=()
    ):
        self.port = free_port()
        env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "WEB_CONCURRENCY": str(workers)}
        if cache_seconds is not None:
            env["DJANGO_PAGE_CACHE_SECONDS"] = str(cache_seconds)
        self.process = subprocess.Popen(
            # prefix: e.g. ["nice", "-n", "10"] (it execs gunicorn: same PID)
            [*prefix, GUNICORN, "-c", "gunicorn.conf.py", *extra_args, "kb.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + start_timeout
        while time.monotonic() < deadline:
            try:
                self.get("/robots.txt")
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def get(self, path, timeout=30):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def worker_pids(self):
        """The PIDs of gunicorn's worker processes (its children; Linux /proc)."""
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return sorted(pids)

    def worker_rss_mb(self):
        """Resident memory (VmRSS) of each worker, in MB, by PID."""
        sizes = {}
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
                sizes[pid] = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024
            except (OSError, AttributeError):
                continue
        return sizes

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def write_report(text, begin, end):
    """Put a report into docs/benchmarks.md between its markers (appended the
    first time), leaving the rest of the page as it is."""
    path = ROOT / "docs" / "benchmarks.md"
    current = path.read_text() if path.exists() else ""
    if begin in current and end in current:
        head, rest = current.split(begin, 1)
        current = head + text + rest.split(end, 1)[1]
    else:
        current = current.rstrip() + "\n\n" + text + "\n"
    path.write_text(current)
