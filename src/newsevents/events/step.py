"""The steps after parsing: time expressions, then events with their actors."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from newsevents.actors import default_resolver
from newsevents.events.coder import DocumentContext, EventCoder, SentenceResult
from newsevents.events.lexicon import load_lexicon
from newsevents.events.ontology import load_ontology
from newsevents.step import DocumentStep, Work
from newsevents.time import event_date, tag_times


@lru_cache(maxsize=1)
def default_coder() -> EventCoder:
    """The coder with the packaged lexicon, ontology and actor knowledge base."""
    return EventCoder(load_lexicon(), load_ontology(), default_resolver(), event_date)


def provenance() -> dict[str, str]:
    """Versions of the data an event was coded with."""
    coder = default_coder()
    return {
        "lexicon": coder.lexicon.version,
        "ontology": ",".join(f"{k}={v}" for k, v in sorted(coder.ontology.versions.items())),
        "actors": getattr(coder.resolver, "version", "unknown"),
    }


class TagTimes(DocumentStep):
    name = "times"

    def process(self, work: Work) -> None:
        assert work.analysis is not None
        work.analysis.times = [t.to_dict() for t in tag_times(work.doc, work.analysis.published)]


class CodeEvents(DocumentStep):
    name = "events"

    def process(self, work: Work) -> None:
        analysis, doc = work.analysis, work.doc
        assert analysis is not None
        coder = default_coder()
        ctx = DocumentContext(
            analysis.id, analysis.published, analysis.text, times_by_token(doc, analysis.times)
        )
        versions = provenance()
        for result in code_document(coder, doc, ctx, analysis.sentences):
            for event in result.events:
                event["provenance"] = versions
                analysis.events.append(event)
        analysis.actors = sorted(
            (m for m in ctx.mentions.values() if m is not None), key=lambda m: m["start"]
        )


def code_document(
    coder: EventCoder, doc: Any, ctx: DocumentContext, sentences: list[Any]
) -> list[SentenceResult]:
    """Code every sentence; `sentences` are the Analysis spans, for the sentence index."""
    starts = [s.start for s in sentences]
    results = []
    for sent in doc.sents:
        index = _sentence_index(starts, sent.start_char)
        results.append(coder.code_sentence(sent, index, ctx))
    return results


def _sentence_index(starts: list[int], offset: int) -> int:
    index = 0
    for i, start in enumerate(starts):
        if start <= offset + 2:  # a spaCy sentence may start on the whitespace before ours
            index = i
    return index


def times_by_token(doc: Any, times: list[dict[str, Any]]) -> dict[int, Any]:
    """Token index of the syntactic head of each time expression -> the expression."""
    from newsevents.time import Timex

    found: dict[int, Any] = {}
    for t in times:
        span = doc.char_span(t["start"], t["end"], alignment_mode="expand")
        if span is not None:
            found[span.root.i] = Timex(**t)
    return found
