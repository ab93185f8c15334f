"""A bounded soak of the public site: errors, p50/p99 and worker memory under load.

On SQLite (var/soak-bench.sqlite3) and, with --database-url, on PostgreSQL too: empty
the benchmark database, load the real content, then start gunicorn (gunicorn.conf.py,
2 workers, production settings) on 127.0.0.1 twice, with the page cache on and off
(DJANGO_PAGE_CACHE_SECONDS=0), and send a mix of public pages (home, list, article in
French and Chinese, side by side, experts, expert, search, feed) from 64 connections for
60 s with wrk (bench/soak.lua cycles through the URLs; Python threads when wrk is not
installed). Reports requests, errors (non-2xx/3xx answers and connection errors),
p50/p99 latency, and each worker's RSS (/proc/<pid>/status VmRSS) before and after,
and writes them to the "Soak" section of docs/benchmarks.md.

    python bench/soak.py                                   # about 3 minutes
    python bench/soak.py --database-url postgres://postgres@127.0.0.1:5432/kb_soak_bench
    python bench/soak.py --seconds 10 --connections 16 --no-write

Every step has a time limit. The databases are emptied: their names must contain "bench".
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server import (  # noqa: E402
    ROOT,
    Server,
    benchmark_env,
    benchmark_url,
    prepare_database,
    write_report,
)

ARTICLE = "cinq-experts-client-toujours-raison"
MIX = [
    "/fr/",
    "/fr/articles/",
    f"/fr/articles/{ARTICLE}/",
    f"/zh-hant/articles/{ARTICLE}/",
    f"/zh-hant/articles/{ARTICLE}/bilingual/",
    "/fr/experts/",
    "/fr/experts/michelle-king/",
    "/fr/search/?q=client",
    "/fr/feed/",
]
SQLITE = "soak-bench.sqlite3"
MODES = [("on", 300), ("off", 0)]
BEGIN, END = "<!-- bench/soak.py: begin -->", "<!-- bench/soak.py: end -->"
REQUEST_TIMEOUT = 10  # seconds: a slower answer counts as an error (gunicorn's own is 30)


def _ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk_soak(server, seconds, connections):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", f"--timeout={REQUEST_TIMEOUT}s",
         "--latency", "-H", "Accept-Encoding: gzip, br", "-s", str(ROOT / "bench" / "soak.lua"),
         server.base, "--", *MIX],
        capture_output=True, text=True, check=True, timeout=seconds + 60,
    ).stdout  # fmt: skip
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    failures = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "requests": requests,
        "http_errors": int(failures.group(1)) if failures else 0,
        "connection_errors": sum(int(n) for n in sockets.groups()) if sockets else 0,
        "p50": _ms(latency["50"]),
        "p99": _ms(latency["99"]),
    }


def python_soak(server, seconds, connections):
    """The same mix from threads (http.client, one connection per request)."""
    deadline = time.monotonic() + seconds
    latencies, http_errors, connection_errors = [], [0], [0]

    def client(offset):
        turn = offset
        while time.monotonic() < deadline:
            path = MIX[turn % len(MIX)]
            turn += 1
            started = time.perf_counter()
            try:
                status, _body = server.get(path, timeout=REQUEST_TIMEOUT)
                if not 200 <= status < 400:
                    http_errors[0] += 1
            except OSError:
                connection_errors[0] += 1
            latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + REQUEST_TIMEOUT + 5)
    latencies.sort()
    at = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    return {
        "requests": len(latencies),
        "http_errors": http_errors[0],
        "connection_errors": connection_errors[0],
        "p50": at(0.50) if latencies else 0.0,
        "p99": at(0.99) if latencies else 0.0,
    }


class MemoryWatch(threading.Thread):
    """Reads the workers' RSS every second during the load: the workers seen (gunicorn
    replaces one after max_requests) and the largest RSS."""

    def __init__(self, server):
        super().__init__(daemon=True)
        self.server, self.stopping = server, threading.Event()
        self.seen, self.peak = set(), 0.0

    def run(self):
        while not self.stopping.wait(1):
            sizes = self.server.worker_rss_mb()
            self.seen.update(sizes)
            self.peak = max([self.peak, *sizes.values()])


def soak(env, cache_seconds, args):
    extra = ["--max-requests", "0"] if args.no_recycle else []
    with Server(env, args.workers, cache_seconds, extra_args=extra) as server:
        for path in MIX:  # each page answers, and is built (and cached) once
            status, _body = server.get(path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status} before the soak")
        before = server.worker_rss_mb()
        watch = MemoryWatch(server)
        watch.start()
        run = wrk_soak if shutil.which("wrk") and not args.python else python_soak
        result = run(server, args.seconds, args.connections)
        watch.stopping.set()
        watch.join(timeout=5)
        after = server.worker_rss_mb()
        statuses = [server.get(path)[0] for path in MIX]
    result.update(
        before=before,
        after=after,
        seen=len(watch.seen | set(before) | set(after)),
        peak=max([watch.peak, *after.values()]),
        after_ok=all(status == 200 for status in statuses),
        generator="wrk" if run is wrk_soak else "python",
    )
    print(f"cache {cache_seconds} s: {result}", file=sys.stderr, flush=True)
    return result


def megabytes(sizes):
    return " + ".join(f"{size:.0f}" for size in sizes.values()) or "–"


RECYCLED = ", a worker replaced after about 1,000 requests (`max_requests`)"


def report(args, rows, started, loads):
    lines = [
        BEGIN,
        "# Soak (`bench/soak.py`)",
        "",
        f"Measured {started:%Y-%m-%d %H:%M} UTC: `python bench/soak.py --seconds {args.seconds} "
        f"--connections {args.connections}"
        f"{' --database-url postgres://…/kb_soak_bench' if args.database_url else ''}"
        f"{' --no-recycle' if args.no_recycle else ''}`.",
        "",
        f"**Machine**: {os.cpu_count()} cores, shared: the load generator runs on the same "
        f"cores as the server, and other work ran beside it (load average {loads[0]:.1f} "
        f"before, {loads[1]:.1f} after).",
        "",
        f"**Method**: the real content; gunicorn (`gunicorn.conf.py`, {args.workers} workers, "
        "production settings, DEBUG off"
        f"{', `--max-requests 0`' if args.no_recycle else RECYCLED}"
        f") on 127.0.0.1; each page fetched once, then {args.connections} connections for "
        f"{args.seconds} s cycling through {len(MIX)} public pages: "
        + ", ".join(f"`{path}`" for path in MIX)
        + f" (wrk, 2 threads, `bench/soak.lua`; an answer slower than {REQUEST_TIMEOUT} s is "
        "a timeout). Page cache on: `DJANGO_PAGE_CACHE_SECONDS=300`; off: `0`. Errors: "
        "non-2xx/3xx answers + connection errors (connect, read, write, timeout). RSS: "
        "`VmRSS` of each worker (gunicorn's children) just before and just after the load; "
        "workers seen and the peak are read every second during it.",
        "",
        "| database | page cache | requests | req/s | errors (HTTP + connection) | p50 ms | "
        "p99 ms | worker RSS before, MB | after, MB | workers seen | peak RSS MB |",
        "|---|---|---:|---:|---:|---:|---:|---|---|---:|---:|",
    ]
    for database, mode, r in rows:
        lines.append(
            f"| {database} | {mode} | {r['requests']:,} | {r['requests'] / args.seconds:,.0f} | "
            f"{r['http_errors']} + {r['connection_errors']} | {r['p50']:.1f} | {r['p99']:.1f} | "
            f"{megabytes(r['before'])} | {megabytes(r['after'])} | {r['seen']} | "
            f"{r['peak']:.0f} |"
        )
    broken = [f"{db} (cache {mode})" for db, mode, r in rows if not r["after_ok"]]
    lines += [
        "",
        "Every page answered 200 after the load"
        + (f" except in: {', '.join(broken)}." if broken else "."),
        END,
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="load time per run (60)")
    parser.add_argument("--connections", type=int, default=64, help="concurrent clients (64)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--database-url", help="a PostgreSQL benchmark database, after SQLite")
    parser.add_argument("--no-sqlite", action="store_true", help="only --database-url")
    parser.add_argument(
        "--no-recycle", action="store_true", help="workers never replaced (--max-requests 0)"
    )
    parser.add_argument("--python", action="store_true", help="Python clients even with wrk")
    parser.add_argument("--no-write", dest="write", action="store_false")
    args = parser.parse_args()

    databases = [] if args.no_sqlite else [("SQLite", f"sqlite:///{ROOT / 'var' / SQLITE}")]
    if args.database_url:
        databases.append(("PostgreSQL", args.database_url))
    started, loads, rows = datetime.now(UTC), [os.getloadavg()[0]], []
    for name, url in databases:
        env = benchmark_env(benchmark_url(SQLITE, url))
        prepare_database(env)
        for mode, cache_seconds in MODES:
            rows.append((name, mode, soak(env, cache_seconds, args)))
    loads.append(os.getloadavg()[0])
    text = report(args, rows, started, loads)
    print(text)
    if args.write:
        write_report(text, BEGIN, END)


if __name__ == "__main__":
    main()
