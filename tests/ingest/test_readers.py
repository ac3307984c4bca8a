from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents.ingest.readers import read_sources, sniff_format


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'{"id": "a", "text": "x"}\n{"id"', "jsonl"),
        (b"\xef\xbb\xbf<!DOCTYPE html><html>", "html"),
        (b"  <div><p>Hello</p></div>", "html"),
        (b"<3 is not markup, and neither is this line.", "text"),
        (b"{curly text that is not JSON}", "text"),
        (b"Plain words.", "text"),
    ],
)
def test_readers_sniff_format(head: bytes, expected: str) -> None:
    assert sniff_format(head) == expected


def test_readers_stream_jsonl_lazily(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(1000):
            handle.write(json.dumps({"id": f"d{i}", "text": "x"}) + "\n")
    sources = read_sources([str(path)])
    first = next(sources)
    assert first.id == "d0" and first.format == "text" and first.raw == "x"
    assert sum(1 for _ in sources) == 999


def test_readers_date_flag_overrides_record_dates(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "x", "published": "2020-01-01"}) + "\n", "utf-8")
    (source,) = read_sources([str(path)], date="2021-02-03")
    assert source.published == "2021-02-03"


def test_readers_forced_format_is_used(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("<html><body><p>Hi</p></body></html>", encoding="utf-8")
    assert next(read_sources([str(path)])).format == "text"  # extension wins in auto
    assert next(read_sources([str(path)], fmt="html")).format == "html"
    with pytest.raises(ValueError):
        next(read_sources([str(path)], fmt="pdf"))


def test_readers_skip_hidden_files_in_directories(tmp_path: Path) -> None:
    (tmp_path / ".DS_Store").write_bytes(b"\x00")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert [Path(s.id).name for s in read_sources([str(tmp_path)])] == ["a.txt"]
