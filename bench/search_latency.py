"""Search latency on a synthetic corpus: median and p95 over a fixed set of queries.

For each corpus size: empty the benchmark database, load the real content,
generate the synthetic corpus (which rebuilds the index), then time each query
(after one warm-up run) through the whole Django stack in-process: the GET of
/fr/search/?q=… (database queries, snippets, template) and, separately, the
database part alone (count and first page). Nothing is cached: every run
does the whole search again.

    DATABASE_URL=sqlite:///var/bench.sqlite3 python bench/search_latency.py --articles 100 10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb_bench python bench/search_latency.py ...

``--languages fr zh-hant zh-hans`` times each query's page for readers of each
language (/zh-hans/search/… shows Simplified); ``--queries`` replaces the list.
The termbase (content/terminology.yaml) is loaded with the content, so a query
holding an agreed term also runs the glossary's cross-language search.

The database is emptied: its name must contain "bench".
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

QUERIES = [
    "client",  # in most French texts
    "reponse",  # without its accent
    "plaintes",  # a plural
    "médiation",  # a rarer word
    "qualité prix",  # two words
    '"service client"',  # a phrase
    "顧",  # one Chinese character (in 顧客)
    "的",  # the most common Chinese character
    "客戶",  # two characters
    "顧客服務",  # four characters
    "client 顧客",  # mixed French and Chinese
    "NEAR",  # an FTS operator, searched as a word
    "introuvable",  # nothing: recorded as a zero-result search
]


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def cpu_times():
    """The machine's CPU time counters (Linux), or None elsewhere."""
    try:
        with open("/proc/stat") as stat:
            return [int(n) for n in stat.readline().split()[1:]]
    except OSError:
        return None


def steal_share(before, after):
    """The share of CPU time a virtual machine's host took for others meanwhile."""
    if not before or not after or len(before) < 8:
        return None
    spent = [b - a for a, b in zip(before, after, strict=True)]
    return spent[7] / max(1, sum(spent))


def create_postgres_database(url):
    """Create the benchmark database if the server lacks it."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    settings = dj_database_url.parse(url)
    server = {
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "user": settings["USER"] or None,
        "password": settings["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]]
        ).fetchone()
        if not exists:
            create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(settings["NAME"]))
            connection.execute(create)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[100, 10000])
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per query")
    parser.add_argument("--languages", nargs="+", default=["fr"], help="the readers' languages")
    parser.add_argument("--queries", nargs="+", default=QUERIES)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep a corpus of the same size already in the database (no setup time then)",
    )
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if "bench" not in url:
        sys.exit("Set DATABASE_URL to a benchmark database (its name must contain 'bench').")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    os.environ["DJANGO_DEBUG"] = "0"  # no query logging
    sys.path.insert(0, str(ROOT))
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    elif url.startswith(("postgres://", "postgresql://")):
        create_postgres_database(url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from articles.models import Article
    from search.models import SearchEntry
    from search.text import parse_query

    plain_static = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    client = Client(HTTP_HOST="127.0.0.1")
    rows = []
    with override_settings(STORAGES=plain_static):
        call_command("migrate", verbosity=0)
        for size in args.articles:
            started = time.perf_counter()
            generated = Article.objects.filter(slug__startswith="corpus-").count()
            if not (args.reuse and generated == size):
                call_command("flush", interactive=False, verbosity=0)
                call_command("import_content", verbosity=0)
                call_command("import_terms", verbosity=0)
                started = time.perf_counter()
                call_command("generate_corpus", articles=size, verbosity=0)
            setup = time.perf_counter() - started
            entries = SearchEntry.objects.count()

            def page(q, language):
                response = client.get(f"/{language}/search/", {"q": q})
                assert response.status_code == 200, (q, response.status_code)

            def database(q, _language):
                # What the page asks of the database (as its Paginator does).
                results = SearchEntry.objects.search(parse_query(q))
                if results.count():
                    list(results[:10])

            timings = {"page": [], "database": []}
            counters = cpu_times()
            per_query = {}
            for q in args.queries:
                for language in args.languages:
                    page(q, language)  # warm-up
                    database(q, language)
                    for name, run in (("page", page), ("database", database)):
                        for _ in range(args.repeat):
                            t0 = time.perf_counter()
                            run(q, language)
                            elapsed = (time.perf_counter() - t0) * 1000
                            timings[name].append(elapsed)
                            per_query.setdefault((q, language, name), []).append(elapsed)
                count = SearchEntry.objects.search(parse_query(q)).count()
                per_query[(q, "results")] = count
            steal = steal_share(counters, cpu_times())
            rows.append((size, entries, setup, timings, per_query, steal))

    vendor = connection.vendor
    print(f"\n### {vendor}\n")
    # Other work on the machine makes every figure slower: note how much.
    print("load average (1, 5, 15 min) at the end: {:.2f} {:.2f} {:.2f}\n".format(*os.getloadavg()))
    print(
        "| articles | index entries | generate + index (s) | page median (ms) | page p95 (ms) "
        "| database median (ms) | database p95 (ms) | CPU steal |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, entries, setup, timings, _, steal in rows:
        page, db = timings["page"], timings["database"]
        print(
            f"| {size} | {entries} | {setup:.0f} | {statistics.median(page):.1f} "
            f"| {percentile(page, 0.95):.1f} | {statistics.median(db):.1f} "
            f"| {percentile(db, 0.95):.1f} | {'n/a' if steal is None else f'{steal:.0%}'} |"
        )
    for size, _entries, _setup, _timings, per_query, _steal in rows:
        print(f"\n{vendor}, {size} articles, per query (ms):\n")
        print(
            "| query | reader | results | page median | page p95 | database median | database p95 |"
        )
        print("|---|---|---:|---:|---:|---:|---:|")
        for q in args.queries:
            for language in args.languages:
                page = per_query[(q, language, "page")]
                db = per_query[(q, language, "database")]
                print(
                    f"| `{q}` | {language} | {per_query[(q, 'results')]} "
                    f"| {statistics.median(page):.1f} | {percentile(page, 0.95):.1f} "
                    f"| {statistics.median(db):.1f} | {percentile(db, 0.95):.1f} |"
                )


if __name__ == "__main__":
    main()
