"""Attributions in title-case headlines ("Jeb Bush Super PAC Chief Praises Rubio Donor",
"Clinton Urges Britain to Remain"), where the tagger reads every capitalised word as a name
and the parse has no verb to start from. The cue is the first word, after a name, that is
an inflected verb of the cue lexicon ("Praises", "Blasted"); the words before it are the
source and the rest of the line the content.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Any

from newsevents.quotes.attribution import Attribution, token_span
from newsevents.quotes.layout import Layout, words

Token = Any  # spacy.tokens.Token
MAX_WORDS = 20
MAX_SOURCE_WORDS = 6
TITLE_SHARE = 0.6  # share of capitalised words that makes a line a title-case headline
# the words of a name or a title ("Jeb Bush Super PAC Chief", "Clinton's Aide"), not "Why"
_NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "PART", "CCONJ", "PUNCT", "NUM", "DET"})
_WORD = re.compile(r"[^\W\d_]+")
_ENDINGS = (("ies", "y"), ("es", ""), ("es", "e"), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""))


def headline_attributions(layout: Layout, verbs: frozenset[str]) -> list[Attribution]:
    """One attribution per title-case line whose verb (an inflected lemma of `verbs`)
    follows a name and precedes at least one word."""
    found = []
    doc = layout.doc
    for start, end in layout.paragraphs:
        if not _title_case(layout.text[start:end]):
            continue  # decided on the text: most paragraphs never reach the tokens
        first = layout.token_at(start)
        line = [t for t in doc[first : layout.token_at(end)] if not t.is_space]
        for k, token in enumerate(line[1:], start=1):
            if token.text[:1].isupper() and _lemma(token.lower_, verbs) is not None:
                source, content = line[:k], line[k + 1 :]
                named = all(t.pos_ in _NAME_POS for t in source)
                if named and len(source) <= MAX_SOURCE_WORDS and list(words(content)):
                    found.append(_attribution(token, source, content, layout))
                break
    return [a for a in found if a is not None]


def _title_case(line: str) -> bool:
    """A short line whose words are mostly capitalised."""
    # a paragraph is no headline past its MAX_WORDS-th word: read no further
    alpha = [m.group() for m in islice(_WORD.finditer(line), MAX_WORDS + 1)]
    if not alpha or len(alpha) > MAX_WORDS:
        return False
    return sum(w[0].isupper() for w in alpha) >= TITLE_SHARE * len(alpha)


def _lemma(word: str, verbs: frozenset[str]) -> str | None:
    """The lemma of an inflected verb form of `verbs` ("praises" -> "praise"); a bare form
    is no headline verb (it is as often a noun: "Trump Support")."""
    for ending, replacement in _ENDINGS:
        if word.endswith(ending) and word[: -len(ending)] + replacement in verbs:
            return word[: -len(ending)] + replacement
    return None


def _attribution(
    cue: Token, source: list[Token], content: list[Token], layout: Layout
) -> Attribution | None:
    if any(layout.inside_quote(t) for t in [*source, cue]):
        return None
    content_start, content_end = token_span(content)
    attribution = Attribution(
        "indirect", content_start, content_end, cue=[cue], source=source[-1], form="clause"
    )
    attribution.source_span = token_span(source)
    return attribution
