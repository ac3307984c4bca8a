"""An attribution as PARC and PolNeAR annotate it: source, cue and content; and the parse
helpers that find the source of a cue and the extent of a mention or a clause."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsevents.events.syntax import inherited_subject
from newsevents.quotes.cues import Cues
from newsevents.quotes.marks import QuotedSpan

Token = Any  # spacy.tokens.Token
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
PERSONAL = frozenset({"he", "she", "they", "we", "i", "it"})
_EDGE_PUNCT = frozenset(",;:—–-.")
GOVERNING_STEPS = 3  # how far above a subjectless cue its speaker's verb may be


@dataclass(slots=True)
class Attribution:
    """What one source says (direct) or is reported to say, think or show (indirect)."""

    kind: str  # direct | indirect
    start: int  # the content
    end: int
    cue: list[Token] = field(default_factory=list)  # the cue word; empty without a cue
    source: Token | None = None  # head of the source mention
    source_span: tuple[int, int] | None = None
    quote: QuotedSpan | None = None
    inherited: bool = False  # cue and source taken from the quote before
    form: str = "quote"  # quote | clause | infinitive | object | topic (see indirect.py)


def is_cue_verb(token: Token, lemmas: frozenset[str], infinitive: bool = True) -> bool:
    """A verb of the lexicon; with `infinitive` false, not a to-infinitive (a quote after
    "to counter" is the object of the verb, not a statement)."""
    if not token.tag_.startswith("VB") or token.lemma_.lower() not in lemmas:
        return False
    return infinitive or not (token.tag_ == "VB" and any(c.tag_ == "TO" for c in token.children))


def phrase_cue(token: Token, cues: Cues) -> Token | None:
    """For "according" in "according to X", the object X (the source); else None."""
    lower = token.lower_
    for phrase, dep in cues.phrases.items():
        words = phrase.split()
        if lower != words[0] or token.i + len(words) > len(token.doc):
            continue
        span = token.doc[token.i : token.i + len(words)]
        if [t.lower_ for t in span] != words:
            continue
        for t in span:
            for child in t.children:
                if child.dep_ == dep and child.i >= span.end:
                    return child
        after = token.doc[span.end] if span.end < len(token.doc) else None
        return after if after is not None and after.pos_ in {"PROPN", "NOUN", "PRON"} else None
    return None


def cue_tokens(cue: Token, cues: Cues) -> list[Token]:
    """The cue word with its particle, negation and auxiliaries ("pointed out", "has
    learned"), or the whole phrase ("according to")."""
    lower = cue.lower_
    for phrase in cues.phrases:
        words = phrase.split()
        if lower != words[0]:
            continue
        span = cue.doc[cue.i : cue.i + len(words)]
        if [t.lower_ for t in span] == words:
            return list(span)
    parts = [cue] + [c for c in cue.children if c.dep_ in {"prt", "neg", "aux", "auxpass"}]
    return sorted(parts, key=lambda t: t.i)


def source_of(cue: Token, allowed: Any) -> Token | None:
    """The source of a cue verb: its subject, or the subject it shares with the verb above
    ("smiled and said", "..., adding that"), or a name or pronoun right next to it when the
    parser missed the inversion ("..., said Caddell"). `allowed(token)` rules out tokens
    that cannot be the source (inside the quote itself)."""
    for child in cue.children:
        if child.dep_ in SUBJECTS and allowed(child):
            return child  # a relative "who" stays: the speaker module resolves it
    subject = inherited_subject(cue)
    if subject is not None and subject.i != cue.i and allowed(subject):
        return subject
    head = cue  # "continued by saying", "released a statement saying": the verb above
    for _ in range(GOVERNING_STEPS):
        if head.head.i == head.i:
            break
        head = head.head
        if head.pos_ in {"VERB", "AUX"}:
            for child in head.children:
                if child.dep_ in SUBJECTS and allowed(child):
                    return child
    doc = cue.doc
    for i in (cue.i + 1, cue.i - 1):
        if 0 <= i < len(doc):
            near = doc[i]
            # a name the tagger missed ("said Skelly" as an adverb) is still capitalised
            named = near.pos_ == "PROPN" or (near.is_alpha and near.text[:1].isupper())
            named = named and near.ent_type_ not in {"DATE", "TIME"}  # "said Tuesday"
            if allowed(near) and (named or near.lower_ in PERSONAL):
                while near.dep_ in {"compound", "flat"} and near.head.pos_ == "PROPN":
                    near = near.head
                return near
    return None


def mention_span(head: Token, allowed: Any, cue: Token | None = None) -> tuple[int, int]:
    """Characters of the source mention headed by `head`: its subtree as far as it stays
    out of quotes and out of the cue's clause ("Smith, who said ..."), without punctuation
    at the edges ("Yuri Ushakov, Putin's adviser")."""
    clause: set[int] = set()
    if cue is not None:  # the branch of the mention that holds the cue
        branch = cue
        while branch.head.i != branch.i and branch.head.i != head.i:
            branch = branch.head
        if branch.head.i == head.i and branch.i != head.i:
            clause = {t.i for t in branch.subtree}
    tokens = [t for t in head.subtree if allowed(t) and t.i not in clause]
    if head not in tokens:
        tokens = [head]
    # keep the contiguous run around the head
    left = right = tokens.index(head)
    while left > 0 and tokens[left - 1].i == tokens[left].i - 1:
        left -= 1
    while right + 1 < len(tokens) and tokens[right + 1].i == tokens[right].i + 1:
        right += 1
    return token_span(tokens[left : right + 1])


def token_span(tokens: list[Token]) -> tuple[int, int]:
    """Characters of a run of tokens without spaces and punctuation at its edges (quotation
    marks stay: they belong to a content that ends in a quote)."""
    run = list(tokens)
    while len(run) > 1 and (run[0].is_space or run[0].text in _EDGE_PUNCT):
        run.pop(0)
    while len(run) > 1 and (run[-1].is_space or run[-1].text in _EDGE_PUNCT):
        run.pop()
    return run[0].idx, run[-1].idx + len(run[-1].text)
