"""Attributions introduced by a name and a colon at the start of a line, as in headlines and
transcripts: "Poll: Sanders leads in Iowa", "Kasich: ‘We will go all the way’", "Q: How did it
go?". The colon is the cue, the name the source, the rest of the line the content.
"""

from __future__ import annotations

from typing import Any

from newsevents.quotes.attribution import Attribution, token_span
from newsevents.quotes.layout import Layout, words

Token = Any  # spacy.tokens.Token
MAX_NAME_WORDS = 4
MIN_CONTENT_WORDS = 2
_NAME_POS = frozenset({"PROPN", "NOUN", "PART", "DET", "ADJ"})


def colon_attributions(layout: Layout, labels: frozenset[str]) -> list[Attribution]:
    """One attribution per line that opens with a short name and a colon; `labels` are the
    words that open a line as a rubric, not a speaker ("Update:", "Watch:")."""
    found = []
    doc = layout.doc
    for start, end in layout.paragraphs:
        colon_at = layout.text.find(":", start, min(end, start + 60))
        if colon_at < 0:
            continue
        first, colon = layout.token_at(start), layout.token_at(colon_at)
        if colon >= len(doc) or doc[colon].text != ":":
            continue
        name = [doc[i] for i in range(first, colon) if not doc[i].is_space]
        if not _is_name(name, labels):
            continue
        rest = [doc[i] for i in range(colon + 1, len(doc)) if doc[i].idx < end]
        rest = [t for t in rest if not t.is_space]
        if len(list(words(rest))) < MIN_CONTENT_WORDS or layout.inside_quote(rest[0]):
            continue  # a quote after the colon is the direct quote finder's
        content_start, content_end = token_span(rest)
        head = max(name, key=lambda t: (t.pos_ in {"PROPN", "NOUN"}, t.i))
        attribution = Attribution(
            "indirect", content_start, content_end, cue=[doc[colon]], source=head, form="clause"
        )
        attribution.source_span = token_span(name)
        found.append(attribution)
    return found


def _is_name(name: list[Token], labels: frozenset[str]) -> bool:
    """A speaker's name or a short noun phrase, capitalised, not a rubric."""
    if not name or len(name) > MAX_NAME_WORDS or not name[0].text[:1].isupper():
        return False
    label = " ".join(t.lower_ for t in name).replace("’", "'").replace(" '", "'")
    if label in labels or name[0].lower_ in labels:
        return False
    return all(t.pos_ in _NAME_POS for t in name) and any(t.pos_ in {"PROPN", "NOUN"} for t in name)
