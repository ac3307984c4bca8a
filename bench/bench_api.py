"""The REST API end to end: ingest of the corpus, then request latency over HTTP.

Usage: python bench/bench_api.py [--shared ../shared] [--limit N] [--workers 2]
                                 [--requests 200] [--db DIR] [--json FILE]

1. Ingest: `newsevents ingest` of the first `--limit` articles of
   ../shared/corpus/news_articles.jsonl (all by default) into a new store, as
   bench/bench_store.py does. With `--db DIR` holding a store already, the ingest is skipped.
2. `newsevents serve` in its own process on a loopback port; one client on a kept-alive
   connection times each request from sending it to reading the whole answer:
   - /events: pages of 50 at random offsets, alternating no filter, a type filter and a
     country filter; p50 / p95 / max over `--requests` calls (and the first call apart);
   - /aggregate over all events (dyad_month, country_type, type_month, location) and
     /actors, 30 calls each.
Targets (issue 7): /events p95 < 100 ms, /aggregate over all events < 300 ms.
"""

from __future__ import annotations

import http.client
import json
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from bench_store import corpus_arguments, ingest, report, timed  # noqa: E402

AGGREGATES = ("dyad_month", "country_type", "type_month", "location")


@contextmanager
def server(db: Path) -> Iterator[tuple[http.client.HTTPConnection, float]]:
    """`newsevents serve` on a free port; a kept-alive connection and the startup seconds."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "newsevents.cli", "serve", "--db", str(db)]
    start = time.perf_counter()
    process = subprocess.Popen([*command, "--port", str(port)], stderr=subprocess.PIPE)
    try:
        while True:
            if process.poll() is not None:
                stderr = process.stderr.read().decode() if process.stderr else ""
                raise SystemExit(f"serve exited: {stderr}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request("GET", "/health")
                connection.getresponse().read()
                break
            except OSError:
                time.sleep(0.1)
        yield connection, time.perf_counter() - start
    finally:
        process.terminate()
        process.wait(timeout=30)


def getter(connection: http.client.HTTPConnection) -> Callable[[str, dict[str, Any]], Any]:
    def get(path: str, params: dict[str, Any]) -> Any:
        connection.request("GET", f"{path}?{urllib.parse.urlencode(params)}")
        answer = connection.getresponse()
        body = answer.read()
        if answer.status != 200:
            raise SystemExit(f"{path} {params}: HTTP {answer.status}: {body[:300]!r}")
        return json.loads(body)

    return get


def requests(db: Path, repeats: int) -> dict[str, Any]:
    with server(db) as (connection, startup):
        get = getter(connection)
        first = time.perf_counter()
        get("/events", {"limit": 50})
        first_ms = (time.perf_counter() - first) * 1000
        top = get("/aggregate", {"kind": "country_type"})["rows"]
        filters: list[dict[str, Any]] = [{}]
        if top:
            filters += [{"type": top[0]["type"]}, {"country": top[0]["country"]}]
        totals = [get("/events", {**f, "limit": 1})["total"] for f in filters]
        rng = random.Random(7)
        calls = iter(range(10**9))

        def page() -> object:
            k = next(calls) % len(filters)
            offset = rng.randrange(max(totals[k] - 50, 0) + 1)
            return get("/events", {**filters[k], "limit": 50, "offset": offset})

        result: dict[str, Any] = {
            "server_startup_s": round(startup, 2),
            "first_events_ms": round(first_ms, 1),
            "events_total": totals[0],
            "events_page": timed(page, repeats),
        }
        for kind in AGGREGATES:
            rows = len(get("/aggregate", {"kind": kind})["rows"])
            result[f"aggregate_{kind}"] = {
                "rows": rows,
                **timed(lambda kind=kind: get("/aggregate", {"kind": kind}), 30),
            }
        result["actors_50"] = timed(lambda: get("/actors", {"limit": 50}), 30)
        connection.close()
    return result


def main() -> None:
    parser = corpus_arguments(__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    corpus = Path(args.shared) / "corpus" / "news_articles.jsonl"
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "db"
        results: dict[str, Any] = {"corpus": str(corpus), "limit": args.limit}
        if (db / "manifest.json").exists():
            results["ingest"] = "skipped: the store exists"
        else:
            results["ingest"] = ingest(corpus, args.limit, db, args.workers)
        results["api"] = requests(db, args.requests)
    report(results, args.json)


if __name__ == "__main__":
    main()
