"""Where the reported clause of a cue is: the clausal complement of a verb of saying (or
what the parser made of it: an open complement, an indirect question taken for an adverbial
clause, a that-clause hung on "in a statement"), the clause a parenthetical "he said" hangs
on, and the sentence an adjunct cue ("according to X") modifies.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from newsevents.quotes.attribution import is_cue_verb
from newsevents.quotes.cues import Cues
from newsevents.quotes.layout import words

Token = Any  # spacy.tokens.Token
_PARENTHETICAL = frozenset({"parataxis", "ccomp", "advcl", "conj"})
SET_OFF_MARKS = frozenset({",", "—", "–", "--", "("})


def reported_clause(cue: Token) -> list[Token] | None:
    """The clausal complement of the cue; the one after it when there are two ("While not
    everything he says is true, Jamieson said Trump is ...")."""
    clauses = [c for c in cue.children if c.dep_ == "ccomp" or _bare_clause(c) or _question(c)]
    if not clauses:
        return _clause_of_medium(cue)
    after = [c for c in clauses if c.i > cue.i]
    clause = (after or clauses)[0]
    end = clause.right_edge.i
    for child in cue.rights:  # "said the plan was sound but that it came too late"
        if child.dep_ == "conj" and child.i > end and _marked_that(child):
            end = child.right_edge.i
    return list(cue.doc[clause.left_edge.i : end + 1])


def _marked_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _bare_clause(child: Token) -> bool:
    """A reported clause the parser took for an open complement ("said legalizing it could
    create jobs": "legalizing" as xcomp), which has a clause of its own under it."""
    return (
        child.dep_ == "xcomp"
        and not any(c.tag_ == "TO" for c in child.children)
        and any(c.dep_ == "ccomp" for c in child.children)
    )


def _question(child: Token) -> bool:
    """An indirect question the parser took for an adverbial clause ("asked Sanders if the
    primary had been rigged")."""
    return (
        child.dep_ == "advcl"
        and child.i > child.head.i
        and any(c.dep_ == "mark" and c.lower_ in {"if", "whether"} for c in child.children)
    )


def _clause_of_medium(cue: Token) -> list[Token] | None:
    """ "said in a statement that ...": the parser hangs the that-clause on the medium."""
    for prep in cue.children:
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        for medium in prep.children:
            for clause in medium.children:
                if clause.dep_ in {"acl", "ccomp", "relcl"} and _marked_that(clause):
                    return list(clause.subtree)
    return None


def parenthetical(cue: Token, cues: Cues) -> list[Token] | None:
    """ "The plan will fail, he said", "The plan, he said, will fail" or "As he said, the plan
    will fail": the clause that a verb of saying hangs on as a parenthetical, without the
    parenthetical itself."""
    head = cue.head
    if cue.dep_ not in _PARENTHETICAL or head.i == cue.i or not is_cue_verb(cue, cues.speech):
        return None
    if bare_participle(cue):
        return None  # "..., he said when asked about it": "asked" is no parenthetical
    topics = cues.frames.preposition.get(cue.lemma_.lower(), frozenset())
    if any(c.dep_ == "prep" and c.lower_ in topics for c in cue.children):
        return None  # "..., responding to the charge": the verb's content is its topic
    doc = cue.doc
    left, right = cue.left_edge.i, cue.right_edge.i
    while left < cue.i and doc[left].is_punct:  # the commas hang on the cue
        left += 1
    while right > cue.i and doc[right].is_punct:
        right -= 1
    after_comma = left > 0 and doc[left - 1].text in SET_OFF_MARKS
    if not (head.i < cue.i and after_comma and cue.dep_ == "parataxis") and any(
        c.dep_ in {"dobj", "ccomp", "xcomp"} for c in cue.children
    ):
        return None  # the verb has an object of its own: no parenthetical
    as_clause = any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)
    if head.i > cue.i and not (as_clause or set_off(doc, left, right)):
        return None  # "he said the plan will fail" misparsed: not a parenthetical
    tokens = [t for t in head.subtree if not left <= t.i <= right]
    return tokens if as_clause or any(t.i < left for t in tokens) else None


def bare_participle(cue: Token) -> bool:
    """ "Asked about the plan, Trump said ...": a past participle heading an adjunct is passive,
    and who asked is not said (the subject of the main clause answers, it does not ask)."""
    return (
        cue.tag_ == "VBN"
        and cue.dep_ in {"advcl", "acl"}
        and not any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in cue.children)
    )


def set_off(doc: Any, left: int, right: int) -> bool:
    """Whether tokens `left`..`right` stand between commas or dashes (", he said,")."""
    while left > 0 and doc[left - 1].is_space:
        left -= 1
    while right + 1 < len(doc) and doc[right + 1].is_space:
        right += 1
    before = doc[left - 1].text if left > 0 else ""
    after = doc[right + 1].text if right + 1 < len(doc) else ""
    return before in SET_OFF_MARKS and after in SET_OFF_MARKS


def clause_head(adjunct: Token) -> Token:
    """The verb of the clause that an adjunct ("according to X", "in a poll") modifies."""
    head = adjunct.head
    while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
        head = head.head
    return head


def modifies_cue(adjunct: Token, cues: Cues) -> bool:
    """Whether the clause an adjunct cue modifies has a verb of the lexicon as its head."""
    return bool(clause_head(adjunct).lemma_.lower() in cues.cue_words)


def modified_clause(according: Token) -> list[Token] | None:
    """The sentence that "according to X" modifies, without the phrase itself: annotators
    attribute all of it ("Trump received 37 percent, Clinton had 36 percent and ...")."""
    head = clause_head(according)
    while head.head.i != head.i:
        head = head.head
    phrase = {t.i for t in according.subtree}
    tokens = [t for t in head.subtree if t.i not in phrase]
    if not tokens:
        return None
    # the contiguous part on the far side of the phrase from the source
    before = [t for t in tokens if t.i < according.i]
    after = [t for t in tokens if t.i > according.i]
    return after if len(list(words(after))) >= len(list(words(before))) else before


def before_next_cue(content: list[Token], next_cues: list[int]) -> tuple[list[Token], Token | None]:
    """The content up to a cue verb of the same speaker that the parser hung inside it:
    "said she had no plans to leave and would not name a successor", "said he saw no need
    to change, telling reporters that ...": a finite verb (or one with an auxiliary of its
    own) coordinated without a subject, or a participle of saying after a comma, opens the
    speaker's next attribution, not a part of this one. `next_cues` are the sorted indices
    of such verbs in the document (`next_cues`): looked up, not searched, so that a long
    chain of "A said B said ..." stays linear. Returns the content and that verb."""
    if len(content) < 2:
        return content, None
    first, last = content[0].i, content[-1].i
    doc = content[0].doc
    for k in range(bisect_right(next_cues, first), len(next_cues)):
        i = next_cues[k]
        if i > last:
            break
        if first <= doc[i].head.i <= last:
            cut = doc[i].left_edge.i
            return without_trailing_joiners([t for t in content if t.i < cut]), doc[i]
    return content, None


def next_cues(doc: Any, cues: Cues) -> list[int]:
    """Indices of the verbs that may open a speaker's next attribution (`before_next_cue`)."""
    if not len(doc):
        return []
    # the dependency labels from the parse's array: a Token object per word costs more
    strings = doc.vocab.strings
    deps = doc.to_array("DEP")
    joined = ((deps == strings["conj"]) | (deps == strings["advcl"])).nonzero()[0].tolist()
    return [i for i in joined if _next_cue(doc[i], cues)]


def _next_cue(verb: Token, cues: Cues) -> bool:
    """Whether `verb` is a cue verb of the speaker of the content it stands in."""
    lemma = verb.lemma_.lower()
    if lemma not in cues.reporting and lemma not in cues.frames.verbs:
        return False
    deps = {c.dep_ for c in verb.children}
    if deps & {"nsubj", "nsubjpass", "expl", "mark"}:
        return False
    doc = verb.doc
    if verb.dep_ == "conj":
        return verb.tag_ in {"VBD", "VBZ", "VBP"} or "aux" in deps
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and lemma in cues.speech:
        return verb.left_edge.i > 0 and doc[verb.left_edge.i - 1].text == ","
    return False


def without_trailing_joiners(tokens: list[Token]) -> list[Token]:
    """The tokens without the conjunctions, punctuation and spaces at their end ("... and")."""
    kept = list(tokens)
    while kept and (kept[-1].dep_ == "cc" or kept[-1].is_punct or kept[-1].is_space):
        kept.pop()
    return kept
