"""Fuzz the scraped-text cleaner with any text.

Invariants: nothing raises; removals are whole lines, in order, inside the text; deleting
them gives the cleaned text. Run: python fuzz/fuzz_clean.py -max_total_time=60 -timeout=10
"""

from __future__ import annotations

import sys

import atheris
from _common import assert_cleaned

with atheris.instrument_imports(include=["newsevents"]):  # our code, not the libraries
    from newsevents.ingest.clean import clean_text


def test_one_input(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    assert_cleaned(text, clean_text(text))


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
