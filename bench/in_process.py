"""Public pages timed in-process (Django's test client, no server, no network):
what one request costs in Python and SQL, with the page cache off.

Each page is fetched twice first (figures kept per content version, stored
article HTML), then timed in ``--runs`` runs of ``--requests`` requests; the
medians of the runs are printed, as wall time and as this process's CPU time
(steadier when the machine is shared). ``--first-view`` empties the stored
article HTML before every request: the cost of an article page's first view
after a change. Reads an existing database (a generate_corpus one, say); only
``--first-view`` writes (the stored HTML, which is rebuilt on the next view).

    DATABASE_URL=sqlite:///var/bench_10k.sqlite3 python bench/in_process.py
    DATABASE_URL=... python bench/in_process.py --first-view /fr/articles/<slug>/
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "cinq-experts-client-toujours-raison"
PAGES = [
    "/fr/",
    "/fr/articles/",
    f"/fr/articles/{ARTICLE}/",
    f"/zh-hant/articles/{ARTICLE}/",
    f"/zh-hans/articles/{ARTICLE}/",
    f"/zh-hant/articles/{ARTICLE}/bilingual/",
    "/fr/experts/",
    "/fr/experts/michelle-king/",
    "/fr/feed/",
    "/sitemap-articles.xml",
]


def _setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-secret-key-not-for-production-0123")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
    os.environ["DJANGO_PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()


def time_page(client, path, runs, requests, before=None):
    """(median wall ms, median CPU ms) per request over the runs."""
    for _ in range(2):
        response = client.get(path)
        if response.status_code != 200:
            sys.exit(f"{path}: {response.status_code}")
    walls, cpus = [], []
    for _ in range(runs):
        wall = cpu = 0.0
        for _ in range(requests):
            if before:
                before()
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(path)
            wall += time.perf_counter() - started
            cpu += time.process_time() - started_cpu
        walls.append(wall / requests * 1000)
        cpus.append(cpu / requests * 1000)
    return statistics.median(walls), statistics.median(cpus)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", help=f"pages (default: {len(PAGES)} public pages)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument(
        "--first-view", action="store_true", help="empty the stored article HTML first"
    )
    args = parser.parse_args()
    _setup()
    from django.test import Client

    def forget_stored_html():
        from reading.models import RenderedArticle

        RenderedArticle.objects.all().delete()

    client = Client()
    print("| page | wall ms | CPU ms |\n|---|---:|---:|")
    for path in args.paths or PAGES:
        before = forget_stored_html if args.first_view else None
        wall, cpu = time_page(client, path, args.runs, args.requests, before)
        print(f"| `{path}` | {wall:.2f} | {cpu:.2f} |")


if __name__ == "__main__":
    main()
