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
