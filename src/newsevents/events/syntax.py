"""Dependency-parse helpers for the event coder: phrases, subjects, objects, clause chains.

Everything here reads spaCy tokens (the coder is a step that reads the parse) and returns
tokens or plain values; nothing keeps a reference to the Doc beyond the call.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Token = Any  # spacy.tokens.Token; kept loose so this module does not import spaCy

SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OBJECTS = {"dobj", "dative", "attr", "oprd"}
# children that belong to a noun phrase naming an actor ("Russian President Vladimir Putin")
_PHRASE_LEFT = {"compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "case", "flat"}
_PHRASE_RIGHT = {"compound", "flat"}
# clause links through which a verb inherits its subject from the verb above it
_CONTROL_LINKS = {"xcomp", "advcl", "conj", "acl", "relcl", "pcomp"}


def phrase_tokens(token: Token) -> tuple[Token, Token]:
    """First and last token of the noun phrase headed by `token` (no clauses, appositions)."""
    left = right = token
    for child in token.lefts:
        if child.dep_ in _PHRASE_LEFT:
            left = min(left, _leftmost(child), key=lambda t: t.i)
    for child in token.rights:
        if child.dep_ in _PHRASE_RIGHT and child.i == right.i + 1:
            right = child
    return left, right


def phrase(token: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by `token`."""
    left, right = phrase_tokens(token)
    return left.idx, right.idx + len(right.text)


def _leftmost(token: Token) -> Token:
    edge = token
    for child in token.lefts:
        if child.dep_ in _PHRASE_LEFT:
            edge = min(edge, _leftmost(child), key=lambda t: t.i)
    return edge


def conjuncts(token: Token) -> list[Token]:
    """`token` and the nouns coordinated with it ("Putin and Erdogan")."""
    return [token, *[t for t in token.conjuncts if t.pos_ in {"NOUN", "PROPN", "PRON"}]]


def with_appositions(token: Token) -> list[Token]:
    """`token` then its appositions: "the supreme leader, Ayatollah Ali Khamenei"."""
    return [token, *[c for c in token.rights if c.dep_ == "appos"]]


def direct_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return child
    return None


def passive_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in PASSIVE_SUBJECTS:
            return child
    return None


def agent(head: Token) -> Token | None:
    """The "by" phrase of a passive verb or of a noun ("a visit to Iran by Erdogan")."""
    for child in head.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def inherited_subject(verb: Token) -> Token | None:
    """Subject of `verb`, or of the verbs it depends on through control links.

    "Iran wants to sell", "scheduled to meet", "met and agreed": the lower verb has no
    subject of its own and takes the one above. A relative clause takes the noun it
    modifies ("Raisi, who has warned ..." -> Raisi).
    """
    current = verb
    for _ in range(6):  # clause chains in news are short; the bound protects against cycles
        subject = direct_subject(current) or passive_subject(current)
        if subject is not None:
            if subject.tag_ in {"WP", "WDT"} and current.dep_ == "relcl":
                return current.head
            return subject
        if current.dep_ in {"relcl", "acl"} and current.head.pos_ in {"NOUN", "PROPN"}:
            return current.head if current.dep_ == "relcl" else None
        if current.dep_ not in _CONTROL_LINKS or current.head.i == current.i:
            return None
        current = matrix(current) if is_participle_adjunct(current) else current.head
    return None


def is_participle_adjunct(verb: Token) -> bool:
    """A subjectless -ing/-ed clause modifying another clause: "..., traveling to Iran"."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ in {"VBG", "VBN"}
        and direct_subject(verb) is None
        and passive_subject(verb) is None
        and not any(c.dep_ == "mark" for c in verb.children)
    )


def matrix(verb: Token) -> Token:
    """The clause a participle adjunct belongs to. After a dash it is the main clause: the
    parser tends to hang "— traveling to Iran" on the nearest verb, often a subordinate one."""
    head = verb.head
    dash_between = any(t.text in {"—", "–", "--"} for t in verb.doc[head.i + 1 : verb.i])
    return verb.sent.root if dash_between and head.i < verb.i else head


def objects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in OBJECTS]


def prepositional_objects(head: Token) -> Iterator[tuple[str, Token]]:
    """(preposition, object) pairs attached to `head`, including "out of"-style pairs."""
    for child in head.children:
        if child.dep_ in {"prep", "agent", "dative"} and child.pos_ == "ADP":
            for obj in child.children:
                if obj.dep_ in {"pobj", "pcomp"}:
                    yield child.lower_, obj


def particle(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ == "prt":
            return child.lower_
    return None


def governors(token: Token) -> Iterator[Token]:
    """The chain of heads above `token`, nearest first, up to the sentence root."""
    current = token
    for _ in range(40):
        if current.head.i == current.i:
            return
        current = current.head
        yield current
