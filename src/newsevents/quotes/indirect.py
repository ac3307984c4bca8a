"""Indirect attributions from the parse: "Sullivan said that US intelligence indicates ...",
"according to the Kremlin, ...", "The plan will fail, he said", "Iran vowed to respond",
"Erdogan called for talks".

A cue is a verb of the cue lexicon outside quotes, not already the cue of a direct quote.
What it attributes, in this order (the `form` of the attribution):

- clause: the clausal complement (ccomp) of a reporting verb, wherever it stands; a verb
  of saying that the parser hung on the reported clause as a parenthetical ("The plan will
  fail, he said") takes the clause before it; "according to X" the clause it modifies;
- infinitive: the to-infinitive of a verb of intention or appeal, with the object before
  it ("urged Congress to act");
- object: the direct object of a verb of stance or announcement, with the object's
  complements ("denounced the plan as reckless"); for a naming verb only an object with
  its predicate ("called the senator a “nasty guy”");
- topic: the object of the preposition a verb takes for its content ("called for talks").

The source is the cue's subject (or the object of "according to").
"""

from __future__ import annotations

from typing import Any

from newsevents.events.syntax import agent
from newsevents.quotes.attribution import (
    Attribution,
    is_cue_verb,
    mention_span,
    phrase_cue,
    source_of,
    token_span,
)
from newsevents.quotes.cues import Cues
from newsevents.quotes.layout import Layout, words

Token = Any  # spacy.tokens.Token
MIN_CONTENT_WORDS = 2
_PARENTHETICAL = frozenset({"parataxis", "ccomp", "advcl", "conj"})
_OBJECTS = frozenset({"dobj"})
_PREDICATES = frozenset({"oprd", "xcomp", "attr", "ccomp"})
_OBJECT_PREPS = frozenset({"as", "for", "of", "over"})
CLAUSE, INFINITIVE, OBJECT, TOPIC = "clause", "infinitive", "object", "topic"
# dependents of a cue that are never part of its content
_NOT_CONTENT = frozenset({"conj", "cc", "punct", "parataxis", "nsubj", "nsubjpass", "aux", "neg"})
_APPENDIX_MARKS = frozenset({",", "—", "–", "--", "("})
_APPENDIX_DEPS = frozenset({"relcl", "appos", "acl", "advcl", "npadvmod", "prep", "parataxis"})


def indirect_attributions(layout: Layout, cues: Cues, taken: set[int]) -> list[Attribution]:
    """Attributions whose content is a part of the text; `taken` holds the token indices of
    cues already used by direct quotes."""
    found: list[Attribution] = []

    def allowed(token: Token) -> bool:
        return not layout.inside_quote(token)

    phrase_starts = frozenset(p.split()[0] for p in cues.phrases)
    for token in layout.tokens_with_lemma(cues.cue_words | phrase_starts):
        if token.i in taken or layout.inside_quote(token):
            continue
        source = phrase_cue(token, cues)
        passive = False
        if source is not None:
            form, content = CLAUSE, _modified_clause(token)
        elif token.pos_ == "NOUN":
            form, content, source = _noun_attribution(token, cues, allowed)
        elif not token.tag_.startswith("VB"):
            continue
        else:
            form, content = _content(token, cues)
            passive = bool(content) and _passive(token)
            if content and not passive:
                source = source_of(token, allowed)
            elif passive:  # "is expected to win": no source, unless "by X"
                source = agent(token)
                content = _passive_content(token) or content
        if (source is None and not passive) or not content:
            continue
        nested = phrase_cue(token, cues) is not None  # "..., he said, according to CNN"
        if not nested and not all(allowed(t) or _partial(t, layout) for t in content):
            continue  # a clause inside a direct quote belongs to that quote
        if len(list(words(content))) < MIN_CONTENT_WORDS:
            continue
        start, end = token_span(trim_appendix(content))
        end = _through_partial_quote(layout, end)
        attribution = Attribution("indirect", start, end, cue=[token], source=source, form=form)
        if source is not None:
            attribution.source_span = mention_span(source, allowed, token)
        found.append(attribution)
    return found


def _content(cue: Token, cues: Cues) -> tuple[str, list[Token] | None]:
    """The form and tokens of what the cue verb attributes, or (form, None)."""
    frames = cues.frames
    if is_cue_verb(cue, cues.reporting):
        clause = _reported_clause(cue) or _parenthetical(cue, cues)
        if clause:
            return CLAUSE, clause
    lemma = cue.lemma_.lower()
    if lemma not in frames.verbs:
        return CLAUSE, None
    if lemma in frames.infinitive:
        infinitive = _infinitive(cue)
        if infinitive:
            return INFINITIVE, infinitive
    if lemma in frames.object or lemma in frames.naming:
        obj = _object(cue, predicate=lemma not in frames.object)
        if obj:
            return OBJECT, obj
    preps = frames.preposition.get(lemma, frozenset())
    for child in cue.children:
        if child.dep_ in {"prep", "dative"} and child.lower_ in preps:
            topic = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
            if topic is not None:
                return TOPIC, _rest_of_clause(cue, child)[1:]
    return CLAUSE, None


def _noun_attribution(
    noun: Token, cues: Cues, allowed: Any
) -> tuple[str, list[Token] | None, Token | None]:
    """ "his call for talks", "Trump's claim that ...", "made remarks about ...": the content
    of a noun cue and who holds it (possessor, "by" agent, or the subject of the verb whose
    object the noun is)."""
    preps = cues.nouns.get(noun.lemma_.lower())
    if preps is None:
        return CLAUSE, None, None
    content = None
    for child in noun.children:
        if child.dep_ in {"acl", "ccomp"} and child.pos_ in {"VERB", "AUX"}:
            content = list(child.subtree)
            break
        if child.dep_ == "prep" and child.lower_ in preps:
            content = list(child.subtree)[1:]
            break
    if not content:
        return CLAUSE, None, None
    holder = next((c for c in noun.children if c.dep_ == "poss"), None) or agent(noun)
    if holder is None and noun.dep_ in {"dobj", "attr"} and noun.head.pos_ == "VERB":
        holder = source_of(noun.head, allowed)
    if holder is None or not allowed(holder):
        return CLAUSE, None, None
    return TOPIC, content, holder


def _passive(cue: Token) -> bool:
    """A passive cue: "is expected to", or "... and is regarded by Washington as"."""
    deps = {c.dep_ for c in cue.children}
    return "nsubjpass" in deps or ("auxpass" in deps and agent(cue) is not None)


def _passive_content(cue: Token) -> list[Token] | None:
    """ "Clinton is expected to win", "the plan is seen as a gamble": the subject with the
    complement, the cue between them."""
    subject = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    if subject is None:
        return None  # "... and is regarded as": the subject is the first verb's
    complements = [c for c in cue.children if c.i > cue.i and (
        c.dep_ in _PREDICATES or (c.dep_ == "prep" and c.lower_ == "as"))]  # fmt: skip
    if not complements:
        return None
    return list(cue.doc[subject.left_edge.i : complements[-1].right_edge.i + 1])


def _reported_clause(cue: Token) -> list[Token] | None:
    """The clausal complement of the cue; the one after it when there are two ("While not
    everything he says is true, Jamieson said Trump is ...")."""
    clauses = [c for c in cue.children if c.dep_ == "ccomp"]
    if not clauses:
        return None
    after = [c for c in clauses if c.i > cue.i]
    return list((after or clauses)[0].subtree)


def _infinitive(cue: Token) -> list[Token] | None:
    """ "vowed to respond", "urged Congress to act": the object (if any) and the infinitive."""
    for child in cue.children:
        if child.dep_ == "xcomp" and any(c.tag_ == "TO" for c in child.children):
            obj = next((o for o in cue.children if o.dep_ in _OBJECTS and o.i < child.i), None)
            return _rest_of_clause(cue, obj if obj is not None else child)
    return None


def _object(cue: Token, predicate: bool) -> list[Token] | None:
    """The direct object and what follows it: "denounced the plan as reckless", "called the
    senator a “nasty guy”" (with `predicate`, a complement after the object is required)."""
    obj = next((c for c in cue.children if c.dep_ in _OBJECTS), None)
    if obj is None:
        return None
    if predicate and not any(
        c.i > obj.i and (c.dep_ in _PREDICATES or (c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS))
        for c in cue.children
    ):
        return None
    return _rest_of_clause(cue, obj)


def _rest_of_clause(cue: Token, first: Token) -> list[Token]:
    """From the content's first dependent of the cue to the end of the cue's clause, as
    annotators mark a content: its adjuncts too ("called for the ban in December after
    ..."), but not a coordinated verb or a clause after a comma (", adding that ...")."""
    doc = cue.doc
    end = first.right_edge.i
    for child in cue.rights:
        if child.i <= first.i or child.dep_ in _NOT_CONTENT:
            continue
        if child.dep_ in {"advcl", "ccomp", "npadvmod"} and doc[child.left_edge.i - 1].is_punct:
            break
        end = max(end, child.right_edge.i)
    return list(doc[first.left_edge.i : end + 1])


def trim_appendix(tokens: list[Token]) -> list[Token]:
    """Without a trailing non-restrictive part that annotators leave out of a content:
    ", who ...", ", which ...", ", less than half of ...", "— one of the biggest ..."."""
    if len(tokens) < 4:
        return tokens
    last = tokens[-1].i
    first = tokens[0].i
    for k, token in enumerate(tokens[3:-1], start=3):
        if token.text not in _APPENDIX_MARKS:
            continue
        nxt = tokens[k + 1]
        top = nxt
        while top.head.i != top.i and top.head.left_edge.i == nxt.i and first <= top.head.i <= last:
            top = top.head
        if top.left_edge.i == nxt.i and top.dep_ in _APPENDIX_DEPS and top.right_edge.i >= last - 1:
            return tokens[:k]
    return tokens


def _through_partial_quote(layout: Layout, end: int) -> int:
    """A content that ends inside a quoted phrase runs to the end of that quote, which the
    parser may have cut into sentences ('said Cruz “has courage to fight ... He's not
    only unafraid ...”')."""
    quote = layout.quote_around(end - 1)
    if quote is None or quote.start in layout.direct_starts or quote.end <= end:
        return end
    return quote.content_end if quote.closed else quote.end


def _partial(token: Token, layout: Layout) -> bool:
    """A token inside a quoted phrase that is part of the reported clause ('said he has had
    “areas of significant disagreement”'): any quote that is not a direct quote."""
    quote = layout.quote_around(token.idx)
    return quote is not None and quote.start not in layout.direct_starts


def _parenthetical(cue: Token, cues: Cues) -> list[Token] | None:
    """ "The plan will fail, he said": the clause before a verb of saying that hangs on it."""
    head = cue.head
    if cue.dep_ not in _PARENTHETICAL or head.i >= cue.i or not is_cue_verb(cue, cues.speech):
        return None
    if any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in cue.children):
        return None
    left = cue.left_edge.i
    tokens = [t for t in head.subtree if t.i < left]
    return tokens or None


def _modified_clause(according: Token) -> list[Token] | None:
    """The clause that "according to X" modifies, without the phrase itself."""
    head = according.head
    while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
        head = head.head
    phrase = {t.i for t in according.subtree}
    tokens = [t for t in head.subtree if t.i not in phrase]
    if not tokens:
        return None
    # the contiguous part on the far side of the phrase from the source
    before = [t for t in tokens if t.i < according.i]
    after = [t for t in tokens if t.i > according.i]
    return after if len(list(words(after))) >= len(list(words(before))) else before
