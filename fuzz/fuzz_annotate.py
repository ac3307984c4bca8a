"""Fuzz `annotate` end to end: the whole pipeline on one document of text, HTML or bytes.

Invariants: nothing raises; one analysis comes out, coded or failed with a code and a
reason; every offset lies inside the cleaned text and each span's text is what it points
to; the record can be written as UTF-8 JSON.
Run: python fuzz/fuzz_annotate.py -max_total_time=300 -timeout=60 -rss_limit_mb=4096
"""

from __future__ import annotations

import sys

import atheris
from _common import assert_accounted

with atheris.instrument_imports(include=["newsevents"]):  # our code, not the libraries
    import newsevents.events.step
    import newsevents.geo.step
    import newsevents.ingest.steps
    import newsevents.nlp.parse
    import newsevents.quotes.step  # noqa: F401 - imported here so that they are instrumented
    from newsevents.config import load_config
    from newsevents.pipeline import default_pipeline
    from newsevents.records import Source

PIPELINE = default_pipeline(load_config())


def test_one_input(data: bytes) -> None:
    if not data:
        return
    kind, body = data[0] % 3, data[1:]
    if kind == 0:
        source = Source("fuzz", body, "text", origin="fuzz")
    else:
        text = atheris.FuzzedDataProvider(body).ConsumeUnicodeNoSurrogates(len(body))
        source = Source("fuzz", text, "text" if kind == 1 else "html", origin="fuzz")
    assert_accounted([source], PIPELINE.run([source]))


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
