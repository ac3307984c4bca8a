"""Words of a mention that name somebody other than the actor.

"anti-Syria journalist", "pro-Iranian militants", "Syrian-backed militia", "a Bosnia-style
war": the country or person inside such a compound is who the actor opposes, favours or is
backed by, not the actor itself. "ethnic Albanians" are a people, not the Albanian state.
"Israel's ally", "US allies": the country is the other side of the relation.

>>> sorted(detached_tokens("the Iranian-backed militia"))
[1]
>>> sorted(detached_tokens("anti-Putin protesters"))
[1]
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsevents.actors.kb import tokenize


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# "anti-X", "pro-X", "non-X": X is not the actor
PREFIXES = _words("anti pro non")
# "X-backed", "X-sponsored": X stands behind the actor, it is not the actor; "X-speaking": X
# names a language ("US-led" stays: a coalition led by the United States is coded as the
# United States)
SUFFIXES = _words(
    "backed sponsored funded financed supported allied aligned armed trained equipped inspired "
    "affiliated linked leaning friendly style speaking"
)
# a demonym after these words names a people, not the state ("ethnic Albanians in Serbia")
PEOPLE_WORDS = _words("ethnic")
# nouns of a relation to somebody else: the country that owns or modifies them is the other
# side ("Israel's militia ally", "US allies", "Iran's proxies", "Turkey's neighbours")
RELATIONAL = _words(
    "ally allies proxy proxies enemy enemies foe foes adversary adversaries rival rivals "
    "neighbour neighbours neighbor neighbors"
)
_HYPHEN = re.compile(r"[-‐‑‒–]")
_PUNCTUATION = "\"'“”‘’()[],.;:!?"


def detached_tokens(text: str, is_demonym: Callable[[str], bool] = lambda _: False) -> set[int]:
    """Indices (in `kb.tokenize(text)`) of the tokens inside "anti-X", "pro-X" and "X-backed"
    compounds that name somebody other than the actor, and of the first of two demonyms
    (`is_demonym`) joined by a hyphen: an "Iranian-German" is a German of Iranian descent, as
    a "Mexican-American" is an American."""
    detached: set[int] = set()
    position = 0
    for chunk in text.split():
        count = len(tokenize(chunk))
        parts = [p.strip(_PUNCTUATION) for p in _HYPHEN.split(chunk.lower())]
        parts = [p for p in parts if p]
        if count >= 2 and len(parts) >= 2:
            if parts[0] in PREFIXES:
                detached.update(range(position + 1, position + count))
            elif parts[-1] in SUFFIXES:
                detached.update(range(position, position + count - 1))
            elif len(parts) == 2 == count and all(is_demonym(p) for p in parts):
                detached.add(position)
        position += count
    return detached


def possessive_tokens(text: str) -> set[int]:
    """Indices (in `kb.tokenize(text)`) of the words written with a possessive ending
    ("Erdogan's", "the ministers'")."""
    found: set[int] = set()
    position = 0
    for chunk in text.split():
        count = len(tokenize(chunk))
        word = chunk.rstrip(_PUNCTUATION.replace("'", "").replace("’", ""))
        if count and word.lower().endswith(("'s", "’s", "s'", "s’")):
            found.add(position + count - 1)
        position += count
    return found
