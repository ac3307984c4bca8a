"""Hostile input that used to cost more than its own document: a lone surrogate in a JSON
field, a file name that is not UTF-8, a run of digits. Each is now one document's error
record (or a normal result), and the documents next to it are stored.

The API's own security tests (token, bound filters, injection through every filter, page
and body limits, paths, XSS in Chromium, loopback) live in tests/api/; this file adds the
write route's answer to text that is not valid Unicode.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from reliability_fixtures import json_line, write_corpus

from api.api_fixtures import TOKEN, serving
from newsevents.cli import main
from newsevents.ingest.readers import read_sources
from newsevents.store.reader import Store
from newsevents.time.grammar import grammar

GOOD = "Chile accused Peru of spying on its navy on Monday, and Peru rejected the charge."


def test_reliability_lone_surrogates_fail_their_record_only(tmp_path: Path) -> None:
    records = [
        {"id": "id-\ud800", "text": GOOD},
        {"id": "text", "text": "Chile \udfff accused Peru."},
        {"id": "title", "title": "\udc80", "text": GOOD},
        {"id": "publisher", "source": "Daily \ud83d", "text": GOOD},
        {"id": "good", "text": GOOD, "source": "Daily Planet"},
    ]
    corpus = tmp_path / "surrogates.jsonl"
    corpus.write_bytes(b"".join(json_line(r) for r in records))
    db = tmp_path / "db"
    assert main(["ingest", str(corpus), "--db", str(db)]) == 1  # some documents failed
    with Store(db) as store:
        rows = {r["id"]: r for r in store.documents()}
    assert len(rows) == len(records), "every record is in the store, coded or failed"
    assert rows["good"]["error_code"] is None and rows["good"]["event_count"] > 0
    failed = [r for r in rows.values() if r["error_code"]]
    assert len(failed) == 4 and {r["error_code"] for r in failed} == {"bad_record"}
    assert all("surrogate" in r["error_message"] for r in failed)


def test_reliability_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text(GOOD, encoding="utf-8")
    (folder / "plain.txt").write_text(GOOD, encoding="utf-8")
    ids = sorted(s.id for s in read_sources([str(folder)]))
    assert ids == [f"{folder}/caf\\xe9.txt", f"{folder}/plain.txt"], "bytes shown as \\xNN"
    db = tmp_path / "db"
    assert main(["ingest", str(folder), "--db", str(db)]) == 0
    with Store(db) as store:
        assert {r["id"] for r in store.documents()} == set(ids)


def test_reliability_long_runs_of_digits_stay_linear() -> None:
    """A run of digits made the time grammar scan its whole run again for every digit
    (100,000 digits took minutes); a run ten times longer must not take ten times ten."""
    tagger = grammar()
    timings = []
    for n in (20_000, 200_000):
        started = time.perf_counter()
        tagger.find("1" * n)
        timings.append(time.perf_counter() - started)
    assert timings[1] < 2 + 20 * timings[0], timings


def test_reliability_api_write_refuses_text_that_is_not_unicode(tmp_path: Path) -> None:
    db = tmp_path / "db"
    assert main(["ingest", str(write_corpus(tmp_path / "c.jsonl", 2)), "--db", str(db)]) == 0
    body = {"documents": [{"id": "lone", "text": "Chile \ud800 accused Peru."}]}
    raw = json.dumps(body).encode()  # "\ud800" as a JSON escape, as a hostile client sends it
    with serving(db) as server:
        answer = server.request(
            "POST",
            "/documents",
            raw=raw,
            headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
        )
        assert answer.status == 422, answer.body
        assert answer.error["code"] == "invalid_parameter"
        assert "surrogate" in json.dumps(answer.error["details"])
        assert server.get("/health").status == 200, "the server goes on"
