"""Impressions: "Cruz seemed to lose ground", "the plan looks like a gamble", "it appears
that ...", which PolNeAR annotates with the verb as the cue, no source, and the subject with
the complement as the content; unless the complement is an act of the subject ("seemed to
blame the network", "is looking to unseat Trump"), whose source the subject is.
"""

from __future__ import annotations

from typing import Any

Token = Any  # spacy.tokens.Token
_COMPLEMENTS = frozenset({"xcomp", "acomp", "attr", "oprd", "ccomp"})
_LIKE = frozenset({"like", "as"})  # "looks like a gamble", "sounded as if"
_EXPLETIVES = frozenset({"it", "there"})


def impression(verb: Token) -> list[Token] | None:
    """The content of a raising verb: its subject and its complement ("Both objections
    seemed to carry little weight"), or the clause after an empty subject ("It appears that
    ..."); None when the verb has no complement ("Trump appeared at a rally")."""
    complement = next((c for c in verb.rights if _complement(c)), None)
    if complement is None:
        return None
    doc = verb.doc
    subject = next((c for c in verb.lefts if c.dep_ in {"nsubj", "nsubjpass"}), None)
    # an empty subject ("it appears") or a relative pronoun ("who seemed to") is no content
    if subject is None or subject.lower_ in _EXPLETIVES or subject.tag_ in {"WP", "WDT"}:
        subject = complement
    return list(doc[subject.left_edge.i : complement.right_edge.i + 1])


def _complement(child: Token) -> bool:
    return child.dep_ in _COMPLEMENTS or (child.dep_ == "prep" and child.lower_ in _LIKE)


def acts_through(verb: Token, cue_words: frozenset[str]) -> bool:
    """Whether the raising verb carries an act of its subject: "seemed to blame the network",
    "is looking to unseat Trump" (an intention), where the subject is the source."""
    for child in verb.rights:
        if child.dep_ == "xcomp" and any(c.tag_ == "TO" for c in child.children):
            return verb.lemma_.lower() == "look" or child.lemma_.lower() in cue_words
    return False
