"""Readers: files, directories, globs and stdin -> a stream of `Source` units.

Readers only split input into documents; decoding happens in the pipeline, so that a bad
document fails there with its reason. A unit the reader itself cannot read (missing file,
malformed JSON line) is still yielded, with `error` set: nothing is dropped silently.
Everything streams: a JSON Lines file of any size is read one line at a time.
"""

from __future__ import annotations

import glob
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from newsevents.errors import too_large_message
from newsevents.records import DocumentError, Source

FORMATS = ("auto", "text", "html", "jsonl")
_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_HTML_MARKERS = (
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<article",
    b"<div",
    b"<p>",
    b"<p ",
)
_SNIFF_BYTES = 4096


def sniff_format(head: bytes) -> str:
    """Guess text, html or jsonl from the first bytes of an input."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith(b"{"):
        first_line = stripped.split(b"\n", 1)[0]
        try:
            if isinstance(json.loads(first_line), dict):
                return "jsonl"
        except ValueError:
            pass
    if stripped.startswith(b"<") and any(marker in stripped for marker in _HTML_MARKERS):
        return "html"
    return "text"


def expand_inputs(inputs: Iterable[str]) -> Iterator[str]:
    """Paths of the inputs: files as given, directories walked in sorted order, globs expanded.

    '-' stands for stdin. A name that matches nothing is passed on so it fails visibly.
    """
    for item in inputs:
        if item == "-" or os.path.isfile(item):
            yield item
        elif os.path.isdir(item):
            for root, dirs, files in os.walk(item):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                yield from (os.path.join(root, f) for f in sorted(files) if not f.startswith("."))
        elif glob.has_magic(item):
            yield from sorted(p for p in glob.glob(item, recursive=True) if os.path.isfile(p))
        else:
            yield item


def read_sources(
    inputs: Iterable[str], fmt: str = "auto", date: str | None = None, max_bytes: int | None = None
) -> Iterator[Source]:
    """Every document of `inputs`. `date` (the --date flag) wins over dates in the data."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    for path in expand_inputs(inputs):
        for source in _read_path(path, fmt, max_bytes):
            if date is not None:
                source.published = date
            yield source


def _read_path(path: str, fmt: str, max_bytes: int | None) -> Iterator[Source]:
    if path == "-":
        yield from _read_stream(sys.stdin.buffer, "stdin", fmt, max_bytes)
        return
    try:
        size = os.path.getsize(path)
        handle = open(path, "rb")  # noqa: SIM115 - closed by the `with` below
    except OSError as exc:
        name = display_name(path)
        yield _failed(name, "unreadable", f"cannot read {name}: {exc.strerror or exc}")
        return
    with handle:
        declared = _EXTENSIONS.get(Path(path).suffix.lower()) if fmt == "auto" else fmt
        yield from _read_stream(handle, path, declared or "auto", max_bytes, size)


def _read_stream(
    handle: BinaryIO, name: str, fmt: str, max_bytes: int | None, size: int | None = None
) -> Iterator[Source]:
    name = display_name(name)
    if fmt == "auto":
        fmt = sniff_format(handle.peek(_SNIFF_BYTES)[:_SNIFF_BYTES])  # type: ignore[attr-defined]
    if fmt == "jsonl":
        yield from _read_jsonl(handle, name, max_bytes)
        return
    if max_bytes is not None and size is not None and size > max_bytes:
        # do not load a huge file only to reject it
        yield _failed(name, "too_large", too_large_message("file", size, max_bytes))
        return
    # a stream has no size to look at: read one byte past the limit to know it is over
    raw = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    if max_bytes is not None and len(raw) > max_bytes:
        message = f"{name} is more than {max_bytes:,} bytes, the limit (max_document_bytes)"
        yield _failed(name, "too_large", message)
        return
    yield Source(id=name, raw=raw, format=fmt, origin=name)


def _read_jsonl(handle: BinaryIO, name: str, max_bytes: int | None) -> Iterator[Source]:
    name = display_name(name)
    for lineno, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        if max_bytes is not None and len(line) > max_bytes:
            yield _failed(where, "too_large", too_large_message("JSON line", len(line), max_bytes))
            continue
        try:
            record = json.loads(line)
        except UnicodeDecodeError:
            yield _failed(where, "not_utf8", "JSON line is not valid UTF-8")
            continue
        except ValueError as exc:
            yield _failed(where, "bad_json", f"malformed JSON line: {exc}")
            continue
        yield source_from_record(record, where)


def source_from_record(record: Any, where: str) -> Source:
    """A JSON Lines record `{"id", "text"|"html", "published"?, "url"?, "title"?}` as a Source."""
    if not isinstance(record, dict):
        return _failed(where, "bad_record", "a JSON Lines record must be an object")
    doc_id = str(record.get("id") or where)
    if problem := _unpaired_surrogate(doc_id):  # such an id cannot be written out: use where
        return _failed(where, "bad_record", f'field "id" {problem}')
    text, html = record.get("text"), record.get("html")
    body = text if text is not None else html
    if not isinstance(body, str):
        return _failed(doc_id, "bad_record", 'record needs a string "text" or "html" field', where)
    meta = {k: record.get(k) for k in ("published", "url", "title")}
    for key, value in meta.items():
        if value is not None and not isinstance(value, str):
            return _failed(doc_id, "bad_record", f'field "{key}" must be a string', where)
    checked = {"text" if text is not None else "html": body, **meta, "source": record.get("source")}
    for key, value in checked.items():
        if isinstance(value, str) and (problem := _unpaired_surrogate(value)):
            return _failed(doc_id, "bad_record", f'field "{key}" {problem}', where)
    return Source(
        id=doc_id, raw=body, format="text" if text is not None else "html", origin=where, **meta
    )


def _failed(doc_id: str, code: str, message: str, origin: str | None = None) -> Source:
    return Source(
        id=doc_id,
        raw=b"",
        format="text",
        origin=origin or doc_id,
        error=DocumentError(code, message),
    )


def display_name(path: str) -> str:
    """A file name as text that can be written anywhere: bytes that are not UTF-8 (kept by
    the OS as surrogate escapes) become \\xNN, so they cannot break JSON or Parquet output.

    >>> display_name("news/caf\\udce9.txt")
    'news/caf\\\\xe9.txt'
    """
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no OS decoding makes: keep its code
        raw = path.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "backslashreplace")


def _unpaired_surrogate(value: str) -> str | None:
    """Why `value` is not valid Unicode (JSON allows a lone "\\ud800" escape), or None."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return (
            f"holds an unpaired surrogate \\u{ord(value[exc.start]):04x} at character "
            f"{exc.start}: it is not valid Unicode text"
        )
    return None

