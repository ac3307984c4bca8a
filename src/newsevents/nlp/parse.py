"""The parse step: one spaCy parse per document, batched, with line breaks as hard boundaries.

Scraped text keeps captions and headings on lines of their own; letting the parser run a
sentence across a line break would glue a caption to the paragraph next to it. So every
token that follows a newline starts a sentence before the parser runs, and the parser
(which respects preset boundaries) only adds boundaries inside lines. A wire dateline that
opens a paragraph ("KABUL, Afghanistan — ") ends a sentence of its own for the same reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newsevents.errors import DocumentFailure
from newsevents.nlp.model import load_model
from newsevents.records import Analysis, Entity, Span
from newsevents.step import Work, run_guarded
from newsevents.timelimit import TimeLimitExceeded, time_limit

# A wire dateline that opens a paragraph: "KABUL, Afghanistan — ", "ORLANDO, Fla. (Reuters) - ",
# "NEW YORK, Dec. 11 (UPI) — ": the place in capitals, qualifiers after commas, the agency in
# brackets; a plain hyphen only after the agency
_DATELINE = re.compile(
    r"[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:, ?[A-Z][\w.']*(?: [\w.']+)?){0,2}"
    r"(?: ?\([A-Za-z. ]+\) ?(?:-|—|–|--)| ?(?:—|–|--)) +(?=[A-Z\"“'‘])"
)


def make_doc(nlp: Any, text: str) -> Any:
    """Tokenise `text` and mark each token after a line break, and the first after a
    paragraph's dateline, as a sentence start: the parser would make the dateline's place the
    subject ("KABUL, Afghanistan — Taliban fighters attacked ...": Kabul attacked)."""
    if len(text) > nlp.max_length:
        raise DocumentFailure(
            "too_large", f"text has {len(text):,} characters; the parser takes {nlp.max_length:,}"
        )
    doc = nlp.make_doc(text)
    for i in range(1, len(doc)):
        if "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_:
            doc[i].is_sent_start = True
    for start in _dateline_ends(text):
        token = doc.char_span(start, start + 1, alignment_mode="expand")
        if token is not None and token.start > 0:
            doc[token.start].is_sent_start = True
    return doc


def _dateline_ends(text: str) -> list[int]:
    """Where the text after each paragraph's dateline starts."""
    ends = []
    for line in re.finditer(r"(?m)^[^\S\n]*(?=[A-Z])", text):
        found = _DATELINE.match(text, line.end())
        if found is not None:
            ends.append(found.end())
    return ends


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) to exclude surrounding whitespace and anything after a newline."""
    while start < end and text[start].isspace():
        start += 1
    newline = text.find("\n", start, end)
    if newline != -1:
        end = newline
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences_of(doc: Any) -> list[Span]:
    text = doc.text  # spaCy rebuilds this string on every access
    spans = []
    for sent in doc.sents:
        start, end = _trimmed(text, sent.start_char, sent.end_char)
        # a sentence never crosses a line, but spaCy may still end one in a newline token
        while start < end:
            spans.append(Span(start, end))
            start, end = _trimmed(text, end, sent.end_char)
    return spans


def entities_of(doc: Any) -> list[Entity]:
    text = doc.text
    entities = []
    for ent in doc.ents:
        start, end = _trimmed(text, ent.start_char, ent.end_char)
        if start < end:
            entities.append(Entity(text[start:end], start, end, ent.label_))
    return entities


class Parse:
    """Parse the cleaned text and start the document's `Analysis`.

    spaCy parses the batch in groups of at most `max_tokens` tokens (the `parse_batch_tokens`
    setting; a longer document goes alone): its working memory, about 20 kB per token of the
    group, sets a worker's peak, while larger groups buy little speed.
    """

    name = "parse"

    def __init__(self, max_tokens: int) -> None:
        self.max_tokens = max_tokens

    def run(self, batch: Sequence[Work]) -> None:
        nlp = load_model()
        todo = [w for w in batch if w.error is None]
        for work in todo:
            run_guarded(self.name, lambda w: setattr(w, "doc", make_doc(nlp, w.article.text)), work)
        todo = [w for w in todo if w.error is None]
        # the batch may take the time its documents have left; past that (or on an error)
        # each is parsed alone within its own time, so only the culprit fails
        left = [w.time_left() for w in todo]
        budget = None if None in left else sum(t or 0.0 for t in left)
        try:
            with time_limit(budget):
                docs = _parse_in_groups(nlp, [w.doc for w in todo], self.max_tokens)
        except (Exception, TimeLimitExceeded):
            # find the document that broke the batch; the others still get parsed
            docs = []
            for work in todo:
                run_guarded(self.name, lambda w: docs.append(nlp(w.doc)), work)
            todo = [w for w in todo if w.error is None]
        for work, doc in zip(todo, docs, strict=True):
            work.doc = doc
            run_guarded(self.name, _start_analysis, work)


def _parse_in_groups(nlp: Any, docs: list[Any], max_tokens: int) -> list[Any]:
    """Parse `docs` in order, in groups of at most `max_tokens` tokens (or one document)."""
    parsed: list[Any] = []
    group: list[Any] = []
    tokens = 0
    for doc in [*docs, None]:  # None: the end, which parses the last group
        if group and (doc is None or tokens + len(doc) > max_tokens):
            parsed += nlp.pipe(group, batch_size=len(group))
            group, tokens = [], 0
        if doc is not None:
            group.append(doc)
            tokens += len(doc)
    return parsed


def _start_analysis(work: Work) -> None:
    article, doc = work.article, work.doc
    assert article is not None
    work.analysis = Analysis(
        id=article.id,
        published=article.published,
        published_inferred=article.published_inferred,
        text=article.text,
        url=article.url,
        title=article.title,
        removed=article.removed,
        sentences=sentences_of(doc),
        entities=entities_of(doc),
        origin=work.source.origin,
    )
