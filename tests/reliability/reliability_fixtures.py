"""Hostile inputs and the invariants every analysis must keep, shared by the reliability tests.

Every text here is made up for these tests (no news text from ../shared). The strategies
build the kinds of input a scraper or an attacker hands us: arbitrary bytes, huge lines,
deeply nested HTML, zero-width and bidi controls, mixed scripts, storms of quote marks,
lone surrogates from JSON escapes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from newsevents.records import Analysis, Source

# Few examples, the same ones on every run, so that `make test` stays fast and repeatable;
# NEWSEVENTS_PROPERTY_SCALE=10 runs ten times as many, NEWSEVENTS_PROPERTY_RANDOM=1 new ones
# each run, and the atheris targets under fuzz/ search further. No hypothesis deadline: the
# tests time each call themselves, against a bound that only a hang would pass.
_SCALE = int(os.environ.get("NEWSEVENTS_PROPERTY_SCALE", "1"))


def examples(n: int) -> settings:
    """Settings for a property test of `n` examples (times the scale)."""
    return settings(
        max_examples=n * _SCALE,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        derandomize=os.environ.get("NEWSEVENTS_PROPERTY_RANDOM") is None,
    )


ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
QUOTES = "\"'“”‘’«»„‟‹›「」『』〝〞"
# a few words of several scripts, and marks that combine with them
SCRIPTS = [
    "Chile accused Peru",
    "Министр заявил",
    "وزير الخارجية",
    "外交部长 周二",
    "विदेश मंत्री",
    "Υπουργός Εξωτερικών",
    "שר החוץ",
    "e\u0301\u0301\u0301",
    "👩‍👩‍👧 🇨🇱 🇵🇪",
    "Monday",
    "last week",
    "Feb. 24, 2022",
    "REUTERS/Jane Doe",
    "Photo: AP",
]
_PIECES = st.one_of(
    st.sampled_from(SCRIPTS),
    st.text(alphabet=ZERO_WIDTH + BIDI + QUOTES + " \n\t.,;:!?-–—", max_size=40),
    st.text(max_size=30),  # any code point hypothesis likes, surrogates excluded
    st.builds(lambda q, n: q * n, st.sampled_from(QUOTES), st.integers(1, 400)),
    st.builds(lambda w, n: " ".join([w] * n), st.sampled_from(SCRIPTS), st.integers(1, 200)),
)


@st.composite
def hostile_text(draw: st.DrawFn, max_pieces: int = 30, huge: int = 60_000) -> str:
    """Text made of hostile pieces, sometimes with one line of up to `huge` repeats."""
    pieces = draw(st.lists(_PIECES, max_size=max_pieces))
    if draw(st.booleans()):
        word = draw(st.sampled_from(["a", "“", "\u200b", "Peru ", "1999", "May "]))
        pieces.insert(draw(st.integers(0, len(pieces))), word * draw(st.integers(1, huge)))
    return draw(st.sampled_from(["", " ", "\n", "\n\n"])).join(pieces)


@st.composite
def hostile_html(draw: st.DrawFn) -> str:
    """HTML nested thousands deep, unclosed, or with a hostile body and attributes."""
    body = draw(hostile_text(max_pieces=8, huge=2_000))
    tag = draw(st.sampled_from(["div", "p", "span", "table", "b", "article"]))
    depth = draw(st.integers(0, 5_000))
    closed = draw(st.booleans())
    inner = f"<p>{body}</p><script>var x = '{body[:50]}'</script><img src=x onerror=alert(1)>"
    nested = f"<{tag}>" * depth + inner + (f"</{tag}>" * depth if closed else "")
    return f"<html><head><title>{body[:80]}</title></head><body>{nested}</body></html>"


def hostile_bytes() -> st.SearchStrategy[bytes]:
    """Arbitrary bytes, and text encoded in ways that are not UTF-8 or carry NULs."""
    return st.one_of(
        st.binary(max_size=4_000),
        hostile_text(max_pieces=10, huge=2_000).map(lambda t: t.encode("utf-8")),
        hostile_text(max_pieces=10, huge=2_000).map(lambda t: t.encode("utf-16")),
        st.builds(lambda t, b: t.encode("utf-8") + b, hostile_text(5, 2_000), st.binary()),
    )


def json_line(record: Any) -> bytes:
    """One JSON Lines line; `ensure_ascii` keeps a lone surrogate as a valid "\\ud800" escape."""
    return (json.dumps(record, ensure_ascii=True) + "\n").encode("ascii")


def hostile_records() -> st.SearchStrategy[Any]:
    """JSON Lines records with good and bad shapes, lone surrogates and hostile fields."""
    lone = st.sampled_from(["\ud800", "\udfff", "x\udc80y"])
    field = st.one_of(
        hostile_text(max_pieces=6, huge=200), lone, st.integers(), st.none(), st.lists(st.text())
    )
    return st.one_of(
        st.fixed_dictionaries(
            {"id": st.one_of(st.text(max_size=20), lone), "text": hostile_text(8, 2_000)},
            optional={"published": field, "title": field, "url": field, "source": field},
        ),
        st.fixed_dictionaries({"id": st.text(max_size=20), "html": hostile_html()}),
        st.fixed_dictionaries({"id": field, "text": field, "html": field}),
        st.one_of(st.integers(), st.text(max_size=20), st.lists(st.integers())),
    )


def utf8_json(value: Any) -> bytes:
    """The value as a consumer reads it: UTF-8 JSON (fails on anything unwritable)."""
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def assert_accounted(sources: list[Source], analyses: list[Analysis]) -> None:
    """One analysis per source, in order, each coded or failed with a code and a reason."""
    assert [a.id for a in analyses] == [s.id for s in sources]
    for analysis in analyses:
        if analysis.error is not None:
            assert analysis.error.code and analysis.error.message, analysis.error
        else:
            assert_offsets_inside(analysis)
        utf8_json(analysis.to_dict())  # the output line can be written


def _spans(analysis: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    spans = [(layer, item) for layer in ("sentences", "actors", "times", "places", "quotes")
             for item in analysis.get(layer) or []]  # fmt: skip
    spans += [("entities", e) for e in analysis.get("entities") or []]
    for event in analysis.get("events") or []:
        spans.append(("events.trigger", event["trigger"]))
        for slot in ("actor", "recipient"):
            spans += [(f"events.{slot}", a) for a in event.get(slot) or []]
    return spans


def assert_offsets_inside(analysis: Analysis) -> None:
    """Every offset lies inside the cleaned text and every span's text is what it points to;
    the removals point into the original input and deleting them gives the cleaned text."""
    record = analysis.to_dict()
    text = record["text"]
    for layer, item in _spans(record):
        start, end = item["start"], item["end"]
        assert 0 <= start <= end <= len(text), (layer, item, len(text))
        if "text" in item and item["text"] is not None:
            assert text[start:end] == item["text"], (layer, item)


def write_corpus(path: Path, n: int, start: int = 0) -> Path:
    """n short made-up reports as JSON Lines, each a few events between two countries."""
    places = ["Lima", "Quito", "Bogota", "La Paz", "Santiago", "Asuncion", "Caracas"]
    lines = []
    for i in range(start, start + n):
        record = {
            "id": f"report-{i:04d}",
            "source": ["Daily Planet", "Morning Courier", "Evening Ledger"][i % 3],
            "published": f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
            "text": f"The foreign ministers of Chile and Peru met in {places[i % len(places)]} "
            f"on Monday for talks number {i} on trade. Peru accused Chile of delaying the "
            "talks, and Chile rejected the charge.",
        }
        lines.append(json.dumps(record))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def annotate_cli(args: list[str], timeout: float = 600) -> subprocess.CompletedProcess[bytes]:
    """`newsevents annotate ARGS` in its own process, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "newsevents.cli", "annotate", *args],
        capture_output=True,
        timeout=timeout,
        check=False,
    )


def assert_cleaned(text: str, result: Any) -> None:
    """The cleaner's invariants: removals are whole lines, in order, inside the text, and
    deleting them gives the cleaned text."""
    from newsevents.ingest.clean import apply_removals

    position = 0
    for removal in result.removed:
        assert position <= removal.start < removal.end <= len(text)
        assert removal.start == 0 or text[removal.start - 1] == "\n", "a removal starts a line"
        assert removal.end == len(text) or text[removal.end - 1] == "\n", "and ends one"
        position = removal.end
    assert result.text == apply_removals(text, result.removed)
