"""The founding example end to end (needs ../shared; read at test time, never copied)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsevents.ingest.clean import original_offset
from newsevents.records import Removal

SEED = Path(__file__).resolve().parents[3] / "shared" / "examples" / "seed_article.txt"

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="../shared is absent")


def _annotate() -> dict:  # type: ignore[type-arg]
    proc = subprocess.run(
        [sys.executable, "-m", "newsevents.cli", "annotate", str(SEED)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(proc.stdout)


def test_seed_article_nothing_starts_in_a_removed_span() -> None:
    record = _annotate()
    original = SEED.read_text(encoding="utf-8")
    removed = [Removal(**r) for r in record["removed"]]
    assert removed, "the seed article has captions and credits to remove"
    spans = record["entities"] + record["sentences"] + record["actors"]
    assert record["entities"] and record["sentences"]
    for span in spans:
        start = original_offset(removed, span["start"])
        assert not any(r.start <= start < r.end for r in removed), span
        # the cleaned text is the original minus the removals, so the span text matches
        length = span["end"] - span["start"]
        assert original[start : start + length] == record["text"][span["start"] : span["end"]]
    credit_names = {
        original[r.start : r.end].split("/")[-1].strip() for r in removed if r.kind == "credit"
    }
    entity_texts = {e["text"] for e in record["entities"]}
    assert credit_names and not credit_names & entity_texts, "no entity from a photo credit"


def test_seed_article_has_no_publication_date_to_infer() -> None:
    # nothing in the cleaned body is a full calendar date: the only one was in a caption
    record = _annotate()
    assert record["published"] is None and record["published_inferred"] is False


def _events() -> list[dict]:  # type: ignore[type-arg]
    proc = subprocess.run(
        [sys.executable, "-m", "newsevents.cli", "annotate", str(SEED), "--date", "2022-07-18"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(proc.stdout)["events"]  # type: ignore[no-any-return]


def _find(events: list[dict], type_: str, actor: str, recipient: str | None) -> list[dict]:  # type: ignore[type-arg]
    def countries(slot: list[dict]) -> set[str]:  # type: ignore[type-arg]
        return {a["country"] for a in slot}

    return [
        e
        for e in events
        if e["type"] == type_
        and actor in countries(e["actor"])
        and (recipient is None or recipient in countries(e["recipient"]))
    ]


def test_seed_article_events_of_the_issue() -> None:
    """The events issue 3 names, each with the right countries, modes and dates."""
    events = _events()
    putin_to_iran = _find(events, "CONSULT", "RUS", "IRN")
    assert any("future" in e["aux"] and e["date"] == "2022-07-19" for e in putin_to_iran)
    sale = [
        e
        for e in events
        if {"IRN"} == {a["country"] for a in e["actor"]}
        and "RUS" in {a["country"] for a in e["recipient"]}
    ]
    assert sale and all("reported" in e["aux"] for e in sale)
    central_asia = _find(events, "CONSULT", "RUS", "TJK")
    assert central_asia and central_asia[0]["date"] == "2022-06"
    assert {"TKM"} <= {a["country"] for a in central_asia[0]["recipient"]}
    biden = _find(events, "CONSULT", "USA", "ISR")
    assert biden and {"SAU", "PSE"} <= {a["country"] for a in biden[0]["recipient"]}
    assert _find(events, "CONSULT", "TUR", "IRN"), "Erdogan's visit to Iran"
    assert _find(events, "THREATEN", "TUR", "KUR"), "Erdogan's threat against Kurdish militants"
    assert _find(events, "THREATEN", "IRN", "TUR"), "Raisi's warning to Turkey"
    invasion = _find(events, "ASSAULT", "RUS", "UKR")
    assert invasion and all("historical" in e["aux"] for e in invasion)


def test_seed_article_no_event_from_captions_or_credits(tmp_path: Path) -> None:
    """Captions do carry events ("Putin will be traveling to Iran ..."): without cleaning
    some are coded from caption lines; with cleaning none is."""
    settings = tmp_path / "noclean.toml"
    settings.write_text("clean = false\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "newsevents.cli", "annotate", str(SEED), "--config", str(settings)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    raw = json.loads(proc.stdout)
    removed = [Removal(**r) for r in _annotate()["removed"]]
    from_noise = [
        e for e in raw["events"] if any(r.start <= e["trigger"]["start"] < r.end for r in removed)
    ]
    assert raw["removed"] == [] and from_noise, "the caption lines hold events of their own"
    cleaned = _annotate()
    noise_text = {SEED.read_text(encoding="utf-8")[r.start : r.end].strip() for r in removed}
    for event in cleaned["events"]:
        sentence = cleaned["sentences"][event["sentence"]]
        assert cleaned["text"][sentence["start"] : sentence["end"]] not in noise_text
