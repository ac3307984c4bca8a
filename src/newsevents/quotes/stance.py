"""Stances said with an adjective or a noun of the predicate: "Marcus has been critical of
Trump", "Weber is eager to help", "aides are aware that ...", "Obama made clear that ...",
"Schlafly was a strong supporter of Trump". PolNeAR counts them as attributions: the
adjective (or noun) is the cue, the subject its source, what it is about the content.
"""

from __future__ import annotations

from typing import Any

Token = Any  # spacy.tokens.Token
# how the stance word links to its holder: predicate of "be"/"make", or an apposition
_PREDICATE = frozenset({"acomp", "attr", "oprd", "ccomp", "xcomp"})
_CLAUSES = frozenset({"ccomp", "advcl", "xcomp", "acl"})
_EXPLETIVES = frozenset({"it", "there"})


def stance_content(word: Token, preps: frozenset[str]) -> tuple[str, list[Token]] | None:
    """(form, tokens) of what the stance word is about: the object of one of its
    prepositions ("critical of Trump"), or its clause ("confident that ...", "eager to
    help"), or the clause of "make" for "made (it) clear that ..."; None without one."""
    if word.dep_ not in _PREDICATE and word.dep_ != "appos":
        return None
    for child in word.rights:
        if child.dep_ == "prep" and child.lower_ in preps:
            tokens = list(child.subtree)[1:]
            if tokens:
                return "topic", tokens
        if child.dep_ in _CLAUSES and child.pos_ in {"VERB", "AUX"}:
            form = "infinitive" if any(c.tag_ == "TO" for c in child.children) else "clause"
            return form, list(child.subtree)
    head = word.head
    if head.lemma_.lower() in {"make", "be"}:  # "made clear that ...", "it is unclear whether"
        for child in head.rights:
            if child.i > word.i and child.dep_ in _CLAUSES and child.pos_ in {"VERB", "AUX"}:
                return "clause", list(child.subtree)
    return None


def stance_holder(word: Token) -> Token | None:
    """Who holds the stance: the subject of the verb the word completes ("Marcus has been
    critical"), or the noun it stands in apposition to ("Schlafly, a supporter of ...");
    None for an empty subject ("it is unclear whether ...")."""
    if word.dep_ == "appos":
        return word.head
    for child in word.head.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return None if child.lower_ in _EXPLETIVES else child
    return None
