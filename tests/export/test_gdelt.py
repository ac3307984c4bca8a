"""GDELT 2.0 Events export: 61 columns in the codebook's order, and a round trip."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from export_fixtures import REFERENCE, round_trip

from newsevents.export.gdelt import COLUMNS, read_gdelt
from newsevents.export.rows import goldstein, numeric_id

CODEBOOK = REFERENCE / "GDELT-Event_Codebook-V2.0.docling.md"


def test_gdelt_round_trip_keeps_every_event_and_its_counts(tmp_path: Path) -> None:
    for record, row, event in round_trip(tmp_path, "gdelt", read_gdelt):
        assert record["GlobalEventID"] == str(numeric_id(row["id"]))
        assert record["Day"] == row["date"].replace("-", "") and record["Year"] == row["date"][:4]
        assert record["Actor1CountryCode"] == event["actor"][0]["country"]
        assert record["Actor2CountryCode"] == event["recipient"][0]["country"]
        assert record["Actor1Code"] == event["actor"][0]["country"] + event["actor"][0]["sector"]
        assert (record["EventCode"], record["EventRootCode"]) == (row["cameo"], row["cameo"][:2])
        assert int(record["QuadClass"]) == row["quad"]
        assert float(record["GoldsteinScale"]) == goldstein(row["cameo"])
        assert int(record["NumMentions"]) == row["num_mentions"]
        assert int(record["NumSources"]) == row["num_sources"]
        assert record["SOURCEURL"] == row["doc_id"]
        if row["lat"] is not None:
            assert float(record["ActionGeo_Lat"]) == pytest.approx(row["lat"])
            assert record["ActionGeo_FeatureID"] == row["geonameid"]


def test_gdelt_columns_follow_the_codebook() -> None:
    assert len(COLUMNS) == 61 and len(set(COLUMNS)) == 61
    if not CODEBOOK.is_file():
        pytest.skip("../shared is absent")
    # field lines look like "- \uf0b7 Actor1Geo\\_Type . (integer) ..."
    names = re.findall(r"^-\s+\W*\s*([A-Za-z0-9\\_]+?)\s*\.", CODEBOOK.read_text("utf-8"), re.M)
    names = [n.replace("\\_", "_") for n in names]
    events_table = names[: names.index("SOURCEURL") + 1]  # the mentions table follows
    listed = [n for n in events_table if n in COLUMNS]
    assert len(listed) >= 30, "the codebook lists Actor1 and Actor1Geo fields, then says 'repeated'"
    assert listed == sorted(listed, key=COLUMNS.index), "codebook order"
    assert set(events_table) - set(COLUMNS) == {"Conflict"}, "a heading the conversion split off"
