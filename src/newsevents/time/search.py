"""Where in a text the grammar's rules are worth trying: the search machinery of `Grammar.find`.

Trying some thirty regular expressions at every position of an article costs more than all the
rest of the temporal tagger, and almost every position holds no time expression. Two filters
cut the work without changing a single match:

- windows: every expression contains a trigger word (a digit, a month, a unit, "now", ...) and
  reaches less than `WINDOW` characters to either side of it, so the rules run only in the
  parts of the text around trigger words (`windows`);
- needs: a rule names the words one of which each of its matches contains ("duration" needs a
  unit word, "month" a month name); a rule whose words occur nowhere in a window is not tried
  there (`present`).

Both are exact, not heuristics: the rules are compiled case-insensitively, and `fold` lowers
the text the way such a regular expression compares letters, so a word the regular expression
would see is never missed by the plain substring test.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

WINDOW = 48  # characters searched on either side of a trigger word
DIGIT = r"\d"  # a need met by any decimal digit, as `\d` matches it
_DIGIT = re.compile(DIGIT)
# the characters that a case-insensitive regular expression equates with an ASCII letter but
# str.lower() does not (and U+0130, whose str.lower() is two characters long): checked against
# the `re` module for every code point when this table was written
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of words (longest first), spaces matching any whitespace."""
    parts = sorted({w.lower() for w in words}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts) + ")"


def trie_alternation(words: Iterable[str]) -> str:
    """The language of `alternation(words)` as a trie: one comparison per character instead
    of one per word. It matches what the alternation matches, the longest word first: at a
    given position the text follows at most one branch of the trie, and longer continuations
    are tried before the word that ends earlier."""
    trie: dict[str, dict] = {}
    for word in {w.lower() for w in words}:
        node = trie
        for piece in re.findall(r"\s+|\S", word):  # a space matches any run of whitespace
            node = node.setdefault(r"\s+" if piece.isspace() else re.escape(piece), {})
        node[""] = {}  # a word ends here

    def pattern(node: dict[str, dict]) -> str:
        branches = [key + pattern(child) for key, child in sorted(node.items()) if key]
        if "" in node:
            branches.append("")  # tried last: the longest word wins
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return pattern(trie)


def fold(text: str) -> str:
    """`text` in lower case, of the same length, as a case-insensitive regular expression
    compares its letters with ASCII ones (see `_FOLD`)."""
    return text.translate(_FOLD).lower()


def windows(text: str, trigger: re.Pattern[str]) -> list[tuple[int, int]]:
    """The parts of `text` around the matches of `trigger`, merged, never cutting a word."""
    found: list[tuple[int, int]] = []
    for m in trigger.finditer(text):
        start, end = max(0, m.start() - WINDOW), min(len(text), m.end() + WINDOW)
        if found and end <= found[-1][1]:
            # inside the last window, which already runs to the end of this word: looking
            # again would make a long run of digits quadratic ("1" * 100_000: minutes)
            continue
        while end < len(text) and not text[end].isspace():  # never cut a word
            end += 1
        if found and start <= found[-1][1]:
            found[-1] = (found[-1][0], end)
        else:
            found.append((start, end))
    return found


def present(folded: str, start: int, end: int, words: Iterable[str]) -> set[str]:
    """Which of `words` (lower case) occur in `folded[start:end]`, plus `DIGIT` when a digit
    does."""
    piece = folded[start:end]
    hits = {w for w in words if w in piece}
    if _DIGIT.search(piece):
        hits.add(DIGIT)
    return hits
