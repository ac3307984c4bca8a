from __future__ import annotations

import json

from newsevents.records import Analysis, DocumentError, Entity, Removal, Source, Span


def test_records_analysis_json_round_trip() -> None:
    analysis = Analysis(
        id="doc-1",
        published="2024-01-02",
        published_inferred=True,
        text="Hello there.",
        removed=[Removal(0, 5, "credit")],
        sentences=[Span(0, 12)],
        entities=[Entity("Hello", 0, 5, "PERSON")],
        events=[{"id": "e1", "type": "CONSULT", "aux": ["future"]}],
    )
    data = json.loads(json.dumps(analysis.to_dict()))
    assert Analysis.from_dict(data) == analysis


def test_records_failed_analysis_keeps_identity_and_reason() -> None:
    source = Source(id="x", raw=b"", format="text", published="2024-01-02", origin="f.txt")
    failed = Analysis.failed(source, DocumentError("empty", "document has no text"))
    data = failed.to_dict()
    assert data["error"] == {"code": "empty", "message": "document has no text"}
    assert data["published"] == "2024-01-02" and data["events"] == []
    assert Analysis.from_dict(data) == failed
    assert not failed.ok


def test_records_are_slotted() -> None:
    assert not hasattr(Span(0, 1), "__dict__")
    assert not hasattr(Analysis(id="a"), "__dict__")
