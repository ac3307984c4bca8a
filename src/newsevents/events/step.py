"""The steps after parsing: time expressions, then events with their actors."""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from typing import Any

from newsevents.actors import default_resolver
from newsevents.actors.coref import DocumentActors
from newsevents.events.coder import EventCoder, SentenceResult
from newsevents.events.document import DocumentContext
from newsevents.events.lexicon import load_lexicon
from newsevents.events.ontology import load_ontology
from newsevents.geo.location import locate_events
from newsevents.quotes.link import attribute_events
from newsevents.step import DocumentStep, Work
from newsevents.time import Timex, event_date, tag_times


@lru_cache(maxsize=1)
def default_coder() -> EventCoder:
    """The coder with the packaged lexicon, ontology and actor knowledge base."""
    return EventCoder(load_lexicon(), load_ontology(), default_resolver(), event_date)


@lru_cache(maxsize=1)
def provenance() -> dict[str, str]:
    """Versions of the data an event was coded with (the same for every event of a run)."""
    coder = default_coder()

    def joined(versions: dict[str, str]) -> str:
        return ",".join(f"{k}={v}" for k, v in sorted(versions.items()))

    return {
        "lexicon": coder.lexicon.version,
        "ontology": joined(coder.ontology.versions),
        "actors": joined(coder.resolver.kb.versions),
    }


class TagTimes(DocumentStep):
    name = "times"

    def process(self, work: Work) -> None:
        assert work.analysis is not None
        work.analysis.times = [t.to_dict() for t in tag_times(work.doc, work.analysis.published)]


class CodeEvents(DocumentStep):
    name = "events"

    def process(self, work: Work) -> None:
        analysis = work.analysis
        assert analysis is not None
        versions = provenance()
        results, ctx = code_document(
            work.doc, analysis.id, analysis.published, analysis.times, analysis.sentences
        )
        for result in results:
            for event in result.events:
                event["provenance"] = versions
                analysis.events.append(event)
        attribute_events(analysis.events, analysis.quotes)  # the speaker of a quoted claim
        locate_events(work.doc, analysis.events, analysis.places)  # the place on the trigger
        analysis.actors = sorted(
            (m for m in ctx.mentions.values() if m is not None), key=lambda m: m["start"]
        )


def code_document(
    doc: Any,
    doc_id: str,
    published: str | None,
    times: list[dict[str, Any]],
    sentences: list[Any],
) -> tuple[list[SentenceResult], DocumentContext]:
    """Code every sentence of a parsed document with the default coder.

    `times` are the document's time expressions, `sentences` its Analysis spans (for the
    sentence index of each event). The returned context holds every resolved mention.
    """
    coder = default_coder()
    people = DocumentActors(coder.resolver, published)
    ctx = DocumentContext(doc_id, published, doc.text, times_by_token(doc, times), people=people)
    starts = [s.start for s in sentences]
    results = []
    # `Span.ents` scans every entity of the document, so one sentence at a time would be
    # quadratic: walk the document's people once, alongside the sentences
    persons = [ent for ent in doc.ents if ent.label_ == "PERSON"]
    next_person = 0
    for sent in doc.sents:
        while next_person < len(persons) and persons[next_person].start < sent.end:
            person = persons[next_person]
            if person.end <= sent.end:  # a name across a sentence break is not one
                people.link(person.text, named=True)  # in reading order
            next_person += 1
        # a spaCy sentence may start on the whitespace just before our trimmed span
        index = max(bisect_right(starts, sent.start_char + 2) - 1, 0)
        results.append(coder.code_sentence(sent, index, ctx))
    return results, ctx


def times_by_token(doc: Any, times: list[dict[str, Any]]) -> dict[int, Any]:
    """Token index of the syntactic head of each time expression -> the expression."""
    found: dict[int, Any] = {}
    for t in times:
        span = doc.char_span(t["start"], t["end"], alignment_mode="expand")
        if span is not None:
            found[span.root.i] = Timex(**t)
    return found
