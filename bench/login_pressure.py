"""Readers' latency while attackers try wrong passwords: sync workers against gthread.

Empties the benchmark database (var/login-bench.sqlite3, or --database-url), loads the
real content, then for each worker setting starts gunicorn (gunicorn.conf.py, production
settings, 3 workers, the page cache on) on 127.0.0.1 and, for --seconds each, measures
two readers (one thread each, a new connection per request) on a cached page (an
article) and an uncached one (a search), in three situations:

* no attack;
* N attackers (threads) posting wrong passwords to /admin/login/ as fast as they are
  answered, each attempt from another address (X-Forwarded-For behind one trusted
  proxy) and for another account: the login throttle never trips, every attempt costs
  a password hash (PBKDF2, Django's 1,000,000 iterations);
* the same attackers from one address: the throttle (5 failures) answers 429 before
  hashing.

"before" is the previous setting, sync workers (``--worker-class sync --threads 1``);
"after" is gunicorn.conf.py as it is (gthread workers); "/admin/ apart" adds the README's
editors' instance: the attackers post to a second gunicorn (1 worker, ``nice -n 10``), as
a proxy routing /admin/ there would send them. Reports the readers' p50/p99
(medians over the runs), the attempts answered per second and their p50, and the workers'
RSS at the end, and writes them to the "Login pressure" section of docs/benchmarks.md.

    python bench/login_pressure.py                       # about 5 minutes
    python bench/login_pressure.py --runs 1 --seconds 5 --no-write

Every request has a time limit; gunicorn is stopped by its PID.
"""

import argparse
import contextlib
import http.client
import itertools
import os
import re
import statistics
import sys
import threading
import time
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server import (  # noqa: E402
    Server,
    benchmark_env,
    benchmark_url,
    prepare_database,
    write_report,
)

READER_PAGES = [
    ("cached article", "/fr/articles/cinq-experts-client-toujours-raison/"),
    ("uncached search", "/fr/search/?q=client"),
]
# The editors' instance of "/admin/ apart": one worker, at a lower CPU priority (README).
ADMIN_INSTANCE = {"workers": 1, "prefix": ["nice", "-n", "10"]}
# (label, gunicorn options of the readers' instance, editors' instance or None)
SETTINGS = [
    ("before: sync workers", ["--worker-class", "sync", "--threads", "1"], None),
    ("after: gthread workers", [], None),
    ("after, /admin/ on its own instance", [], ADMIN_INSTANCE),
]
SITUATIONS = ["no attack", "many addresses", "one address"]
WORKERS = 3  # gunicorn.conf.py's default on 2 CPUs
REQUEST_TIMEOUT = 30
BEGIN, END = "<!-- bench/login_pressure.py: begin -->", "<!-- bench/login_pressure.py: end -->"


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheader("Set-Cookie") or "", response.read()
    finally:
        connection.close()


def login_form(port):
    """The CSRF cookie and the form's token, valid for every attempt that follows."""
    _status, cookie, body = request(port, "GET", "/admin/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    return re.search(r"csrftoken=([^;]+)", cookie).group(1), token


class Attacker(threading.Thread):
    """Wrong passwords, each for an account never tried before (by any attacker of any
    situation: `serial` numbers the situations), from a new address each time or all from
    one address of the situation's own."""

    def __init__(self, port, number, stopping, one_address, serial):
        super().__init__(daemon=True)
        self.port, self.number, self.stopping = port, number, stopping
        self.one_address, self.serial = one_address, serial
        self.statuses, self.latencies = {}, []

    def address(self, attempt):
        if self.one_address:
            return f"198.51.100.{self.serial % 250 + 1}"
        third = (self.number * 60 + attempt // 250) % 250
        return f"10.{self.serial % 250}.{third}.{attempt % 250 + 1}"

    def run(self):
        cookie, token = login_form(self.port)
        for attempt in itertools.count():
            if self.stopping.is_set():
                return
            body = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "username": f"guess-{self.serial}-{self.number}-{attempt}",
                    "password": "wrong-password",
                    "next": "/admin/",
                }
            )
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie}",
                "X-Forwarded-For": self.address(attempt),
            }
            started = time.perf_counter()
            try:
                status = request(self.port, "POST", "/admin/login/", body, headers)[0]
            except OSError:
                status = "error"
            self.latencies.append((time.perf_counter() - started) * 1000)
            self.statuses[status] = self.statuses.get(status, 0) + 1


class Reader(threading.Thread):
    def __init__(self, port, path, stopping):
        super().__init__(daemon=True)
        self.port, self.path, self.stopping = port, path, stopping
        self.latencies, self.errors = [], 0

    def run(self):
        while not self.stopping.is_set():
            started = time.perf_counter()
            try:
                status = request(self.port, "GET", self.path)[0]
            except OSError:
                status = None
            if status == 200:
                self.latencies.append((time.perf_counter() - started) * 1000)
            else:
                self.errors += 1


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


SERIALS = itertools.count(1)


def measure(server, logins, situation, attackers, seconds):
    """The readers on `server` while the attackers post to `logins` (the same server, or
    the editors' own instance)."""
    stopping = threading.Event()
    readers = [Reader(server.port, path, stopping) for _name, path in READER_PAGES]
    attack = (
        []
        if situation == "no attack"
        else [
            Attacker(logins.port, n, stopping, situation == "one address", serial)
            for serial in [next(SERIALS)]
            for n in range(attackers)
        ]
    )
    for thread in attack:
        thread.start()
    time.sleep(1 if attack else 0)  # the attack under way before the readers start
    for thread in readers:
        thread.start()
    time.sleep(seconds)
    stopping.set()
    for thread in readers + attack:
        thread.join(REQUEST_TIMEOUT + 5)
    statuses = {}
    for thread in attack:
        for status, count in thread.statuses.items():
            statuses[status] = statuses.get(status, 0) + count
    result = {
        "pages": {
            name: (percentile(r.latencies, 0.5), percentile(r.latencies, 0.99), r.errors)
            for (name, _path), r in zip(READER_PAGES, readers, strict=True)
        },
        "attempts": sum(statuses.values()) / (seconds + (1 if attack else 0)),
        "login_p50": percentile([ms for t in attack for ms in t.latencies], 0.5),
        "statuses": statuses,
    }
    print(f"  {situation}: {result}", file=sys.stderr, flush=True)
    return result


def run_setting(env, options, admin, args):
    with contextlib.ExitStack() as servers:
        server = servers.enter_context(Server(env, WORKERS, cache_seconds=300, extra_args=options))
        logins = servers.enter_context(Server(env, **admin)) if admin else server
        for _name, path in READER_PAGES:  # built once (and cached)
            status, _body = server.get(path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
        results = {s: measure(server, logins, s, args.attackers, args.seconds) for s in SITUATIONS}
        results["rss"] = max(server.worker_rss_mb().values(), default=0.0)
    return results


def report(args, results, started, loads):
    med = statistics.median
    lines = [
        BEGIN,
        "# Login pressure (`bench/login_pressure.py`)",
        "",
        f"Measured {started:%Y-%m-%d %H:%M} UTC: `python bench/login_pressure.py --runs "
        f"{args.runs} --seconds {args.seconds} --attackers {args.attackers}`"
        f"{' --database-url postgres://…' if args.database_url else ''}; medians of "
        f"{args.runs} runs.",
        "",
        f"**Machine**: {os.cpu_count()} cores, shared with the clients (load average "
        f"{loads[0]:.1f} before, {loads[1]:.1f} after).",
        "",
        f"**Method**: gunicorn ({WORKERS} workers, production settings, page cache on) on "
        f"127.0.0.1; two readers (one thread each, a new connection per request) on a "
        f"cached article and an uncached search for {args.seconds} s, while "
        f"{args.attackers} attackers post wrong passwords to `/admin/login/` (a new account "
        'name each time; "many addresses": a new `X-Forwarded-For` address each time, '
        'behind one trusted proxy, so the throttle never trips; "one address": all from '
        "one). Before: `--worker-class sync --threads 1`; after: `gunicorn.conf.py` as it is "
        '(gthread, 4 threads per worker); "/admin/ apart": the same, and the attackers post '
        "to a second gunicorn (1 worker, `nice -n 10`), the editors' instance of the README. "
        "Login p50: the attackers' own attempts. RSS: the readers' workers at the end.",
        "",
        "| workers | attack | cached p50 ms | cached p99 ms | uncached p50 ms | "
        "uncached p99 ms | attempts/s | login p50 ms | answers | worker RSS MB |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for label, _options, _admin in SETTINGS:
        runs = results[label]
        for situation in SITUATIONS:
            cells = []
            for name, _path in READER_PAGES:
                cells.append(med(r[situation]["pages"][name][0] for r in runs))
                cells.append(med(r[situation]["pages"][name][1] for r in runs))
            attempts = med(r[situation]["attempts"] for r in runs)
            login = med(r[situation]["login_p50"] for r in runs)
            answers = {}
            for r in runs:
                for status, count in r[situation]["statuses"].items():
                    answers[status] = answers.get(status, 0) + count
            answered = ", ".join(f"{s}: {n}" for s, n in sorted(answers.items(), key=str)) or "–"
            rss = f"{max(r['rss'] for r in runs):.0f}"
            lines.append(
                f"| {label} | {situation} | "
                + " | ".join(f"{value:.1f}" for value in cells)
                + f" | {attempts:.1f} | {'–' if login != login else f'{login:.0f}'} | "
                f"{answered} | {rss} |"
            )
    errors = sum(
        r[s]["pages"][name][2]
        for runs in results.values()
        for r in runs
        for s in SITUATIONS
        for name, _path in READER_PAGES
    )
    lines += ["", f"Readers' failed requests (not 200): {errors}.", END]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10, help="per situation (10)")
    parser.add_argument("--attackers", type=int, default=4, help="parallel attackers (4)")
    parser.add_argument("--database-url", help="a PostgreSQL benchmark database")
    parser.add_argument("--no-write", dest="write", action="store_false")
    args = parser.parse_args()

    env = benchmark_env(benchmark_url("login-bench.sqlite3", args.database_url))
    env["DJANGO_PROXY_COUNT"] = "1"  # the attackers' X-Forwarded-For is believed
    prepare_database(env)
    started, loads = datetime.now(UTC), [os.getloadavg()[0]]
    results = {label: [] for label, _options, _admin in SETTINGS}
    for run in range(args.runs):
        for label, options, admin in SETTINGS:
            print(f"run {run + 1}, {label}", file=sys.stderr, flush=True)
            results[label].append(run_setting(env, options, admin, args))
    loads.append(os.getloadavg()[0])
    text = report(args, results, started, loads)
    print(text)
    if args.write:
        write_report(text, BEGIN, END)


if __name__ == "__main__":
    main()
