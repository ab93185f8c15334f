"""Throughput of the public pages under gunicorn, measured with wrk.

Sets up a benchmark database (the real content, plus an optional synthetic
corpus), collects the static files, starts gunicorn on 127.0.0.1 with
production settings, loads each page for a fixed time with wrk, stops
gunicorn, and prints a Markdown table (requests/s and latency percentiles).

    python bench/pages.py                      # SQLite file var/pages-bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb_pages_bench python bench/pages.py

Needs wrk (Debian: apt-get install wrk). The database is emptied first: a
DATABASE_URL must name a database whose name contains "bench". Every request
goes to 127.0.0.1, and each load lasts --seconds.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))

PAGES = [
    ("home", "/fr/"),
    ("article list", "/fr/articles/"),
    ("article", "/fr/articles/cinq-experts-client-toujours-raison/"),
    ("side by side", "/zh-hant/articles/cinq-experts-client-toujours-raison/bilingual/"),
    ("expert", "/fr/experts/michelle-king/"),
    ("search", "/fr/search/?q=client"),
    ("feed", "/fr/feed/"),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def wrk(url, seconds, connections):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    failures = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = int(failures.group(1)) if failures else 0
    return rate, latency.get("50", "?"), latency.get("99", "?"), errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="load time per page")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--articles", type=int, default=0, help="synthetic articles to add")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk).")

    url = os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'var' / 'pages-bench.sqlite3'}"
    if "bench" not in url:
        sys.exit("DATABASE_URL must name a benchmark database (its name must contain 'bench').")
    (ROOT / "var").mkdir(exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "benchmark-only-secret-key-not-for-production-use-0123456789",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
    }
    manage(env, "flush", "--noinput")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "import_content")
    if args.articles:
        manage(env, "generate_corpus", "--articles", str(args.articles))
    manage(env, "rebuild_search_index")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "compile_translations")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [GUNICORN, "kb.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        css = urllib.request.urlopen(base + "/fr/").read().decode()
        stylesheet = re.search(r'href="(/static/css/[^"]+\.css)"', css).group(1)
        size = len(urllib.request.urlopen(base + stylesheet).read())
        pages = [*PAGES, (f"static file ({size // 1024} KB, whitenoise)", stylesheet)]
        print(
            f"gunicorn {args.workers} workers, wrk 2 threads {args.connections} connections, "
            f"{args.seconds} s per page, database {url.split(':')[0]}\n"
        )
        print("| page | requests/s | median latency | p99 latency | non-2xx |")
        print("|---|---:|---:|---:|---:|")
        for name, path in pages:
            urllib.request.urlopen(base + path).read()  # warm up
            rate, median, p99, errors = wrk(base + path, args.seconds, args.connections)
            print(f"| {name} `{path}` | {rate:,.0f} | {median} | {p99} | {errors} |")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
