"""Quoted spans from quotation marks alone (no parse): which mark opens, which closes.

News text is typographically messy, so a mark's glyph is weak evidence of its direction:
the founding example opens a quote with a closing mark (`”The contact ... important,”`).
The direction comes first from the characters around the mark, as Markdown reads emphasis:
a mark followed by a word and preceded by a space (or a line start, a bracket, a dash) opens;
one preceded by a word or punctuation and followed by a space or punctuation closes. Only
when the context says both or neither does the glyph decide (“ opens, ” closes) and, for a
straight mark, the state (a straight quote is open: it closes).

Marks pair on a stack per family (straight, curly, guillemets), so a quote can contain
another of a different or the same family (`"... the question: “As you know ...” ..."`). Single
marks count only inside a double quote, and only as nested quotes: outside, ’ is mostly an
apostrophe. A paragraph (text between line breaks) that ends inside a quote continues it
when the next paragraph opens with a mark, the convention for quotes over several paragraphs;
otherwise the quote ends with its paragraph. A closing mark with no opening one closes a
quote that starts at the paragraph (or the end of the previous quote in it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DOUBLE_FAMILY = {'"': '"', "“": "“", "”": "“", "„": "“", "‟": "“", "«": "«", "»": "«"}
SINGLE_FAMILY = {"'": "'", "‘": "‘", "’": "‘", "‚": "‘", "‛": "‘"}
OPENING_GLYPHS = frozenset(["“", "„", "‟", "«", "‘", "‚", "‛", "``"])
CLOSING_GLYPHS = frozenset("”»’")
ALL_MARKS = frozenset(DOUBLE_FAMILY) | frozenset(SINGLE_FAMILY)
# characters after which a mark followed by a word opens a quote
_BEFORE_OPENING = frozenset("([{—–-/") | ALL_MARKS
# characters after which a mark preceded by a word closes a quote
_AFTER_CLOSING = frozenset(".,;:!?)]}—–-…") | ALL_MARKS
# two apostrophes or backticks stand for a double mark in some typesetting (''...'', ``...'')
_MARK_RE = re.compile("''|``|[\"“”„‟«»'‘’‚‛]")
DOUBLE_FAMILY.update({"''": '"', "``": '"'})
_PARAGRAPH_RE = re.compile(r"[^\n]+")

OPEN, CLOSE = "open", "close"


@dataclass(slots=True)
class QuotedSpan:
    """A stretch of text between quotation marks.

    `start`/`end` include the marks (when present); `content_start`/`content_end` are the
    words inside them. `opened`/`closed` say whether the marks were there; `paragraphs` how
    many paragraphs the quote runs over; `nested` the content spans of quotes inside it.
    """

    start: int
    end: int
    content_start: int
    content_end: int
    opened: bool = True
    closed: bool = True
    paragraphs: int = 1
    nested: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class _Open:
    family: str
    start: int  # offset of the opening mark, or of the content when it has none
    content_start: int
    opened: bool = True
    paragraphs: int = 1
    nested: list[tuple[int, int]] = field(default_factory=list)


def direction(text: str, i: int, glyph: bool = True, width: int = 1) -> str | None:
    """Whether the mark at `text[i]` opens or closes a quote; None when nothing tells.

    With `glyph` false only the context counts: a single mark between two letters is an
    apostrophe ("don’t"), whatever its shape.
    """
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + width] if i + width < len(text) else "\n"
    opens = not after.isspace() and (before.isspace() or before in _BEFORE_OPENING)
    closes = not before.isspace() and (after.isspace() or after in _AFTER_CLOSING)
    if opens and not closes:
        return OPEN
    if closes and not opens:
        return CLOSE
    mark = text[i : i + width]
    if not glyph:
        return None
    if mark in OPENING_GLYPHS:
        return OPEN
    if mark in CLOSING_GLYPHS:
        return CLOSE
    return None


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of `text` without its edge spaces: the paragraphs
    of a news text."""
    spans = []
    for m in _PARAGRAPH_RE.finditer(text):
        line = m.group()
        stripped = line.strip()
        if stripped:
            start = m.start() + len(line) - len(line.lstrip())
            spans.append((start, start + len(stripped)))
    return spans


def find_quoted(text: str) -> list[QuotedSpan]:
    """The outermost quoted spans of `text`, in order (see the module docstring)."""
    found: list[QuotedSpan] = []
    carried: _Open | None = None  # a quote that runs on from the previous paragraph
    paras = paragraphs(text)
    for index, (p_start, p_end) in enumerate(paras):
        scanner = _ParagraphScanner(text, p_start, p_end, carried, found)
        carried = scanner.scan()
        if carried is None:
            continue
        next_start = paras[index + 1][0] if index + 1 < len(paras) else None
        if next_start is not None and _opens_paragraph(text, next_start):
            carried.paragraphs += 1
            continue
        found.append(_unclosed(text, carried, p_end))
        carried = None
    return found


def _opens_paragraph(text: str, start: int) -> bool:
    match = _MARK_RE.match(text, start)
    if match is None or match.group() not in DOUBLE_FAMILY:
        return False
    return direction(text, start, width=len(match.group())) != CLOSE


def _unclosed(text: str, quote: _Open, end: int) -> QuotedSpan:
    while end > quote.content_start and text[end - 1].isspace():
        end -= 1
    return QuotedSpan(
        quote.start,
        end,
        quote.content_start,
        end,
        quote.opened,
        False,
        quote.paragraphs,
        quote.nested,
    )


class _ParagraphScanner:
    """Pairs the marks of one paragraph; returns the outermost quote left open at its end."""

    def __init__(
        self, text: str, start: int, end: int, carried: _Open | None, found: list[QuotedSpan]
    ) -> None:
        self.text, self.start, self.end = text, start, end
        self.found = found
        self.stack: list[_Open] = []
        self.singles: list[int] = []  # content starts of open single-mark quotes
        self.last_end = start  # where a quote without an opening mark may start
        self.skip = -1
        if carried is not None:
            self.stack.append(carried)
            self.skip = start  # the mark that reopens the quote is no quote of its own

    def scan(self) -> _Open | None:
        for match in _MARK_RE.finditer(self.text, self.start, self.end):
            i = match.start()
            if i == self.skip:
                continue
            if match.group() in SINGLE_FAMILY:
                self._single(i)
            else:
                self._double(i, len(match.group()))
        return self.stack[0] if self.stack else None

    def _double(self, i: int, width: int) -> None:
        text, family = self.text, DOUBLE_FAMILY[self.text[i : i + width]]
        way = direction(text, i, width=width)
        if way is None:  # a straight mark with a word or a space on both sides
            way = CLOSE if any(o.family == family for o in self.stack) else OPEN
        if way == OPEN:
            self.stack.append(_Open(family, i, i + width))
            self.singles.clear()
            return
        depth = next(
            (d for d in range(len(self.stack) - 1, -1, -1) if self.stack[d].family == family),
            None,
        )
        if depth is None and len(self.stack) == 1:
            depth = 0  # mismatched glyphs: a straight quote closed by a curly mark
        if depth is None:
            if not self.stack and not text[i - 1].isdigit():  # 6'2" is a height
                self._missing_opening(i, width)
            return
        quote = self.stack[depth]
        del self.stack[depth:]
        self.singles.clear()
        if self.stack:  # a quote inside a quote
            self.stack[0].nested.append((quote.content_start, i))
            return
        self.found.append(
            QuotedSpan(
                quote.start,
                i + width,
                quote.content_start,
                i,
                quote.opened,
                True,
                quote.paragraphs,
                quote.nested,
            )
        )
        self.last_end = i + width

    def _missing_opening(self, i: int, width: int) -> None:
        start = self.last_end
        while start < i and self.text[start].isspace():
            start += 1
        if start < i:
            self.found.append(QuotedSpan(start, i + width, start, i, opened=False))
            self.last_end = i + width

    def _single(self, i: int) -> None:
        if not self.stack:
            return  # outside a double quote a single mark is mostly an apostrophe
        way = direction(self.text, i, glyph=False)
        if way == OPEN:
            self.singles.append(i + 1)
        elif way == CLOSE and self.singles:
            self.stack[0].nested.append((self.singles.pop(), i))
