"""Damaged files: find the Parquet files of a snapshot that cannot be read, and set them aside.

A file can be damaged after the fact (a disk error, a copy cut short, someone's editor); the
writer never leaves one behind, as it renames whole files into place. The store's answer is
to keep serving: a shard with a damaged file is set aside whole (its documents and events
together, so that no document is half present), a damaged deduplication table makes the
unique events empty until the next ingest recomputes them, and each is reported with its
file and the reader's error. `newsevents ingest` of the same input codes a set-aside shard
again (see `StoreWriter`).
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

log = logging.getLogger("newsevents.store")

REPAIR_HINT = "run `newsevents ingest` on the same input to code its documents again"


def find_damaged(root: Path, manifest: dict[str, Any]) -> list[dict[str, str]]:
    """Every file the manifest lists that cannot be read whole: `{"shard"|"dedup", "file",
    "error"}`. Reads every file, so it is called only after a read has failed."""
    listed: list[tuple[str, str, str]] = [
        ("shard", shard_id, f)
        for shard_id, entry in manifest["shards"].items()
        for files in entry["files"].values()
        for f in files
    ]
    dedup = manifest.get("dedup") or {}
    listed += [("dedup", str(dedup.get("version")), f) for f in dedup.get("files", {}).values()]
    damaged = []
    for kind, owner, name in listed:
        try:
            pq.ParquetFile(root / name).read()
        except Exception as exc:  # pyarrow and the OS raise many types for a bad file
            damaged.append({kind: owner, "file": name, "error": f"{type(exc).__name__}: {exc}"})
    return damaged


def without_damaged(manifest: dict[str, Any], damaged: list[dict[str, str]]) -> dict[str, Any]:
    """A copy of `manifest` without the shards (and dedup tables) that hold damaged files."""
    kept = copy.deepcopy(manifest)
    for item in damaged:
        if "shard" in item:
            kept["shards"].pop(item["shard"], None)
        else:
            kept["dedup"] = None
    return kept


def warn_damaged(root: Path, damaged: list[dict[str, str]]) -> None:
    """Say on the log (stderr for the CLI) what was set aside and how to repair it."""
    for item in damaged:
        what = f"shard {item['shard']}" if "shard" in item else "the deduplicated events"
        log.warning(
            "%s: %s is damaged and set aside (%s): %s; %s",
            root,
            item["file"],
            what,
            item["error"],
            REPAIR_HINT,
        )
