"""The one writer of a store: commit finished shards, refresh deduplication, record runs.

Commits replace the manifest atomically; nothing a reader may be reading is ever modified.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from newsevents.dedup import DedupParams
from newsevents.store.known import write_known
from newsevents.store.layout import (
    MANIFEST,
    atomic_write_json,
    read_manifest,
    remove_stale_temporaries,
    shard_marker,
)
from newsevents.store.reader import Store
from newsevents.store.uniques import remove_old_dedup, write_dedup

_KNOWN_SUFFIX = ".known.parquet"


class StoreWriter:
    """Holds the manifest of the store at `root`; call it only under `writer_lock`."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.manifest = read_manifest(self.root)
        remove_stale_temporaries(self.root)  # what a killed ingest was writing
        for stale in (self.root / "runs").glob(f"*{_KNOWN_SUFFIX}"):
            stale.unlink(missing_ok=True)  # the snapshot of a killed ingest
        self._forget_damaged()

    def _forget_damaged(self) -> None:
        """Uncommit the shards a reader sets aside as damaged, so that this ingest codes their
        documents again (their completion markers go too); a damaged dedup is recomputed."""
        with Store(self.root) as store:
            # found now (shards uncommitted by an earlier run are listed too: skip those)
            found = [d for d in store.damaged if d.get("shard", "") in self.manifest["shards"]]
            found += [d for d in store.damaged if "dedup" in d]
        if not found:
            return
        for item in found:
            if "shard" in item:
                del self.manifest["shards"][item["shard"]]
                shard_marker(self.root, item["shard"]).unlink(missing_ok=True)
                # listed until coded again, so that readers keep saying what is missing
                self.manifest.setdefault("damaged", {})[item["shard"]] = item
        self.manifest["dedup"] = None  # it was computed over events that are gone now
        self._save()

    def is_committed(self, shard_id: str) -> bool:
        return shard_id in self.manifest["shards"]

    def commit_shard(self, marker: dict[str, Any], run_id: str) -> None:
        """Make a finished shard's files live (idempotent)."""
        shards = self.manifest["shards"]
        if marker["shard"] in shards:
            return
        shards[marker["shard"]] = {
            "seq": len(shards) + 1,
            "run": run_id,
            "files": marker["files"],
            "schema": marker.get("schema"),  # absent in markers of older versions
        }
        self.manifest.get("damaged", {}).pop(marker["shard"], None)
        self._save()

    def snapshot_known(self, run_id: str) -> Path | None:
        """The stored documents, for the shards of run `run_id` to look up (store/known.py);
        None when the store holds none. The caller removes the file after the run."""
        with Store(self.root) as store:
            path = self.root / "runs" / f"{run_id}{_KNOWN_SUFFIX}"
            if write_known(store, path):
                return path
        path.unlink()
        return None

    def record_run(self, run_id: str, report: dict[str, Any]) -> Path:
        """Write the run's report and list it in the manifest."""
        path = self.root / "runs" / f"{run_id}.json"
        atomic_write_json(path, report)
        if run_id not in self.manifest["runs"]:
            self.manifest["runs"].append(run_id)
            self._save()
        return path

    def refresh_dedup(self, params: DedupParams | None = None) -> dict[str, Any]:
        """Recompute the unique events over every live event, unless already current."""
        params = params or DedupParams()
        current = self.manifest.get("dedup") or {}
        wanted = dataclasses.asdict(params)
        if (
            current.get("shards") == len(self.manifest["shards"])
            and current.get("params") == wanted
        ):
            return current
        with Store(self.root) as store:
            entry = write_dedup(self.root, self.manifest["version"] + 1, store, params)
        entry["shards"] = len(self.manifest["shards"])
        previous = current.get("files", {}).get("unique_events", "")
        self.manifest["dedup"] = entry
        self._save()
        remove_old_dedup(self.root, {str(entry["version"]), Path(previous).parent.name})
        return entry

    def _save(self) -> None:
        self.manifest["version"] += 1
        atomic_write_json(self.root / MANIFEST, self.manifest)
