"""Lighthouse scores of every public page type, written to docs/lighthouse.md.

Sets up a database with the real content (var/lighthouse-bench.sqlite3, or a
DATABASE_URL naming a database whose name contains "bench"), starts gunicorn on
127.0.0.1 with production settings, runs Lighthouse (mobile preset, its default) on
each page with Debian's Chromium, stops gunicorn, and writes a Markdown table.

    python bench/lighthouse.py                # docs/lighthouse.md
    LIGHTHOUSE=/path/to/node_modules/.bin/lighthouse python bench/lighthouse.py

Needs the lighthouse npm package (`npm install lighthouse`; found through $LIGHTHOUSE
or on PATH) and /usr/bin/chromium (or $CHROME_PATH); without them it says so and exits.
Pages are served over plain http on 127.0.0.1, so "uses HTTPS" is not scored here.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server import (  # noqa: E402
    ROOT,
    Server,
    benchmark_env,
    benchmark_url,
    prepare_database,
)

PAGES = [
    ("home", "/fr/"),
    ("home (zh-hant)", "/zh-hant/"),
    ("article list", "/fr/articles/"),
    ("article", "/fr/articles/cinq-experts-client-toujours-raison/"),
    ("article (zh-hant)", "/zh-hant/articles/cinq-experts-client-toujours-raison/"),
    ("article (zh-hans)", "/zh-hans/articles/cinq-experts-client-toujours-raison/"),
    ("home (zh-hans)", "/zh-hans/"),
    ("side by side", "/zh-hant/articles/cinq-experts-client-toujours-raison/bilingual/"),
    (
        "side by side (zh-hans)",
        "/zh-hans/articles/cinq-experts-client-toujours-raison/bilingual/",
    ),
    ("experts", "/fr/experts/"),
    ("expert", "/fr/experts/michelle-king/"),
    ("search (noindex)", "/fr/search/?q=client"),
    ("glossary", "/fr/glossary/"),
    ("glossary (zh-hans)", "/zh-hans/glossary/"),
    (
        "feedback thanks (noindex)",
        "/fr/articles/cinq-experts-client-toujours-raison/feedback/thanks/",
    ),
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def find_lighthouse():
    command = os.environ.get("LIGHTHOUSE") or shutil.which("lighthouse")
    return command if command and Path(command).exists() else None


def scores(lighthouse, chrome, url, report):
    subprocess.run(
        [
            lighthouse,
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        env={**os.environ, "CHROME_PATH": chrome},
        check=True,
        timeout=180,
    )
    result = json.loads(Path(report).read_text())
    return {name: round(100 * result["categories"][name]["score"]) for name in CATEGORIES}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(ROOT / "docs" / "lighthouse.md"))
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--only", nargs="+", help="page names to run (default: all)")
    args = parser.parse_args()
    lighthouse = find_lighthouse()
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not lighthouse:
        sys.exit("Lighthouse is not installed: npm install lighthouse, then set LIGHTHOUSE.")
    if not Path(chrome).exists():
        sys.exit(f"Chromium is not installed at {chrome} (Debian: apt-get install chromium).")

    env = benchmark_env(benchmark_url("lighthouse-bench.sqlite3"))
    prepare_database(env)
    server = Server(env, args.workers)
    base = server.base
    rows = []
    reports = ROOT / "var" / "lighthouse"  # the full JSON reports, to see what cost points
    reports.mkdir(exist_ok=True)
    load_before = os.getloadavg()[0]
    try:
        for index, (name, path) in enumerate(PAGES):
            if args.only and name not in args.only:
                continue
            found = scores(lighthouse, chrome, base + path, reports / f"{index:02}.json")
            rows.append((name, path, found))
            print(name, found, flush=True)
    finally:
        server.stop()
    version = subprocess.run(
        [lighthouse, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    lines = [
        "# Lighthouse scores",
        "",
        f"Written by `python bench/lighthouse.py`: Lighthouse {version}, mobile preset, "
        "Debian's Chromium headless, gunicorn on 127.0.0.1 (plain http), the real content.",
        "The search and feedback-thanks pages are `noindex` on purpose, which costs them "
        "SEO points.",
        f"Load average during the run: {load_before:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end, on {os.cpu_count()} cores: performance "
        "(total blocking time above all) drops when other work shares the machine.",
        "",
        "| page | performance | accessibility | best practices | SEO |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {name} `{path}` | " + " | ".join(str(found[c]) for c in CATEGORIES) + " |"
        for name, path, found in rows
    ]
    Path(args.output).write_text("\n".join(lines) + "\n")
    print(f"written to {args.output}")


if __name__ == "__main__":
    main()
