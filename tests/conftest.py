"""Shared fixtures. Texts here are written by the team; no news text from ../shared."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsevents.config import load_config
from newsevents.pipeline import Pipeline, default_pipeline
from newsevents.records import Source

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLE = REPO / "examples" / "summit_article.txt"

ENGLISH_TEXT = (
    "The foreign ministers of Chile and Peru met in Lima on Monday to discuss a dispute over "
    "fishing rights. Chile's minister said the talks had been useful and that both governments "
    "would meet again next month. Peru has accused Chilean trawlers of entering its waters."
)
RUSSIAN_TEXT = (
    "Министры иностранных дел Чили и Перу встретились в понедельник в Лиме, чтобы обсудить спор "
    "о правах на рыболовство. Министр Чили заявил, что переговоры были полезными и что оба "
    "правительства встретятся снова в следующем месяце."
)


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The default pipeline with the real spaCy model, built once for the test session."""
    return default_pipeline(load_config())


@pytest.fixture(scope="module")
def code() -> Any:
    """A function from a text (and its publication date) to the events the pipeline codes."""
    coder_pipeline = default_pipeline(load_config(language_check=False))

    def run(text: str, date: str | None = "2024-03-14") -> list[dict[str, Any]]:
        (analysis,) = coder_pipeline.run([Source(id="t", raw=text, format="text", published=date)])
        assert analysis.error is None, analysis.error
        return analysis.events

    return run


def needs_shared() -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent: evaluation data not available on this machine")
