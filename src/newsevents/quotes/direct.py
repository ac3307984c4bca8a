"""Direct quotes: which quoted spans are statements, and their cue and source.

A quoted span is a statement when it stands as a clause of its own: it opens a paragraph or
a sentence, follows a colon, or follows a verb of saying ("said, “...”"); and it ends a
clause: with punctuation inside the marks (“...,” he said), or before a sentence end, or
right before its cue (“...” Trump said). A quoted span inside a clause ('called him a “nasty
guy”', 'said that “terrorism is the answer”') is a scare quote, a term or part of a reported
clause: not a direct quote. A quote of one or two words is a statement only with a cue of
its own (“No,” he said).

The cue is a verb of saying (or "according to") in the same sentence: after the quote
("..., Ushakov added") or before it ("He told reporters: “...”"), outside any quote. A
quote without a cue of its own is resolved later, from the quote before it.
"""

from __future__ import annotations

import re
from typing import Any

from newsevents.quotes.attribution import (
    SUBJECTS,
    Attribution,
    is_cue_verb,
    mention_span,
    phrase_cue,
    source_of,
)
from newsevents.quotes.cues import Cues
from newsevents.quotes.layout import Layout
from newsevents.quotes.marks import ALL_MARKS, QuotedSpan

Token = Any  # spacy.tokens.Token
_WORD = re.compile(r"\w+")
_CLAUSE_BEFORE = frozenset(".!?…:;")
_CLAUSE_END = frozenset(",.!?…—–-:;")
_SENTENCE_END = frozenset(".!?…")
# a word with one of these links before a quote opens a clause the quote is part of
_CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "mark", "expl"})
# the last word between a cue and its quote: an object or an adjunct ("told reporters")
_OBJECT_POS = frozenset({"NOUN", "PROPN", "PRON", "ADV", "NUM"})
_WEAK_BEFORE = frozenset(",—–-")
OWN, AFTER_CUE, WEAK = "own", "after-cue", "weak"
CUE_NEAR = 4  # words between a quote and a cue verb that follows a full-sentence quote


def direct_quotes(layout: Layout, cues: Cues) -> list[Attribution]:
    """The quoted spans of the document that are statements, with their own cue if any."""
    found = []
    for quote in layout.quoted:
        attribution = _direct(quote, layout, cues)
        if attribution is not None:
            found.append(attribution)
    return found


def _direct(quote: QuotedSpan, layout: Layout, cues: Cues) -> Attribution | None:
    text = layout.text
    content = text[quote.content_start : quote.content_end]
    n_words = len(_WORD.findall(content))
    if n_words == 0:
        return None
    before = layout.before(quote)
    opening = _opening(quote, layout, before, cues)
    if opening is None:
        return None
    cue = source = None
    colon = bool(before) and before[-1].text == ":"
    if colon:
        cue, source = _cue_in(reversed(before), layout, quote, cues)
    if cue is None:
        zone = _after_cue_zone(content, quote, layout.after(quote))
        if opening == WEAK:  # "..., “...,” Mr. Biden said": only with a cue right after
            zone = zone[: CUE_NEAR * 2]
        cue, source = _cue_in(zone, layout, quote, cues)
        if opening == WEAK and cue is None:
            return None
    if cue is None and opening == AFTER_CUE:
        cue, source = _cue_in(reversed(before), layout, quote, cues)
    if not _closes_clause(content, text, quote, layout, cue):
        return None
    if n_words <= cues.short_quote_words and cue is None:
        return None  # a scare quote or a term
    start, end = _content_span(text, quote)
    attribution = Attribution("direct", start, end, quote=quote)
    if cue is not None:
        attribution.cue = [cue]
        attribution.source = source
        if source is not None:
            attribution.source_span = mention_span(source, _outside(layout), cue)
    elif colon:
        _colon_attribution(attribution, before, layout)
    return attribution


def _colon_attribution(attribution: Attribution, before: list[Token], layout: Layout) -> None:
    """A colon introduces the quote without a verb of saying: the clause before it says who
    ("Rubio fired back: “...”", "Trump issued a statement: “...”"), or a bare name does, as in
    a headline ("Caddell: “...”")."""
    ids = {t.i for t in before}
    for verb in reversed(before):
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS and c.i in ids), None)
        if subject is not None:
            attribution.cue = [verb]
            attribution.source = subject
            attribution.source_span = mention_span(subject, _outside(layout))
            return
    if _headline_name(before):
        attribution.source = before[-2]
        attribution.source_span = (before[0].idx, before[-2].idx + len(before[-2].text))
        attribution.cue = [before[-1]]


def _outside(layout: Layout) -> Any:
    return lambda token: not layout.inside_quote(token)


def _opening(quote: QuotedSpan, layout: Layout, before: list[Token], cues: Cues) -> str | None:
    """How the quote opens: as a sentence of its own (OWN), right after a cue (AFTER_CUE),
    after a comma or a dash or without an opening mark (WEAK: a statement only when a cue
    follows it), or inside a clause (None)."""
    text = layout.text
    p_start = layout.paragraphs[layout.paragraph_of(quote.start)][0]
    i = quote.start - 1
    while i >= p_start and text[i].isspace():
        i -= 1
    if not quote.opened:
        return WEAK
    if i < p_start or text[i] in _CLAUSE_BEFORE or text[i] in ALL_MARKS:
        return OWN
    if _after_cue_verb(before, cues):
        return AFTER_CUE
    if text[i] == "," and any(phrase_cue(t, cues) is not None for t in before):
        return AFTER_CUE  # "According to Woodward, “...”"
    if text[i] in _WEAK_BEFORE:
        return WEAK
    return None


def _after_cue_verb(before: list[Token], cues: Cues) -> bool:
    """The quote follows a verb of saying with nothing but its object and adjuncts between
    ("told reporters on Tuesday, “...”"); not a clause of its own ("said it was “...”") nor
    a phrase ("described it as a “...”", "pledged to “...”")."""
    words = [t for t in before if not t.is_punct]
    if not words:
        return False
    last = words[-1]
    if not (is_cue_verb(last, cues.speech, infinitive=False) or last.pos_ in _OBJECT_POS):
        return False
    # without a comma or colon, a quote after a phrase is a title ("on the podcast “...”")
    punctuated = before[-1].text in {",", ":"}
    for token in reversed(words[-2 * CUE_NEAR :]):
        if is_cue_verb(token, cues.speech, infinitive=False):
            return True
        if token.pos_ in {"VERB", "AUX"} or (token.pos_ == "ADP" and not punctuated):
            return False
        said = is_cue_verb(token.head, cues.speech, infinitive=False)
        if token.dep_ in _CLAUSE_DEPS and not said:  # "said Smith": an inverted subject
            return False
    return False


def _closes_clause(
    content: str, text: str, quote: QuotedSpan, layout: Layout, cue: Token | None
) -> bool:
    stripped = content.rstrip()
    if not stripped or stripped[-1] in _CLAUSE_END or not quote.closed:
        return True
    p_end = layout.paragraphs[layout.paragraph_of(quote.end - 1)][1]
    rest = text[quote.end : p_end].lstrip()
    if not rest or rest[0] in _CLAUSE_END:
        return True
    return cue is not None and cue.idx > quote.end and cue.idx - quote.end < 40


def _after_cue_zone(content: str, quote: QuotedSpan, after: list[Token]) -> list[Token]:
    """Where a cue after the quote may be. After a quote that is a full sentence
    ("“...win.” The crowd cheered.") a new sentence may start: its verb is the quote's cue
    only when it comes within a few words ("“...win.” Trump said.")."""
    if not after:
        return []
    stripped = content.rstrip()
    if stripped and stripped[-1] in _SENTENCE_END and after[0].text[:1].isupper():
        return after[: CUE_NEAR + 1]
    return after


def _cue_in(
    tokens: Any, layout: Layout, quote: QuotedSpan, cues: Cues
) -> tuple[Token | None, Token | None]:
    """The first verb of saying (or "according to X") among `tokens`, with its source."""

    def allowed(token: Token) -> bool:
        return not (quote.start <= token.idx < quote.end) and not layout.inside_quote(token)

    for token in tokens:
        source = phrase_cue(token, cues)
        if source is not None:
            return token, source
        if is_cue_verb(token, cues.speech, infinitive=False) and not _has_own_content(
            token, layout
        ):
            source = source_of(token, allowed)
            if source is not None and source.tag_ in {"WP", "WDT"} and token.dep_ == "relcl":
                source = token.head  # "..., said O'Rourke, who ...": the name
            return token, source
    return None, None


def _has_own_content(verb: Token, layout: Layout) -> bool:
    """A verb of saying with a reported clause of its own after it, outside quotes ("“...”
    He later said the plan had failed"), is the cue of that clause, not of the quote."""
    return any(
        child.dep_ == "ccomp" and child.i > verb.i and not layout.inside_quote(child)
        for child in verb.children
    )


def _headline_name(before: list[Token]) -> bool:
    names = before[:-1]
    return 0 < len(names) <= 4 and all(t.pos_ == "PROPN" for t in names)


def _content_span(text: str, quote: QuotedSpan) -> tuple[int, int]:
    """The words of a quote without edge spaces and the comma that stands for its period."""
    start, end = quote.content_start, quote.content_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end
