"""Property tests on hostile input: readers, cleaner, temporal tagger and annotate end to end.

Invariants: nothing raises (a failure is a document's error record, with a code and a
reason), nothing hangs (each example is timed against a bound far above its normal cost),
offsets stay inside the text, and every input unit comes out exactly once, coded or failed.
The example counts are small so that `make test` stays fast; `NEWSEVENTS_PROPERTY_EXAMPLES`
raises them, and the atheris targets under fuzz/ search further.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reliability_fixtures import (
    BIDI,
    QUOTES,
    ZERO_WIDTH,
    annotate_cli,
    assert_accounted,
    assert_cleaned,
    examples,
    hostile_bytes,
    hostile_html,
    hostile_records,
    hostile_text,
    json_line,
    utf8_json,
)

from newsevents.errors import DocumentFailure
from newsevents.ingest import readers
from newsevents.ingest.clean import apply_removals, clean_text
from newsevents.ingest.decode import decode_bytes
from newsevents.nlp.model import load_model
from newsevents.nlp.parse import make_doc
from newsevents.pipeline import Pipeline
from newsevents.records import Source
from newsevents.time import tag_times
from newsevents.time.grammar import grammar


def within(seconds: float, func: Callable[[], Any]) -> Any:
    """Run `func`, failing the example when it takes longer than `seconds` (a hang)."""
    started = time.perf_counter()
    result = func()
    elapsed = time.perf_counter() - started
    assert elapsed < seconds, f"took {elapsed:.1f} s, more than {seconds} s"
    return result


@examples(40)
@given(data=hostile_bytes(), fmt=st.sampled_from(readers.FORMATS))
def test_reliability_readers_account_for_every_file(
    tmp_path_factory: Any, data: bytes, fmt: str
) -> None:
    path = tmp_path_factory.mktemp("in") / "input.bin"
    path.write_bytes(data)
    sources = within(5, lambda: list(readers.read_sources([str(path)], fmt, None, 1_000_000)))
    if fmt == "jsonl" or (fmt == "auto" and readers.sniff_format(data[:4096]) == "jsonl"):
        # a binary file is read in lines ending at b"\n" only
        assert len(sources) == sum(1 for line in data.split(b"\n") if line.strip())
    else:
        assert len(sources) == 1
    for source in sources:
        assert source.error is not None or isinstance(source.raw, bytes | str)
        utf8_json({"id": source.id, "origin": source.origin})


@examples(30)
@given(records=st.lists(hostile_records(), min_size=1, max_size=6))
def test_reliability_readers_jsonl_one_unit_per_line(
    tmp_path_factory: Any, records: list[Any]
) -> None:
    path = tmp_path_factory.mktemp("in") / "batch.jsonl"
    path.write_bytes(b"".join(json_line(r) for r in records))
    sources = within(5, lambda: list(readers.read_sources([str(path)], "jsonl", None, 1_000_000)))
    assert len(sources) == len(records)
    for source in sources:
        # a unit that reaches the pipeline holds only text it can write out
        utf8_json({"id": source.id, "title": source.title, "url": source.url})
        if source.error is None:
            assert isinstance(source.raw, str)
            source.raw.encode("utf-8")
        else:
            assert source.error.code in {"bad_record", "bad_json", "too_large", "not_utf8"}


@examples(40)
@given(data=hostile_bytes())
def test_reliability_decode_gives_text_or_a_coded_failure(data: bytes) -> None:
    try:
        text = within(5, lambda: decode_bytes(data))
    except DocumentFailure as failure:
        assert failure.code in {"binary", "not_utf8", "empty"} and failure.message
    else:
        assert text.strip()


@examples(40)
@given(text=hostile_text())
def test_reliability_cleaner_removes_whole_lines_inside_the_text(text: str) -> None:
    assert_cleaned(text, within(10, lambda: clean_text(text)))


@examples(40)
@given(text=hostile_text())
def test_reliability_time_grammar_finds_spans_inside_the_text(text: str) -> None:
    found = within(10, lambda: grammar().find(text))
    ends = [0]
    for item in found:
        assert 0 <= item.start < item.end <= len(text)
        assert item.start >= ends[-1], "expressions do not overlap"
        ends.append(item.end)


@examples(10)
@given(
    text=hostile_text(max_pieces=12, huge=3_000),
    anchor=st.sampled_from([None, "2024-02-29", "1999-12-31"]),
)
def test_reliability_time_tagger_values_and_offsets(text: str, anchor: str | None) -> None:
    nlp = load_model()
    try:
        doc = nlp(make_doc(nlp, text))
    except DocumentFailure:
        return  # longer than the parser takes: reported as too_large before tagging
    for timex in within(20, lambda: tag_times(doc, anchor)):
        assert 0 <= timex.start < timex.end <= len(text)
        assert text[timex.start : timex.end] == timex.text
        assert timex.type in {"DATE", "TIME", "DURATION", "SET"} and timex.value


def _source(kind: str, body: Any, i: int) -> Source:
    if kind == "bytes":
        return Source(id=f"doc-{i}", raw=body, format="text", origin=f"doc-{i}")
    return Source(id=f"doc-{i}", raw=body, format=kind, origin=f"doc-{i}")


_DOCUMENTS = st.one_of(
    st.tuples(st.just("text"), hostile_text(max_pieces=12, huge=1_000)),
    st.tuples(st.just("html"), hostile_html()),
    st.tuples(st.just("bytes"), hostile_bytes()),
)


@pytest.mark.slow
@examples(8)
@given(documents=st.lists(_DOCUMENTS, min_size=1, max_size=4))
def test_reliability_annotate_accounts_for_every_document(
    pipeline: Pipeline, documents: list[tuple[str, Any]]
) -> None:
    sources = [_source(kind, body, i) for i, (kind, body) in enumerate(documents)]
    analyses = within(120, lambda: pipeline.run(sources))
    assert_accounted(sources, analyses)
    for source, analysis in zip(sources, analyses, strict=True):
        if analysis.error is None and source.format == "text" and isinstance(source.raw, str):
            # the cleaned text is the input with the removed spans deleted
            assert analysis.text == apply_removals(source.raw, analysis.removed)


def test_reliability_annotate_cli_hostile_batch(tmp_path: Path) -> None:
    """The CLI prints one valid UTF-8 JSON line per input line, whatever the lines hold."""
    records: list[Any] = [
        {"id": "lone-surrogate-id-\ud800", "text": "Chile accused Peru of spying."},
        {"id": "lone-surrogate-text", "text": "Chile accused \udfff Peru of spying."},
        {"id": "lone-surrogate-title", "title": "x\udc80", "text": "Chile met Peru."},
        {"id": "bidi", "text": BIDI.join(["Chile", "accused", "Peru", "on", "Monday."])},
        {"id": "zero-width", "text": ZERO_WIDTH.join("Chile accused Peru on Monday.")},
        {"id": "quotes", "text": "Chile said " + QUOTES * 40 + " Peru lied, said Lima."},
        {"id": "deep", "html": "<div>" * 20_000 + "Chile accused Peru. " * 20},
        {"id": "huge-line", "text": "Peru " * 8_000},
        {"id": "nul", "text": "Chile\x00 accused\x00 Peru."},
        "not an object",
        {"id": "good", "text": "Chile accused Peru of spying on its navy on Monday."},
    ]
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(b"".join(json_line(r) for r in records) + b"{broken\n")
    proc = annotate_cli([str(path), "--date", "2024-05-06"])
    lines = proc.stdout.decode("utf-8").splitlines()
    assert len(lines) == len(records) + 1, proc.stderr.decode()[-2000:]
    out = [json.loads(line) for line in lines]
    codes = {r["id"]: (r["error"] or {}).get("code") for r in out}
    assert codes[f"{path}:1"] == "bad_record", "an id that cannot be written is replaced"
    assert codes["lone-surrogate-text"] == codes["lone-surrogate-title"] == "bad_record"
    assert codes["good"] is None and codes["bidi"] is None and codes["zero-width"] is None
    assert all(r["error"] is None or r["error"]["message"] for r in out)
    assert proc.returncode == 1
