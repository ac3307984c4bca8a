"""Fixtures of the temporal tagger tests: the real spaCy model and the tagger over it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from newsevents.nlp.model import load_model
from newsevents.nlp.parse import make_doc
from newsevents.time import Timex, tag_times


@pytest.fixture(scope="session")
def parsed_timexes() -> Callable[[str, str | None], list[Timex]]:
    """Tag a text written by the team, parsed by the real model, relative to an anchor."""
    nlp = load_model()

    def tag(text: str, anchor: str | None) -> list[Timex]:
        return tag_times(nlp(make_doc(nlp, text)), anchor)

    return tag


@pytest.fixture(scope="session")
def time_values(parsed_timexes: Any) -> Callable[[str, str | None], dict[str, tuple[str, str]]]:
    """{expression text: (TIMEX3 type, value)} of a text relative to an anchor."""

    def values(text: str, anchor: str | None) -> dict[str, tuple[str, str]]:
        return {t.text: (t.type, t.value) for t in parsed_timexes(text, anchor)}

    return values
