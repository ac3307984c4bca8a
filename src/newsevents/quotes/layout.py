"""Where things are in a parsed document: tokens by offset, paragraphs, quoted spans, and the
stretch of text around a quote in which its cue and speaker are looked for.

The parser's sentence boundaries are unreliable around quotation marks ("...,” he said." may
be cut anywhere), so the frame of a quote is delimited by the text itself: sentence-final
punctuation outside quotes, the neighbouring quotes and the paragraph.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from newsevents.quotes.marks import QuotedSpan, paragraphs

Token = Any  # spacy.tokens.Token
SENTENCE_END = frozenset({".", "!", "?", "…"})
FRAME_TOKENS = 40  # a cue further than this from its quote is not its cue


class Layout:
    """Offsets of one parsed document, built once and read by the quote finders."""

    def __init__(self, doc: Any, text: str, quoted: list[QuotedSpan]) -> None:
        self.doc = doc
        self.text = text
        # token offsets as one array: building every Token object would cost more than
        # the whole quote search
        self.starts: list[int] = doc.to_array("IDX").tolist() if len(doc) else []
        self.paragraphs = paragraphs(text)
        self.paragraph_starts = [p[0] for p in self.paragraphs]
        self.quoted = quoted
        self.quoted_starts = [q.start for q in quoted]
        self.direct_starts: set[int] = set()  # the quoted spans that are direct quotes

    # -- lookups -------------------------------------------------------------------------
    def token_at(self, char: int) -> int:
        """Index of the token that contains or follows offset `char`."""
        i = bisect_right(self.starts, char) - 1
        if i < 0:
            return 0
        token = self.doc[i]
        return i if char < token.idx + len(token.text) else min(i + 1, len(self.starts))

    def tokens_with_lemma(self, lemmas: frozenset[str]) -> list[Token]:
        """The tokens whose lemma (or, for a phrase's first word, lower-case form) is one
        of `lemmas`, found on the arrays of the parse."""
        if not len(self.doc):
            return []
        wanted = _hashes(self.doc.vocab.strings, lemmas)
        array = self.doc.to_array(["LEMMA", "LOWER"])
        hits = [i for i, (lemma, lower) in enumerate(array.tolist())
                if lemma in wanted or lower in wanted]  # fmt: skip
        return [self.doc[i] for i in hits]

    def paragraph_of(self, char: int) -> int:
        return max(bisect_right(self.paragraph_starts, char) - 1, 0)

    def quote_around(self, char: int) -> QuotedSpan | None:
        """The quoted span (marks included) that contains offset `char`."""
        i = bisect_right(self.quoted_starts, char) - 1
        if i >= 0 and char < self.quoted[i].end:
            return self.quoted[i]
        return None

    def inside_quote(self, token: Token) -> bool:
        return self.quote_around(token.idx) is not None

    def quoted_between(self, start: int, end: int) -> list[QuotedSpan]:
        lo = bisect_left(self.quoted_starts, start)
        hi = bisect_left(self.quoted_starts, end)
        return self.quoted[lo:hi]

    # -- frames --------------------------------------------------------------------------
    def after(self, quote: QuotedSpan) -> list[Token]:
        """Tokens after the quote up to the end of its sentence, the next quote or the
        paragraph end: where "..., he said" is."""
        p_end = self.paragraphs[self.paragraph_of(quote.end - 1)][1]
        found = []
        first = self.token_at(quote.end)
        for i in range(first, min(len(self.doc), first + FRAME_TOKENS)):
            token = self.doc[i]
            if token.idx >= p_end or self.quote_around(token.idx) is not None:
                break
            if token.text in SENTENCE_END:
                break
            if not token.is_space:
                found.append(token)
        return found

    def before(self, quote: QuotedSpan) -> list[Token]:
        """Tokens before the quote back to the start of its sentence, the previous quote or
        the paragraph start, in text order: where "He said:" is. A quote that opens a
        paragraph after one ending in a colon ("Caddell continued:") takes that colon's
        sentence."""
        para = self.paragraph_of(quote.start)
        p_start = self.paragraphs[para][0]
        if quote.start <= p_start and para > 0:
            prev_start, prev_end = self.paragraphs[para - 1]
            if self.text[prev_end - 1] != ":":
                return []
            p_start = prev_start
        found = []
        first = self.token_at(quote.start) - 1
        for i in range(first, max(first - FRAME_TOKENS, -1), -1):
            token = self.doc[i]
            if token.idx < p_start or self.quote_around(token.idx) is not None:
                break
            if token.text in SENTENCE_END:
                break
            found.append(token)
        found.reverse()
        return [t for t in found if not t.is_space]


@lru_cache(maxsize=8)
def _hashes(strings: Any, words: frozenset[str]) -> frozenset[int]:
    """The string-store hashes of `words` (the same few word lists for every document)."""
    return frozenset(strings[w] for w in words)


def words(tokens: list[Token]) -> Iterator[Token]:
    """The tokens that are words (no punctuation or spaces)."""
    return (t for t in tokens if not (t.is_punct or t.is_space))
