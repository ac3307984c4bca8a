"""Deduplication at scale: time and peak memory of the writer's dedup refresh (issue 8).

Usage: python bench/bench_dedup.py --source DB [--sizes 1000 5000 20000 50000]
                                   [--work DIR] [--timeout S] [--json FILE]

`--source` is a store built from real articles (e.g. `newsevents ingest` of the corpus); its
events are read once and written into a fresh store of N events for each size: the first N
events when N is at most the source's count, else the source's events replicated, copy k
(k >= 1) renamed `<id>~k` in document `<doc_id>~k`, as `bench_scale.py` replicates documents.
So every event beyond the source's count is an exact duplicate of one in another document.
No text is written anywhere but the temporary stores under `--work`.

Each size runs `StoreWriter.refresh_dedup()` in a fresh process (the writer's final step of
an ingest) and reports its wall time, the process's peak RSS (ru_maxrss) and the RSS before
the refresh (imports and the open store), the number of unique events, and a digest of the
grouping (sha1 over the sorted mention -> unique event links), so that two versions of the
code can be checked for the same result on the same sizes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _replicated(table: Any, size: int, key: str) -> Any:
    """`size` rows: `table`'s rows, then copies whose ids (and doc_ids) end in `~k`."""
    import pyarrow as pa
    import pyarrow.compute as pc

    parts, copies = [], 0
    while sum(len(p) for p in parts) < size:
        part = table
        for name in (key, "doc_id") if copies else ():
            if name in part.schema.names:
                column = pc.binary_join_element_wise(part[name], pa.scalar(f"~{copies}"), "")
                part = part.set_column(part.schema.get_field_index(name), name, column)
        parts.append(part)
        copies += 1
    whole = pa.concat_tables(parts).slice(0, size)
    shard = pa.array(["bench"] * len(whole), pa.string())
    return whole.set_column(whole.schema.get_field_index("shard"), "shard", shard)


def build_store(source: Path, size: int, db: Path) -> None:
    """A store at `db` holding `size` events taken (and replicated) from `source`."""
    import pyarrow.parquet as pq

    from newsevents.store.reader import Store
    from newsevents.store.rows import DOCUMENT_SCHEMA, EVENT_SCHEMA
    from newsevents.store.writer import StoreWriter

    with Store(source) as store:
        events = store.arrow("SELECT * FROM events ORDER BY doc_id, id").cast(EVENT_SCHEMA)
        # the documents without their text: deduplication never reads it
        documents = store.arrow("SELECT * REPLACE (NULL AS text) FROM documents ORDER BY id")
    copies = -(-size // len(events))  # the documents of every copy of the events
    events = _replicated(events, size, "id")
    documents = _replicated(documents.cast(DOCUMENT_SCHEMA), copies * len(documents), "id")
    files = {"events": "events/month=bench/bench.parquet",
             "documents": "documents/month=bench/bench.parquet"}  # fmt: skip
    for name, table in (("events", events), ("documents", documents)):
        (db / files[name]).parent.mkdir(parents=True)
        # row groups of about one ingest shard's events, as the store's own files hold
        pq.write_table(table, db / files[name], compression="zstd", row_group_size=1000)
    writer = StoreWriter(db)
    marker = {"shard": "bench", "files": {k: [v] for k, v in files.items()}}
    writer.commit_shard(marker, "bench")


def child(db: Path) -> None:
    """Refresh the dedup of the store at `db`; print the figures as JSON."""
    from newsevents.store.reader import Store
    from newsevents.store.writer import StoreWriter

    writer = StoreWriter(db)
    before = _rss_mb()
    start = time.perf_counter()
    entry = writer.refresh_dedup()
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with Store(db) as store:
        links = store.arrow("SELECT unique_id, event_id FROM mention_links ORDER BY 1, 2")
    digest = hashlib.sha1()
    pairs = zip(links["unique_id"].to_pylist(), links["event_id"].to_pylist(), strict=True)
    for unique, event in pairs:
        digest.update(f"{unique}\t{event}\n".encode())
    print(json.dumps({
        "seconds": round(seconds, 2), "peak_rss_mb": round(peak, 1),
        "rss_before_mb": round(before, 1), "unique_events": entry["unique_events"],
        "mentions": entry["mentions"], "grouping_sha1": digest.hexdigest()[:16],
    }))  # fmt: skip


def run(source: Path, sizes: list[int], work: Path, timeout: float) -> list[dict[str, Any]]:
    results = []
    for size in sizes:
        db = work / f"db{size}"
        shutil.rmtree(db, ignore_errors=True)
        build_store(source, size, db)
        command = [sys.executable, __file__, "--child", str(db)]
        try:
            proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            result: dict[str, Any] = {"events": size, "error": f"timeout after {timeout:.0f} s"}
        else:
            if proc.returncode:
                result = {"events": size, "error": proc.stderr.strip().splitlines()[-1:]}
            else:
                result = {"events": size, **json.loads(proc.stdout.strip().splitlines()[-1])}
        print(json.dumps(result), flush=True)
        results.append(result)
        shutil.rmtree(db, ignore_errors=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, help="a store built from real articles")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000, 50000])
    parser.add_argument("--work", type=Path, help="where the temporary stores go")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per size")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    if not args.source:
        parser.error("--source is required")
    work = args.work or Path(tempfile.mkdtemp(prefix="bench_dedup"))
    results = run(args.source, args.sizes, work, args.timeout)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
