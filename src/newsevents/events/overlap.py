"""When one candidate trigger is part of another's predicate and is no event of its own.

A noun the governing verb's pattern names ("launched a mediation effort": the pattern
"launch: mediation effort" is the event), what a rejecting verb cuts off ("boycott the
summit") and the content of an intention ("threat to launch an operation") are coded once,
by the trigger that governs them.
"""

from __future__ import annotations

from newsevents.events import syntax
from newsevents.events.slots import INTENT_TYPES
from newsevents.events.syntax import Token
from newsevents.events.triggers import Candidate

# links from an intention down to its content ("threat to launch", "agreed to cooperate")
_CONTENT_LINKS = {"xcomp", "ccomp", "acl", "pcomp", "pobj", "prep"}
# links inside the object phrase of a verb: "launched [a mediation effort]", "called for
# [an end to the siege]"
_OBJECT_PHRASE_LINKS = {
    "compound", "amod", "nmod", "dobj", "pobj", "prep", "oprd", "attr", "dative", "conj",
}  # fmt: skip


def refused_by_head(noun: Token, candidates: dict[int, Candidate]) -> bool:
    """ "boycotted the summit": what the governing verb rejects or cuts off."""
    verb = candidates.get(noun.head.i)
    coding = verb.coding if verb is not None else None
    return noun.dep_ == "dobj" and coding is not None and coding.type in {"REJECT", "SANCTION"}


def naming_verb(noun: Token, candidates: dict[int, Candidate]) -> Candidate | None:
    """The verbal trigger whose lexicon pattern names this noun in the object phrase it
    matched, so that the two form one predicate: "denied the charges" (a denial, CAMEO 016,
    not a charge), "launched a mediation effort" (the noun inside the named phrase)."""
    current = noun
    for head in syntax.governors(noun):
        if current.dep_ not in _OBJECT_PHRASE_LINKS:
            return None
        if head.pos_ in {"VERB", "AUX"}:
            verb = candidates.get(head.i)
            if verb is None or verb.kind != "verb":
                return None
            lemma = noun.lemma_.lower()
            return verb if any(lemma in term.split() for term in verb.match.terms) else None
        current = head
    return None


def attacked_by(noun: Token, candidates: dict[int, Candidate]) -> Candidate | None:
    """The attack whose target a nominal trigger is ("rebels ambushed an army patrol"):
    the patrol is what was hit, not an act of its own."""
    verb = candidates.get(noun.head.i) if noun.dep_ in {"dobj", "nsubjpass"} else None
    if verb is None or verb.kind != "verb" or verb.coding is None:
        return None
    return verb if verb.coding.type == "ASSAULT" else None


def intent_above(trigger: Token, candidates: dict[int, Candidate]) -> Candidate | None:
    """The intention trigger whose content `trigger` is, within three links."""
    current = trigger
    for head in list(syntax.governors(trigger))[:3]:
        if current.dep_ not in _CONTENT_LINKS:
            return None
        found = candidates.get(head.i)
        if current.dep_ == "ccomp":
            # "reiterated its demand that Israel ease ...": the parser may hang the content
            # clause of the object noun on the verb
            found = found or _intent_object(head, current, candidates)
        if found is not None and found.coding is not None and found.coding.type in INTENT_TYPES:
            return found
        current = head
    return None


def _intent_object(
    verb: Token, clause: Token, candidates: dict[int, Candidate]
) -> Candidate | None:
    """The nominal trigger the verb takes as object before `clause` ("its demand")."""
    for child in verb.children:
        found = candidates.get(child.i)
        if child.dep_ == "dobj" and child.i < clause.i and found is not None:
            return found
    return None
