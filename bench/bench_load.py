"""Load on the REST API while an ingest writes to the store it serves (issue 9).

Usage: python bench/bench_load.py [--documents 40] [--extra 80] [--clients 4] [--seconds 60]
                                  [--workers 1] [--no-cache] [--json FILE]

1. Writes `--documents + --extra` short reports made up here (no news text) and ingests the
   first `--documents` into a new store.
2. Starts `newsevents serve` on a free loopback port, then `newsevents ingest` of the other
   `--extra` reports into the same store: the writer commits shard after shard and the
   server moves to each new snapshot while it answers.
3. `--clients` threads, each on its own kept-alive connection, send GET /events (pages at
   random offsets, with no filter or a type, country or date filter, unique events or every
   mention) and GET /aggregate (a random kind) as fast as answers come, until the ingest
   ends or `--seconds` pass, whichever is first (the load is bounded).
4. Prints requests/s, p50/p99/max latency (from sending a request to reading its whole
   answer) per route and overall, the errors (any answer but 200, any broken connection),
   and how many snapshots the server served during the run.

Targets: zero errors, p99 under 500 ms. The exit code is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

TYPES = ("CONSULT", "ACCUSE", "AGREE", "ASSAULT", "REJECT", "REQUEST")
COUNTRIES = ("CHL", "PER", "TUR", "EGY", "RUS", "UKR")
AGGREGATES = ("dyad_month", "country_type", "type_month", "location")
PAIRS = [("Chile", "Peru", "Lima"), ("Turkey", "Egypt", "Cairo"), ("Russia", "Ukraine", "Kyiv")]
ACTS = [
    "{a} accused {b} of delaying the talks",
    "{a} and {b} signed a trade agreement",
    "the foreign ministers of {a} and {b} met",
    "{a} rejected a proposal from {b}",
    "{a} asked {b} to release the detained sailors",
]
TARGET_P99_MS = 500.0


def write_reports(path: Path, n: int) -> Path:
    """n short made-up reports as JSON Lines (three dyads, five kinds of act)."""
    lines = []
    for i in range(n):
        a, b, place = PAIRS[i % len(PAIRS)]
        act = ACTS[(i // len(PAIRS)) % len(ACTS)].format(a=a, b=b)
        text = f"{act[0].upper()}{act[1:]} in {place} on Monday, officials said in report {i}."
        record = {
            "id": f"load-{i:05d}",
            "source": ("Daily Planet", "Morning Courier", "Evening Ledger")[i % 3],
            "published": f"2024-{i % 12 + 1:02d}-{i % 27 + 1:02d}",
            "text": text,
        }
        lines.append(json.dumps(record))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def newsevents(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsevents.cli", *args]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(port: int, server: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"serve exited with {server.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("serve did not answer /health in time")


def random_request(rng: random.Random) -> tuple[str, str]:
    """(route, path with query) of one request a dashboard user could make."""
    if rng.random() < 0.3:
        params: dict[str, Any] = {"kind": rng.choice(AGGREGATES)}
        if rng.random() < 0.3:
            params["type"] = rng.choice(TYPES)
        return "/aggregate", "/aggregate?" + urllib.parse.urlencode(params)
    params = {"limit": rng.choice((10, 50, 100)), "offset": rng.choice((0, 0, 10, 50))}
    choice = rng.random()
    if choice < 0.25:
        params["type"] = rng.choice(TYPES)
    elif choice < 0.5:
        params["country"] = rng.choice(COUNTRIES)
    elif choice < 0.65:
        params["from"], params["to"] = "2024-03-01", "2024-09-30"
    if rng.random() < 0.3:
        params["mentions"] = "true"
    return "/events", "/events?" + urllib.parse.urlencode(params)


class Client(threading.Thread):
    """One user on a kept-alive connection, sending requests until told to stop."""

    def __init__(self, port: int, seed: int, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.port, self.rng, self.stop = port, random.Random(seed), stop
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter[str] = Counter()

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        while not self.stop.is_set():
            route, path = random_request(self.rng)
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                answer = connection.getresponse()
                body = answer.read()
                elapsed = (time.perf_counter() - started) * 1000
                if answer.status != 200:
                    self.errors[f"{route} HTTP {answer.status}: {body[:120]!r}"] += 1
                else:
                    json.loads(body)
                    self.latencies[route].append(elapsed)
            except (OSError, http.client.HTTPException, ValueError) as exc:
                self.errors[f"{route} {type(exc).__name__}: {exc}"] += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        connection.close()


def percentile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def summary(values: list[float], seconds: float) -> dict[str, float]:
    return {
        "requests": len(values),
        "per_second": round(len(values) / seconds, 1),
        "p50_ms": round(percentile(values, 50), 1),
        "p99_ms": round(percentile(values, 99), 1),
        "max_ms": round(max(values, default=0.0), 1),
    }


def snapshot_version(port: int) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/health")
    return int(json.loads(connection.getresponse().read())["store"]["manifest_version"])


def run(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    corpus = write_reports(folder / "all.jsonl", args.documents + args.extra)
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    first, extra = folder / "first.jsonl", folder / "extra.jsonl"
    first.write_text("".join(lines[: args.documents]), encoding="utf-8")
    extra.write_text("".join(lines[args.documents :]), encoding="utf-8")
    db = folder / "db"
    subprocess.run(
        newsevents("ingest", str(first), "--db", str(db)), check=True, stderr=subprocess.DEVNULL
    )
    port = free_port()
    flags = ["--no-cache"] if args.no_cache else []
    server = subprocess.Popen(
        newsevents("serve", "--db", str(db), "--port", str(port), *flags),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_until_up(port, server)
        before = snapshot_version(port)
        stop = threading.Event()
        clients = [Client(port, seed, stop) for seed in range(args.clients)]
        started = time.perf_counter()
        ingest = subprocess.Popen(
            newsevents(
                "ingest", str(extra), "--db", str(db), "--shard-size", str(args.shard_size),
                "--workers", str(args.workers),
            ),
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for client in clients:
            client.start()
        # the load is bounded in time; the ingest goes on to its end below
        with contextlib.suppress(subprocess.TimeoutExpired):
            ingest.wait(timeout=args.seconds)
        stop.set()
        for client in clients:
            client.join()
        elapsed = time.perf_counter() - started
        ingest_code = ingest.wait()
        ingest_seconds = time.perf_counter() - started
        after = snapshot_version(port)
    finally:
        server.terminate()
        server.wait(timeout=30)
        server_log = server.stderr.read().decode(errors="replace") if server.stderr else ""
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: Counter[str] = Counter()
    for client in clients:
        for route, values in client.latencies.items():
            latencies[route] += values
        errors.update(client.errors)
    every = [v for values in latencies.values() for v in values]
    return {
        "store": {"documents_before": args.documents, "documents_ingested_during": args.extra},
        "clients": args.clients,
        "cache": not args.no_cache,
        "load_seconds": round(elapsed, 1),
        "ingest": {"exit_code": ingest_code, "seconds": round(ingest_seconds, 1)},
        "snapshots_served": {"first": before, "last": after},
        "all": summary(every, elapsed),
        "routes": {route: summary(values, elapsed) for route, values in sorted(latencies.items())},
        "errors": sum(errors.values()),
        "error_kinds": dict(errors.most_common(10)),
        "server_log_lines": len([line for line in server_log.splitlines() if line.strip()]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=40, help="in the store before the load")
    parser.add_argument("--extra", type=int, default=80, help="ingested during the load")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60, help="the most the load lasts")
    parser.add_argument("--workers", type=int, default=1, help="workers of the ingest")
    parser.add_argument("--shard-size", type=int, default=8, help="documents per commit")
    parser.add_argument("--no-cache", action="store_true", help="serve with --no-cache")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = run(args, Path(tmp))
    results["targets"] = {
        "zero_errors": results["errors"] == 0,
        "p99_under_500_ms": results["all"]["p99_ms"] < TARGET_P99_MS,
    }
    text = json.dumps(results, indent=1)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    sys.exit(0 if all(results["targets"].values()) else 1)


if __name__ == "__main__":
    main()
