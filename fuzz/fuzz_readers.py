"""Fuzz the readers and the decoder: any bytes, as a file of any format.

Invariants: nothing raises; every file gives one unit (JSON Lines: one per non-blank line),
coded or failed with a reason; ids and failures can be written as UTF-8 JSON; decoding
gives text or a coded failure. Run: python fuzz/fuzz_readers.py -max_total_time=60 -timeout=10
"""

from __future__ import annotations

import os
import sys
import tempfile

import atheris
from _common import utf8_json

with atheris.instrument_imports(include=["newsevents"]):  # our code, not the libraries
    from newsevents.errors import DocumentFailure
    from newsevents.ingest import readers
    from newsevents.ingest.decode import decode_bytes

_FOLDER = tempfile.mkdtemp(prefix="fuzz-readers-")
_PATH = os.path.join(_FOLDER, "input")


def test_one_input(data: bytes) -> None:
    if not data:
        return
    fmt = readers.FORMATS[data[0] % len(readers.FORMATS)]
    body = data[1:]
    with open(_PATH, "wb") as handle:
        handle.write(body)
    sources = list(readers.read_sources([_PATH], fmt, None, 1_000_000))
    if fmt == "jsonl" or (fmt == "auto" and readers.sniff_format(body[:4096]) == "jsonl"):
        assert len(sources) == sum(1 for line in body.split(b"\n") if line.strip())
    else:
        assert len(sources) == 1
    for source in sources:
        utf8_json({"id": source.id, "title": source.title, "url": source.url})
        if source.error is None and isinstance(source.raw, str):
            source.raw.encode("utf-8")
    try:
        decode_bytes(body)
    except DocumentFailure as failure:
        assert failure.code in {"binary", "not_utf8", "empty"}


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
