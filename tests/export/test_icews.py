"""ICEWS export: the public event files' header, and a round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_fixtures import REFERENCE, round_trip

from newsevents.export.icews import COLUMNS, read_icews
from newsevents.export.rows import cameo_name, country_name, numeric_id

SAMPLE = REFERENCE / "events.2018.sample.tab"


def test_icews_round_trip_keeps_every_event(tmp_path: Path) -> None:
    for record, row, event in round_trip(tmp_path, "icews", read_icews):
        assert record["Event ID"] == str(numeric_id(row["id"]))
        assert record["Event Date"] == row["date"] and record["CAMEO Code"] == row["cameo"]
        assert record["Event Text"] == cameo_name(row["cameo"]) != ""
        assert record["Source Name"] == event["actor"][0]["name"]
        assert record["Source Country"] == country_name(event["actor"][0]["country"])
        assert record["Target Sectors"] == event["recipient"][0]["sector"]
        assert record["Story ID"] == row["doc_id"] and record["Sentence Number"] == "1"
        assert record["Publisher"] == ";".join(row["sources"])


def test_icews_header_matches_the_public_files() -> None:
    assert country_name("RUS") == "Russian Federation" and country_name("IGO") == "IGO"
    if not SAMPLE.is_file():
        pytest.skip("../shared is absent")
    header = SAMPLE.read_text(encoding="utf-8").split("\n", 1)[0]
    assert tuple(header.split("\t")) == COLUMNS
