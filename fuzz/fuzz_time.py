"""Fuzz the temporal tagger: the grammar on any text, and the tagger on the real parse.

Invariants: nothing raises; expressions do not overlap and lie inside the text; a tagged
expression's text is the text at its offsets and it has a TIMEX3 type and value.
Run: python fuzz/fuzz_time.py -max_total_time=60 -timeout=20
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["newsevents"]):  # our code, not the libraries
    from newsevents.errors import DocumentFailure
    from newsevents.nlp.model import load_model
    from newsevents.nlp.parse import make_doc
    from newsevents.time import tag_times
    from newsevents.time.grammar import grammar

ANCHORS = (None, "2024-02-29", "1999-12-31", "2022-07-19")


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    anchor = ANCHORS[provider.ConsumeIntInRange(0, len(ANCHORS) - 1)]
    text = provider.ConsumeUnicodeNoSurrogates(len(data))
    end = 0
    for found in grammar().find(text):
        assert end <= found.start < found.end <= len(text)
        end = found.end
    if len(text) > 2_000:  # the parse is the slow part: keep the search fast
        return
    nlp = load_model()
    try:
        doc = nlp(make_doc(nlp, text))
    except DocumentFailure:
        return
    for timex in tag_times(doc, anchor):
        assert text[timex.start : timex.end] == timex.text
        assert timex.type in {"DATE", "TIME", "DURATION", "SET"} and timex.value


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
