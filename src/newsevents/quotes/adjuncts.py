"""Cues that are adjuncts of the clause they attribute: "In a CNN poll, Clinton led by
24 points" (the poll is the source), "He reportedly met the donors" (no source).
"""

from __future__ import annotations

from typing import Any

Token = Any  # spacy.tokens.Token


def record_source(token: Token, records: frozenset[str]) -> Token | None:
    """For "in" whose object is a record of findings ("in a poll", "in the latest
    survey"), the record; None otherwise."""
    if token.lower_ != "in" or token.dep_ != "prep":
        return None
    obj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if obj is None or obj.lemma_.lower() not in records:
        return None
    return obj


def hedged_clause(adverb: Token) -> list[Token] | None:
    """The clause that "reportedly" modifies, without the adverb."""
    if adverb.dep_ != "advmod" or adverb.head.pos_ not in {"VERB", "AUX"}:
        return None
    return [t for t in adverb.head.subtree if t.i != adverb.i] or None
