"""Find the quotes and attributions of a parsed document, with their resolved speakers.

Direct quotes come from the quotation marks (`marks`, `direct`), indirect attributions
from the parse (`indirect`) and from the shape of a line ("Poll: ..." in `colon`, title-case
headlines in `headline`); of nested attributions only the outermost stays. A direct quote
without a cue of its own continues the attribution before it: the next sentence of the same
paragraph (“...,” he said. “...”) or the paragraph after one that ends with an attribution.
Speakers are resolved last, in text order, so that a pronoun can refer to a speaker named
before (`speakers`).
"""

from __future__ import annotations

from typing import Any

from newsevents.quotes.attribution import Attribution, cue_tokens
from newsevents.quotes.colon import colon_attributions
from newsevents.quotes.cues import Cues, load_cues
from newsevents.quotes.direct import direct_quotes
from newsevents.quotes.headline import headline_attributions
from newsevents.quotes.indirect import indirect_attributions
from newsevents.quotes.layout import Layout
from newsevents.quotes.marks import find_quoted
from newsevents.quotes.speakers import Speakers


def find_quotes(
    doc: Any,
    text: str | None = None,
    date: str | None = None,
    resolver: Any = None,
    cues: Cues | None = None,
) -> list[dict[str, Any]]:
    """The quotes and attributions of a parsed spaCy `doc`, in text order.

    `text` is `doc.text` (pass it when you have it: spaCy rebuilds it on each access),
    `date` the document date at which speakers' roles are taken, `resolver` an
    `ActorResolver` (default: the packaged one). Each record has the output contract's
    `text`, `start`, `end` (the content), `speaker` (an actor or None) and `cue`, plus
    `kind` (direct | indirect), `form` (what the content is: quote | clause | infinitive |
    object | topic), `cue_span`, `source` (the local mention of the speaker, or None) and
    `nested` (quotes inside a direct quote).
    """
    if resolver is None:
        from newsevents.actors import default_resolver

        resolver = default_resolver()
    text = doc.text if text is None else text
    cues = cues or load_cues()
    layout = Layout(doc, text, find_quoted(text))
    direct = direct_quotes(layout, cues)
    layout.direct_starts = {a.quote.start for a in direct if a.quote is not None}
    taken = {t.i for a in direct for t in a.cue}
    indirect = (
        indirect_attributions(layout, cues, taken)
        + colon_attributions(layout, cues.colon_labels)
        + headline_attributions(layout, cues.reporting | cues.frames.verbs)
    )
    indirect = outermost(indirect)
    found = sorted(direct + indirect, key=lambda a: a.start)
    _continue_attributions(found, layout)
    speakers = Speakers(doc, text, date, resolver, layout.quote_around)
    resolved: dict[int, dict[str, Any] | None] = {}
    records = []
    for attribution in found:
        source = attribution.source
        if source is not None and source.i not in resolved:
            resolved[source.i] = speakers.speaker(source)
            speaker = resolved[source.i]
            if speaker is not None and source.pos_ == "PROPN" and speaker["name"] is None:
                speakers.remember(source, speaker)
        speaker = resolved.get(source.i) if source is not None else None
        records.append(_record(attribution, speaker, text, cues))
    return records


def outermost(found: list[Attribution]) -> list[Attribution]:
    """Without the attributions whose cue lies in the content of another one: PolNeAR (like
    PARC) annotates only the outer one ("she said he hoped that ...": the content of "said"
    holds the hope), and an event in the inner content still falls in the outer claim."""
    spans = [(a.start, a.end, a.cue[0].idx) for a in found]
    kept = []
    for attribution in found:
        cue = attribution.cue[0].idx
        inside = any(
            start <= cue < end and not (attribution.start <= other_cue < attribution.end)
            for start, end, other_cue in spans
            if other_cue != cue
        )
        if not inside:
            kept.append(attribution)
    return kept


def _continue_attributions(found: list[Attribution], layout: Layout) -> None:
    """Give a direct quote without a cue the cue and source of the attribution before it."""
    previous: Attribution | None = None
    for attribution in found:
        if attribution.kind == "direct" and not attribution.cue and previous is not None:
            here = layout.paragraph_of(attribution.start)
            there = layout.paragraph_of(previous.end)
            p_start = layout.paragraphs[here][0]
            opens_paragraph = attribution.quote is not None and attribution.quote.start <= p_start
            if here == there or (opens_paragraph and here == there + 1):
                attribution.cue = previous.cue
                attribution.source = previous.source
                attribution.source_span = previous.source_span
                attribution.inherited = True
        if attribution.cue and attribution.source is not None:
            previous = attribution


def _span(text: str, start: int, end: int) -> dict[str, Any]:
    return {"text": text[start:end], "start": start, "end": end}


def _record(
    attribution: Attribution, speaker: dict[str, Any] | None, text: str, cues: Cues
) -> dict[str, Any]:
    cue = cue_span = None
    if attribution.cue:
        tokens = cue_tokens(attribution.cue[0], cues)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        cue_span = _span(text, start, end)
        cue = cue_span["text"]
    source = _span(text, *attribution.source_span) if attribution.source_span else None
    quote = attribution.quote
    return {
        **_span(text, attribution.start, attribution.end),
        "kind": attribution.kind,
        "form": attribution.form,
        "speaker": speaker,
        "cue": cue,
        "cue_span": cue_span,
        "source": source,
        "nested": [_span(text, s, e) for s, e in quote.nested] if quote is not None else [],
    }
