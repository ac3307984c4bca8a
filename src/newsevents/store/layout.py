"""Where a store keeps its files, and the manifest that says which of them are live.

A store is a folder:

    manifest.json                       the live snapshot (replaced atomically, never edited)
    writer.lock                         held (flock) by the one writer of the store
    documents/month=YYYY-MM/<shard>.parquet   one row per stored document version
    events/month=YYYY-MM/<shard>.parquet      one row per coded event (a mention)
    shards/<shard>.json                 completion marker of a shard: its stats and files
    dedup/<n>/unique_events.parquet, mentions.parquet   derived: the clustered events
    runs/<run>.json                     one report per ingest run

Files are written once under a temporary name and renamed into place, so a reader sees a
whole file or none; the manifest lists the files of every committed shard and is replaced
by rename, so a reader that loaded it keeps a consistent snapshot while the writer goes on.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

FORMAT = "newsevents-store"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
UNKNOWN_MONTH = "unknown"
_TEMPORARY = ".tmp"  # the suffix of a file being written, renamed into place when whole
_TEMPORARY_NAME = re.compile(r"\..+\.\d+\.tmp")
_FOLDERS = ("documents", "events", "shards", "runs", "dedup")


class StoreError(Exception):
    """The store folder is missing, malformed, or held by another writer."""


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the whole new one."""
    tmp = temporary_path(path)
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        discard(tmp)
        raise


def atomic_write_json(path: Path, data: Any) -> None:
    atomic_write_bytes(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode())


def temporary_path(path: Path) -> Path:
    """A private name beside `path` to write to before renaming (unique per process)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.with_name(f".{path.name}.{os.getpid()}{_TEMPORARY}")


def discard(tmp: Path) -> None:
    """Remove a temporary file whose write failed (on a full disk it holds the space)."""
    with suppress(OSError):
        tmp.unlink(missing_ok=True)


def remove_stale_temporaries(root: Path) -> int:
    """Delete the temporary files a killed writer left behind; call only under `writer_lock`,
    before any worker starts. Returns how many there were."""
    # only the store's own folders, and only names `temporary_path` makes: --db may be a
    # folder that holds other things
    found = [*root.glob(".*.tmp"), *(p for d in _FOLDERS for p in (root / d).rglob(".*.tmp"))]
    stale = [p for p in found if _TEMPORARY_NAME.fullmatch(p.name) and p.is_file()]
    for path in stale:
        discard(path)
    return len(stale)


def empty_manifest() -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "version": 0,
        "shards": {},
        "dedup": None,
        "runs": [],
    }


def read_manifest(root: Path) -> dict[str, Any]:
    """The live manifest of the store at `root`; an empty one for a new store."""
    path = root / MANIFEST
    if not path.exists():
        if root.exists() and not root.is_dir():
            raise StoreError(f"{root} is not a folder")
        return empty_manifest()
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path}: unreadable manifest: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise StoreError(f"{path} is not a newsevents store manifest")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise StoreError(
            f"{path}: store format {manifest.get('format_version')}, this newsevents reads "
            f"{FORMAT_VERSION}"
        )
    return manifest


def require_store(root: Path) -> None:
    """A clear error for a query on a folder that holds no store."""
    if not (root / MANIFEST).is_file():
        raise StoreError(f"{root}: no newsevents store here (run `newsevents ingest ... --db`)")


def month_of(date: str | None) -> str:
    """Partition of a date: its YYYY-MM, or 'unknown' for a missing or year-only date. An ISO
    week ("2016-W35") belongs to the month of its Thursday, as ISO 8601 assigns weeks.

    >>> month_of("2024-03-14"), month_of("2016-W35"), month_of("2016"), month_of(None)
    ('2024-03', '2016-09', 'unknown', 'unknown')
    """
    if date and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", date):
        return date[:7]
    week = re.fullmatch(r"(\d{4})-W(\d{2})", date or "")
    if week:
        try:
            thursday = dt.date.fromisocalendar(int(week[1]), int(week[2]), 4)
        except ValueError:
            return UNKNOWN_MONTH
        return f"{thursday:%Y-%m}"
    return UNKNOWN_MONTH


def shard_marker(root: Path, shard_id: str) -> Path:
    return root / "shards" / f"{shard_id}.json"


def partition_file(root: Path, table: str, month: str, shard_id: str) -> Path:
    return root / table / f"month={month}" / f"{shard_id}.parquet"


@contextmanager
def writer_lock(root: Path) -> Iterator[None]:
    """Hold the store's writer lock; a second writer fails at once instead of waiting.

    The lock is an flock, so the kernel releases it when the holder dies (even by SIGKILL),
    and an interrupted ingest never leaves a stale lock behind.
    """
    root.mkdir(parents=True, exist_ok=True)
    handle = open(root / "writer.lock", "a+b")  # noqa: SIM115 - closed in finally
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(f"{root}: another process is writing to this store") from None
        yield
    finally:
        handle.close()
