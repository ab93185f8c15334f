"""The benchmark of the public site, in one bounded run: writes docs/benchmarks.md.

For each corpus size (the real content plus N synthetic articles): empty the
benchmark database, load the content, collect the static files, then start
gunicorn (gunicorn.conf.py, production settings) on 127.0.0.1 twice, with the
page cache on and off, and load every public page, search and a static file
(the floor: whitenoise from the same gunicorn) for a fixed time each with a
Python load generator (processes of threads, one connection each). Reports
requests/s, the ratio to the floor of the same server run, p50/p99, errors,
the SQL queries of each page (in-process), worker RSS, and checks that two
instances on one database serve a change made elsewhere on the next request.

    python bench/run.py --quick     # about 2 minutes: 10 and 1,000 articles, 1 run, 2 s
    python bench/run.py             # 10 and 10,000 articles, 3 runs, 5 s per page
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb_run_bench python bench/run.py

The database is emptied: a DATABASE_URL must name one whose name contains "bench".
"""

import argparse
import json
import multiprocessing
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server import (  # noqa: E402
    PYTHON,
    ROOT,
    Server,
    benchmark_env,
    benchmark_url,
    prepare_database,
    write_report,
)

ARTICLE = "cinq-experts-client-toujours-raison"
PAGES = [
    ("home", "/fr/"),
    ("article list", "/fr/articles/"),
    ("article", f"/fr/articles/{ARTICLE}/"),
    # Traditional and Simplified Chinese: the same page, stored and derived text.
    ("article (zh-hant)", f"/zh-hant/articles/{ARTICLE}/"),
    ("article (zh-hans)", f"/zh-hans/articles/{ARTICLE}/"),
    ("home (zh-hans)", "/zh-hans/"),
    ("side by side", f"/zh-hant/articles/{ARTICLE}/bilingual/"),
    ("side by side (zh-hans)", f"/zh-hans/articles/{ARTICLE}/bilingual/"),
    ("experts", "/fr/experts/"),
    ("expert", "/fr/experts/michelle-king/"),
    ("feed", "/fr/feed/"),
    ("sitemap index", "/sitemap.xml"),
    ("sitemap page", "/sitemap-articles.xml"),
    ("search `client`", "/fr/search/?q=client"),
]
WAGTAIL = "Wagtail bakerydemo on this kind of machine: about 80 requests/s (blog page), 40 (home)"
GENERATORS = {
    "wrk": "wrk (2 threads)",
    "python": "Python clients (threads in 2 processes, a new connection per request; "
    "slower than wrk, so ratios near 1 may be the client's limit)",
}
BEGIN, END = "<!-- bench/run.py: begin -->", "<!-- bench/run.py: end -->"


# --- Load generator


def _client(port, path, seconds, threads, queue):
    # Plain sockets, one request per connection: http.client's parsing would
    # make the client the bottleneck.
    request = (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip, br\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    deadline = time.perf_counter() + seconds
    latencies, errors = [], [0]

    def loop():
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
                    sock.sendall(request)
                    head = sock.recv(65536)
                    while sock.recv(65536):
                        pass
                if not head.startswith((b"HTTP/1.1 2", b"HTTP/1.1 3", b"HTTP/1.0 2")):
                    errors[0] += 1
            except OSError:
                errors[0] += 1
            latencies.append(time.perf_counter() - started)

    workers = [threading.Thread(target=loop) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    queue.put((latencies, errors[0]))


def _python_load(port, path, seconds, connections, processes=2):
    queue = multiprocessing.Queue()
    per = max(1, connections // processes)
    clients = [
        multiprocessing.Process(target=_client, args=(port, path, seconds, per, queue))
        for _ in range(processes)
    ]
    for client in clients:
        client.start()
    results = [queue.get(timeout=seconds + 60) for _ in clients]
    for client in clients:
        client.join()
    latencies = sorted(t for result, _ in results for t in result)
    errors = sum(e for _, e in results)
    if not latencies:
        return 0.0, 0.0, 0.0, errors
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    return len(latencies) / seconds, p(0.50), p(0.99), errors


def _ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def _wrk_load(port, path, seconds, connections):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-H",
         "Accept-Encoding: gzip, br", f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, check=True, timeout=seconds + 60,
    ).stdout  # fmt: skip
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    failures = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = int(failures.group(1)) if failures else 0
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if sockets:
        errors += sum(int(n) for n in sockets.groups())
    return rate, _ms(latency["50"]), _ms(latency["99"]), errors


def load(port, path, seconds, connections):
    """Requests/s, p50 and p99 (ms) and errors of `connections` clients for `seconds`:
    with wrk when it is installed, else with Python clients."""
    if LOAD_GENERATOR == "wrk":
        return _wrk_load(port, path, int(max(1, seconds)), connections)
    return _python_load(port, path, seconds, connections)


LOAD_GENERATOR = "wrk" if shutil.which("wrk") else "python"


# --- Database


def query_counts(env):
    """SQL queries per page, uncached and on a cache hit, counted in-process."""
    code = f"""
import json, django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
counts = {{}}
for seconds in (0, 300):
    with override_settings(PAGE_CACHE_SECONDS=seconds, ALLOWED_HOSTS=["*"]):
        client = Client()
        for name, path in {PAGES!r}:
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            counts.setdefault(name, []).append(len(queries))
print(json.dumps(counts))
"""
    env = {**env, "DJANGO_SETTINGS_MODULE": "kb.settings", "DJANGO_DEBUG": "0"}
    output = subprocess.run(
        [PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def two_instances(env, workers):
    """A change saved by another process shows on both instances' next request."""
    code = f"""
import sys, django
django.setup()
from articles.models import Article
article = Article.objects.get(slug={ARTICLE!r})
article.title_fr = sys.argv[1]
article.save()
"""
    path = f"/fr/articles/{ARTICLE}/"
    servers = [Server(env, workers, 300) for _ in range(2)]
    try:
        for server in servers:
            server.get(path), server.get(path)  # built, then from the cache
        marker = f"Titre changé {time.time_ns()}"
        environment = {**env, "DJANGO_SETTINGS_MODULE": "kb.settings"}
        subprocess.run([PYTHON, "-c", code, marker], cwd=ROOT, env=environment, check=True)
        return all(marker in server.get(path)[1] for server in servers)
    finally:
        for server in servers:
            server.stop()


# --- One size


def measure_size(env, size, args):
    prepare_database(env, size)
    result = {"runs": [], "queries": query_counts(env)}
    for _run in range(args.runs):
        run = {}
        for mode, seconds in (("cached", 300), ("uncached", 0)):
            server = Server(env, args.workers, seconds)
            try:
                home = server.get("/fr/")[1]
                stylesheet = re.search(r'href="(/static/css/[^"]+\.css)"', home).group(1)
                for name, path in [*PAGES, ("static file (the floor)", stylesheet)]:
                    if mode == "cached" and name.startswith("search"):
                        continue  # never cached: measured once, uncached
                    status, _body = server.get(path)  # built once (and cached)
                    assert status == 200, (path, status)
                    run[(name, mode)] = load(server.port, path, args.seconds, args.connections)
                    print(f"{size} articles, {mode}, {name}: {run[(name, mode)]}", file=sys.stderr)
                run[("rss", mode)] = list(server.worker_rss_mb().values())
            finally:
                server.stop()
        result["runs"].append(run)
    result["two_instances"] = two_instances(env, args.workers) if args.two_instances else None
    return result


def cpu_counters():
    try:
        return [int(n) for n in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except OSError:
        return None


# --- Report


def report(args, url, sizes, results, started, loads, steal):
    med = statistics.median
    lines = [
        BEGIN,
        "# Page throughput (`bench/run.py`)",
        "",
        f"Measured {started:%Y-%m-%d %H:%M} UTC by `python bench/run.py "
        f"{'--quick ' if args.quick else ''}` "
        f"({args.runs} run(s), {args.seconds} s per page, medians of the runs).",
        "",
        f"**Machine**: {os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"database {url.split(':')[0]}. Load average before / after: "
        f"{loads[0][0]:.2f} / {loads[1][0]:.2f}; CPU steal {steal}. "
        "The load generator runs on the same cores as the server.",
        "",
        f"**Method**: gunicorn (`gunicorn.conf.py`, {args.workers} workers, production "
        "settings, DEBUG off) on 127.0.0.1; for each page one request first (built, and "
        f"stored when the page cache is on), then {args.connections} clients "
        f"({GENERATORS[LOAD_GENERATOR]}) for "
        f"{args.seconds} s. Cached: `DJANGO_PAGE_CACHE_SECONDS=300`"
        " (anonymous pages from each worker's memory); uncached: `0`. The floor is the "
        "stylesheet through whitenoise from the same gunicorn, in the same server run. "
        "Ratio = page requests/s ÷ floor requests/s.",
        "",
        f"**Reference**: {WAGTAIL}.",
        "",
    ]
    for size in sizes:
        result = results[size]
        runs = result["runs"]
        lines += [
            f"## Real content + {size:,} synthetic articles",
            "",
            "| page | cached req/s | ratio | p50 / p99 ms | uncached req/s | ratio | "
            "p50 / p99 ms | queries uncached / hit | errors |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        floor = {
            mode: med(run[("static file (the floor)", mode)][0] for run in runs)
            for mode in ("cached", "uncached")
        }
        for name, _path in [*PAGES, ("static file (the floor)", "")]:
            cells = []
            errors = 0
            for mode in ("cached", "uncached"):
                measured = [run[(name, mode)] for run in runs if (name, mode) in run]
                if not measured:
                    cells += ["–", "–", "–"]
                    continue
                rate = med(m[0] for m in measured)
                p50, p99 = med(m[1] for m in measured), med(m[2] for m in measured)
                errors += sum(m[3] for m in measured)
                cells += [f"{rate:,.0f}", f"{rate / floor[mode]:.2f}×", f"{p50:.1f} / {p99:.1f}"]
            queries = result["queries"].get(name)
            counted = f"{queries[0]} / {queries[1]}" if queries else "–"
            lines.append(f"| {name} | {' | '.join(cells)} | {counted} | {errors} |")
        rss = [max(run[("rss", mode)] or [0]) for run in runs for mode in ("cached", "uncached")]
        lines += ["", f"Worker RSS after the load: up to {max(rss):.0f} MB."]
        if result["two_instances"] is not None:
            verdict = "yes" if result["two_instances"] else "**NO**"
            lines.append(
                "Two instances on one database, a title saved by a third process: "
                f"both served it on their next request: {verdict}."
            )
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 run, 2 s, 10 and 1,000 articles")
    parser.add_argument("--sizes", type=int, nargs="+", help="synthetic articles (10 10000)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--no-two-instances", dest="two_instances", action="store_false")
    parser.add_argument("--no-write", dest="write", action="store_false")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.seconds = 1, 2
        args.sizes = args.sizes or [10, 1000]
    sizes = args.sizes or [10, 10000]

    url = benchmark_url("run-bench.sqlite3")
    env = benchmark_env(url)
    started, loads, counters = datetime.now(UTC), [os.getloadavg()], cpu_counters()
    results = {size: measure_size(env, size, args) for size in sizes}
    loads.append(os.getloadavg())
    after = cpu_counters()
    steal = "n/a"
    if counters and after and len(after) > 7:
        spent = [b - a for a, b in zip(counters, after, strict=True)]
        steal = f"{spent[7] / max(1, sum(spent)):.0%}"
    text = report(args, url, sizes, results, started, loads, steal)
    print(text)
    if args.write:
        write_report(text, BEGIN, END)


if __name__ == "__main__":
    main()
