"""Shards: the unit of work of an ingest, cut from the inputs and read back.

A shard is a slice of the input (a line range of a JSON Lines file, or a group of files)
with an id derived from what it holds, so the same input always gives the same shards and
a finished shard is known on the next run. `run_shard` (exec/shard.py) codes one.
This module stays light (no store, no model): the CLI and every worker import it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import BinaryIO, cast

from newsevents.config import Config
from newsevents.ingest import readers
from newsevents.records import Source

DEFAULT_SHARD_DOCUMENTS = 64
# Tapered shards never get smaller than this: a shard costs a commit and a few files.
TAPER_MIN_DOCUMENTS = 8
_JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True)
class InputSlice:
    """A whole file, or the bytes [start, end) of a JSON Lines file starting at `first_line`."""

    path: str
    format: str
    start: int = 0
    end: int | None = None
    first_line: int = 1


@dataclass(frozen=True, slots=True)
class ShardSpec:
    id: str
    slices: tuple[InputSlice, ...]
    documents: int  # how many units it holds (for progress and the ETA)


@dataclass(frozen=True, slots=True)
class ShardTask:
    """Everything a worker needs to run one shard (small and picklable)."""

    spec: ShardSpec
    store: str
    config: Config
    date: str | None = None
    # the ingest's snapshot of the stored documents (store/known.py); None: ask the store
    known: str | None = None


def _is_jsonl(path: str, fmt: str) -> bool:
    if fmt != "auto":
        return fmt == "jsonl"
    if path.lower().endswith(_JSONL_SUFFIXES):
        return True
    try:
        with open(path, "rb") as handle:
            return readers.sniff_format(handle.read(4096)) == "jsonl"
    except OSError:
        return False  # the reader reports it as unreadable


def _shard_id(header: str, parts: Sequence[tuple[InputSlice, str]]) -> str:
    digest = hashlib.sha256(header.encode())
    for piece, content in parts:
        # a file name with bytes that are not UTF-8 holds surrogates: hash them, do not fail
        key = f"\n{piece.path}:{piece.first_line}:{content}"
        digest.update(key.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:20]


def shard_sizes(total: int, size: int, taper: bool = False) -> Iterator[int]:
    """Sizes of the shards of `total` documents: `size` each, the last one what is left.

    With `taper` (several workers), a shard is at most a quarter of the documents left,
    down to TAPER_MIN_DOCUMENTS: the last shards shrink, so that no worker is still busy
    with a full shard while the others have nothing left to do (guided self-scheduling).

    >>> list(shard_sizes(150, 64))
    [64, 64, 22]
    >>> list(shard_sizes(150, 64, taper=True))
    [38, 28, 21, 16, 12, 9, 8, 8, 5, 5]
    """
    left = total
    while left > 0:
        if taper and left <= 2 * TAPER_MIN_DOCUMENTS:
            # the last two: halves, not a small one after a big one
            yield from (n for n in (-(-left // 2), left // 2) if n)
            return
        step = min(size, max(TAPER_MIN_DOCUMENTS, -(-left // 4))) if taper else size
        yield min(step, left)
        left -= min(step, left)


def plan_shards(
    paths: Sequence[str],
    fmt: str,
    size: int,
    date: str | None,
    max_bytes: int,
    taper: bool = False,
) -> list[ShardSpec]:
    """Cut the inputs into shards of at most `size` documents, in input order; with `taper`
    the last shards of each JSON Lines file, and of the other files, are smaller."""
    header = f"{fmt}|{date}|{max_bytes}"
    shards: list[ShardSpec] = []
    files: list[tuple[InputSlice, str]] = []
    inputs = [(path, _is_jsonl(path, fmt)) for path in readers.expand_inputs(paths)]
    file_sizes = shard_sizes(sum(not jsonl for _, jsonl in inputs), size, taper)
    group = next(file_sizes, size)

    def flush_files() -> None:
        if files:
            shards.append(
                ShardSpec(_shard_id(header, files), tuple(p for p, _ in files), len(files))
            )
            files.clear()

    for path, jsonl in inputs:
        if jsonl:
            flush_files()
            # tapering needs the file's length first: one more read of it
            sizes = shard_sizes(_count_lines(path), size, taper) if taper else repeat(size)
            for piece, content, count in _line_ranges(path, sizes):
                shards.append(ShardSpec(_shard_id(header, [(piece, content)]), (piece,), count))
        else:
            files.append((InputSlice(path, fmt), _file_digest(path)))
            if len(files) == group:
                flush_files()
                group = next(file_sizes, size)
    flush_files()
    return shards


def _count_lines(path: str) -> int:
    """Non-blank lines of a file (what `_line_ranges` counts as documents)."""
    try:
        with open(path, "rb") as handle:
            return sum(bool(line.strip()) for line in handle)
    except OSError:
        return 0


def _file_digest(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return "unreadable"


def _line_ranges(path: str, sizes: Iterator[int]) -> Iterator[tuple[InputSlice, str, int]]:
    """Byte ranges of `sizes` non-blank lines each in turn (the rest: one range), with the
    digest of their bytes."""
    with open(path, "rb") as handle:
        start = offset = 0
        first = lineno = 1
        count = 0
        size = next(sizes, -1)  # -1: no more cuts, the rest is one range
        digest = hashlib.sha256()
        for line in handle:
            offset += len(line)
            digest.update(line)
            count += bool(line.strip())
            lineno += 1
            if count == size:
                yield InputSlice(path, "jsonl", start, offset, first), digest.hexdigest(), count
                start, first, count, digest = offset, lineno, 0, hashlib.sha256()
                size = next(sizes, -1)
        if count:
            yield InputSlice(path, "jsonl", start, offset, first), digest.hexdigest(), count


def read_shard(task: ShardTask) -> Iterator[tuple[Source, str | None]]:
    """The documents of a shard, each with its publisher when the input names one."""
    max_bytes = task.config.max_document_bytes
    for piece in task.spec.slices:
        if piece.end is None:
            for source in readers.read_sources([piece.path], piece.format, task.date, max_bytes):
                yield source, None
            continue
        yield from _read_line_range(piece, task.date, max_bytes)


def _read_line_range(
    piece: InputSlice, date: str | None, max_bytes: int
) -> Iterator[tuple[Source, str | None]]:
    with open(piece.path, "rb") as handle:
        handle.seek(piece.start)
        lines = handle.read((piece.end or 0) - piece.start).splitlines(keepends=True)
    publishers: dict[int, str | None] = {}

    def numbered() -> Iterator[bytes]:
        # blank lines up to the slice keep the reader's line numbers (and so the ids of
        # records without one) the same as when it reads the whole file
        yield from repeat(b"\n", piece.first_line - 1)
        for lineno, line in enumerate(lines, start=piece.first_line):
            publishers[lineno] = _publisher_field(line)
            yield line

    for source in readers._read_jsonl(cast(BinaryIO, numbered()), piece.path, max_bytes):
        if date is not None:
            source.published = date
        yield source, publishers.get(int(source.origin.rsplit(":", 1)[1]))


def _publisher_field(line: bytes) -> str | None:
    """The record's "source" field (the publisher), which the reader does not keep."""
    try:
        value = json.loads(line).get("source")
    except (ValueError, AttributeError):
        return None
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        value.encode("utf-8")  # a lone surrogate: the reader fails the record (bad_record)
    except UnicodeEncodeError:
        return None
    return value


def content_hash(source: Source) -> str:
    """What makes a document the same document: its content and the metadata given with it."""
    digest = hashlib.sha256()
    for part in (source.format, source.published, source.title, source.url):
        digest.update(f"{part}\x1f".encode())
    digest.update(source.raw if isinstance(source.raw, bytes) else source.raw.encode())
    return digest.hexdigest()
