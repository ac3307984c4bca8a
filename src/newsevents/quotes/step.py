"""The pipeline step: quotes and attributions of each parsed document."""

from __future__ import annotations

from newsevents.quotes.find import find_quotes
from newsevents.step import DocumentStep, Work


class TagQuotes(DocumentStep):
    """Fill `analysis.quotes` from the spaCy parse (`work.doc`)."""

    name = "quotes"

    def process(self, work: Work) -> None:
        analysis = work.analysis
        assert analysis is not None
        analysis.quotes = find_quotes(work.doc, analysis.text, analysis.published)
