"""Fill a real small filesystem during an ingest, then give it room and ingest again.

Run by test_reliability_faults.py inside `unshare --mount --map-root-user`, so that the
tmpfs it mounts is private to this process tree and vanishes with it (no root needed where
user namespaces are allowed, nothing left mounted if the test is killed).

Usage: disk_full_scenario.py CORPUS MOUNTPOINT SMALL_BYTES LARGE_BYTES RESULTS_JSON
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from store_checks import committed_shards, content, ingest_command, temporary_files

from newsevents.store.reader import Store


def ingest(corpus: Path, db: Path) -> dict[str, Any]:
    run = subprocess.run(ingest_command(corpus, db), capture_output=True, text=True, check=False)
    return {"exit_code": run.returncode, "stderr": run.stderr[-3000:]}


def main() -> None:
    corpus, mountpoint, small, large, results = sys.argv[1:]
    mnt = Path(mountpoint)
    mnt.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={small}", "tmpfs", str(mnt)], check=True)
    db = mnt / "db"
    full = ingest(Path(corpus), db)
    full["temporary_files"] = [str(p) for p in temporary_files(db)]
    full["shards"] = committed_shards(db)
    try:
        with Store(db) as store:
            full["events_answered"] = store.count(deduplicated=False)
        full["store_opens"] = True
    except Exception as exc:  # reported to the test, which fails on it
        full["store_opens"] = False
        full["error"] = f"{type(exc).__name__}: {exc}"
    subprocess.run(["mount", "-o", f"remount,size={large}", str(mnt)], check=True)
    after = ingest(Path(corpus), db)
    after["content"] = dataclasses.asdict(content(db)) if after["exit_code"] == 0 else None
    Path(results).write_text(json.dumps({"full": full, "after": after}), encoding="utf-8")


if __name__ == "__main__":
    main()
