"""The event store end to end: ingest of the corpus, then query latency.

Usage: python bench/bench_store.py [--shared ../shared] [--limit N] [--workers 2]
                                   [--queries 200] [--db DIR] [--json FILE]

1. Ingest: `newsevents ingest` (a fresh process, model loading included) codes the first
   `--limit` articles of ../shared/corpus/news_articles.jsonl (all by default) into a new
   store; we report wall time, documents/s and the store's counts.
2. Queries on the store, in one warm process, the way a server would run them (a `Store`
   opened once), for both ways of reading: DuckDB views over the Parquet files (`files`)
   and the snapshot copied into DuckDB's memory (`cached`):
   - events: a page of 50 unique events at a random offset, alternating no filter, a type
     filter and a country filter; p50 / p95 / max over `--queries` calls;
   - aggregate: dyad x month and country x type over all events, p50 / p95 / max.
Targets (issue 7): events p95 < 100 ms, aggregate < 300 ms.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from newsevents.store.query import EventFilter  # noqa: E402
from newsevents.store.reader import Store  # noqa: E402


def ingest(corpus: Path, limit: int | None, db: Path, workers: int) -> dict[str, Any]:
    with (
        tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as sample,
        open(corpus, encoding="utf-8") as handle,
    ):
        for i, line in enumerate(handle):
            if limit is not None and i >= limit:
                break
            sample.write(line)
    command = [
        sys.executable,
        "-m",
        "newsevents.cli",
        "ingest",
        sample.name,
        "--db",
        str(db),
        "--workers",
        str(workers),
    ]
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    Path(sample.name).unlink()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ingest failed:\n{proc.stderr}")
    with Store(db) as store:
        documents = len(store.documents())
        counts = {
            "documents": documents,
            "mentions": store.count(deduplicated=False),
            "unique_events": store.count(),
        }
    return {
        "seconds": round(seconds, 1),
        "docs_per_s": round(documents / seconds, 2),
        "workers": workers,
        **counts,
        "summary": proc.stderr.strip().splitlines()[-2:],
    }


def timed(call: Callable[[], object], repeats: int) -> dict[str, float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 2),
        "max_ms": round(times[-1], 2),
    }


def queries(db: Path, cached: bool, repeats: int) -> dict[str, Any]:
    rng = random.Random(7)
    start = time.perf_counter()
    store = Store(db, cache=cached)
    opened_ms = round((time.perf_counter() - start) * 1000, 1)
    top = store.aggregate("country_type")
    filters = [
        EventFilter(),
        EventFilter(type=top[0]["type"]),
        EventFilter(country=top[0]["country"]),
    ]
    totals = [store.count(f) for f in filters]
    calls = iter(range(10**9))

    def page() -> object:
        k = next(calls) % len(filters)
        offset = rng.randrange(max(totals[k] - 50, 0) + 1)
        return store.events(filters[k], limit=50, offset=offset)

    result = {
        "open_ms": opened_ms,
        "events_page": timed(page, repeats),
        "aggregate_dyad_month": timed(lambda: store.aggregate("dyad_month"), 30),
        "aggregate_country_type": timed(lambda: store.aggregate("country_type"), 30),
    }
    store.close()
    return result


def corpus_arguments(description: str) -> argparse.ArgumentParser:
    """The options every store benchmark takes: the corpus, the store and the output."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--shared", default=str(REPO.parent / "shared"))
    parser.add_argument("--limit", type=int, help="first N articles only")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", help="store folder (default: a temporary one)")
    parser.add_argument("--json", help="also write the results to this file")
    return parser


def report(results: dict[str, Any], path: str | None) -> None:
    """Print the results as JSON, and write them to `path` too when given."""
    text = json.dumps(results, indent=1)
    print(text)
    if path:
        Path(path).write_text(text + "\n", encoding="utf-8")


def main() -> None:
    parser = corpus_arguments(__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    corpus = Path(args.shared) / "corpus" / "news_articles.jsonl"
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "db"
        results = {
            "corpus": str(corpus),
            "limit": args.limit,
            "ingest": ingest(corpus, args.limit, db, args.workers),
            "queries_files": queries(db, False, args.queries),
            "queries_cached": queries(db, True, args.queries),
        }
    report(results, args.json)


if __name__ == "__main__":
    main()
