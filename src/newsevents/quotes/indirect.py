"""Indirect attributions from the parse: "Sullivan said that US intelligence indicates ...",
"according to the Kremlin, ...", "The plan will fail, he said", "Iran vowed to respond",
"Erdogan called for talks", "Cruz seemed to lose ground", "Marcus is critical of Trump".

A cue is a word of the cue lexicon outside quotes, not already the cue of a direct quote.
What it attributes, in this order (the `form` of the attribution):

- clause: the reported clause of a reporting verb, wherever it stands, or the clause a
  parenthetical "he said" hangs on (`clauses`); the sentence that "according to X" or "in a
  poll" modifies; the clause of "reportedly" (`adjuncts`); the subject and complement of an
  impression ("seemed to", `impersonal`); the clause of a stance ("confident that");
- infinitive: the to-infinitive of a verb of intention or appeal, with the object before
  it ("urged Congress to act");
- object: the direct object of a verb of stance or announcement, with the object's
  complements ("denounced the plan as reckless"), or its passive subject ("the plan was
  rejected"); for a naming verb only an object with its predicate ("called the senator a
  “nasty guy”");
- topic: the object of the preposition a verb, a noun or an adjective takes for its content
  ("called for talks", "his call for talks", "critical of Trump", `stance`).

A content ends before a cue verb of the same speaker that the parser hung inside it ("said
X and added Y", `clauses.before_next_cue`); that cue keeps the first one's source. "said
so" and "said no" have the pro-form as their content.

The source is the cue's subject (or the object of "according to", the holder of a noun or
adjective cue); there is none for a passive ("is expected to"), "reportedly" and an
impression. PolNeAR annotates only the outermost of nested attributions: `find.outermost`.
"""

from __future__ import annotations

from typing import Any

from newsevents.events.syntax import agent
from newsevents.quotes.adjuncts import hedged_clause, record_source
from newsevents.quotes.attribution import (
    Attribution,
    is_cue_verb,
    mention_span,
    phrase_cue,
    source_of,
    token_span,
)
from newsevents.quotes.clauses import (
    SET_OFF_MARKS,
    bare_participle,
    before_next_cue,
    clause_head,
    modified_clause,
    modifies_cue,
    next_cues,
    parenthetical,
    reported_clause,
    without_trailing_joiners,
)
from newsevents.quotes.cues import Cues
from newsevents.quotes.impersonal import acts_through, impression
from newsevents.quotes.layout import Layout, words
from newsevents.quotes.stance import stance_content, stance_holder

Token = Any  # spacy.tokens.Token
MIN_CONTENT_WORDS = 2
_OBJECTS = frozenset({"dobj"})
_PREDICATES = frozenset({"oprd", "xcomp", "attr", "ccomp"})
_OBJECT_PREPS = frozenset({"as", "for", "of", "over"})
CLAUSE, INFINITIVE, OBJECT, TOPIC = "clause", "infinitive", "object", "topic"
# dependents of a cue that are never part of its content
_NOT_CONTENT = frozenset({"conj", "cc", "punct", "parataxis", "nsubj", "nsubjpass", "aux", "neg"})
_APPENDIX_DEPS = frozenset({"relcl", "appos"})
PRO_FORMS = frozenset({"so", "yes", "no"})  # "said so", "said no": the reported clause
_PRO_FORM_DEPS = frozenset({"advmod", "intj", "dobj", "ccomp", "npadvmod", "dep"})


def indirect_attributions(layout: Layout, cues: Cues, taken: set[int]) -> list[Attribution]:
    """Attributions whose content is a part of the text; `taken` holds the token indices of
    cues already used by direct quotes."""
    found: list[Attribution] = []
    speakers: dict[int, Attribution] = {}  # a cue verb cut off a content -> that attribution
    later_cues = next_cues(layout.doc, cues)

    def allowed(token: Token) -> bool:
        return not layout.inside_quote(token)

    phrase_starts = frozenset(p.split()[0] for p in cues.phrases)
    for token in layout.tokens_with_lemma(cues.cue_words | phrase_starts):
        if token.i in taken or layout.inside_quote(token):
            continue
        reading = _read(token, cues, allowed)
        if reading is None:
            continue
        form, content, source = reading
        next_cue = None
        if phrase_cue(token, cues) is None:  # "..., he said, according to CNN" may nest
            content = _before_direct_quote(content, layout)
            content, next_cue = before_next_cue(content, later_cues)
        short = form in {OBJECT, TOPIC} or _is_pro_form(content)
        if len(list(words(content))) < (1 if short else MIN_CONTENT_WORDS):
            continue  # also: a clause inside a direct quote belongs to that quote
        start, end = token_span(trim_appendix(content))
        end = _through_partial_quote(layout, end)
        attribution = Attribution("indirect", start, end, cue=[token], source=source, form=form)
        if source is not None:
            attribution.source_span = mention_span(source, allowed, token)
        earlier = speakers.get(token.i)
        if earlier is not None and earlier.source is not None:  # "said ... and added ..."
            attribution.source, attribution.source_span = earlier.source, earlier.source_span
        if next_cue is not None:
            speakers[next_cue.i] = attribution
        found.append(attribution)
    return found


def _read(token: Token, cues: Cues, allowed: Any) -> tuple[str, list[Token], Token | None] | None:
    """(form, content, source) of the attribution that `token` cues, or None. The source is
    None for an attribution without one ("is expected to", "reportedly", "seems to")."""
    lemma = token.lemma_.lower()
    source = phrase_cue(token, cues) or record_source(token, cues.records)
    sourceless = False
    if source is not None:
        if token.lower_ == "in" and (modifies_cue(token, cues) or token.i > clause_head(token).i):
            return None  # "in an interview, she said ...": the verb's attribution
        form, content = CLAUSE, modified_clause(token)
    elif token.lower_ in cues.adverbs:
        form, content, sourceless = CLAUSE, hedged_clause(token), True
    elif lemma in cues.stances and token.pos_ in {"ADJ", "NOUN"}:
        stance = stance_content(token, cues.stances[lemma])
        if stance is None:
            return None
        (form, content), source = stance, stance_holder(token)
        sourceless = source is None  # "it is unclear whether ...": nobody's stance
    elif token.pos_ == "NOUN":
        form, content, source = _noun_attribution(token, cues, allowed)
    elif not token.tag_.startswith("VB"):
        return None
    elif lemma in cues.raising:
        form, content = CLAUSE, impression(token)
        sourceless = not acts_through(token, cues.cue_words)  # "seemed to blame": who blames
        source = None if sourceless else source_of(token, allowed)
    else:
        form, content = _content(token, cues)
        if not content and lemma in cues.frames.object:
            form, content = OBJECT, _passive_object(token)
        sourceless = bool(content) and (_passive(token) or bare_participle(token))
        if sourceless:  # "is expected to win": no source, unless "by X"
            source = agent(token)
            content = _passive_content(token) or content
        elif content:
            source = _modified_noun(token) or source_of(token, allowed)
            if source is not None and source.lower_ == "it" and source.head.i != token.i:
                source = None  # "it is important to note that": an empty subject
    if not content or (source is None and not sourceless):
        return None
    return form, content, source


def _content(cue: Token, cues: Cues) -> tuple[str, list[Token] | None]:
    """The form and tokens of what the cue verb attributes, or (form, None)."""
    frames = cues.frames
    if is_cue_verb(cue, cues.reporting):
        clause = reported_clause(cue) or parenthetical(cue, cues) or _pro_form(cue)
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
        particle = any(c.dep_ == "prt" for c in cue.children)  # "called out Trump"
        obj = _object(cue, predicate=lemma not in frames.object and not particle)
        if obj:
            return OBJECT, obj
    preps = frames.preposition.get(lemma, frozenset())
    for child in cue.children:
        if child.dep_ in {"prep", "dative"} and child.lower_ in preps:
            topic = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
            if topic is not None:
                return TOPIC, _rest_of_clause(cue, child)[1:]
        if child.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in preps and c.i < child.i for c in child.children
        ):  # "called for Obama to resign": the parser's clause with "for" as its marker
            return TOPIC, [t for t in child.subtree if not (t.dep_ == "mark" and t.head == child)]
    return CLAUSE, None


def _pro_form(cue: Token) -> list[Token] | None:
    """ "would not say so", "said yes": a word that stands for the reported clause."""
    for child in cue.rights:
        if child.lower_ in PRO_FORMS and child.dep_ in _PRO_FORM_DEPS and not list(child.children):
            return [child]
    return None


def _is_pro_form(content: list[Token]) -> bool:
    return len(content) == 1 and content[0].lower_ in PRO_FORMS


def _noun_attribution(
    noun: Token, cues: Cues, allowed: Any
) -> tuple[str, list[Token] | None, Token | None]:
    """ "his call for talks", "Trump's claim that ...", "made remarks about ...": the content
    of a noun cue and who holds it (possessor, "by" agent, or the subject of the verb whose
    object the noun is)."""
    lemma = noun.lemma_.lower()
    preps = cues.nouns.get(lemma)
    if preps is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in cues.light_verbs:
        preps = cues.light_nouns.get(lemma)  # "made no mention of", "took shots at"
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


def _modified_noun(cue: Token) -> Token | None:
    """ "a super PAC backing Cruz", "groups calling for ...": the noun that an -ing cue
    modifies holds the stance."""
    if cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.pos_ in {"NOUN", "PROPN"}:
        return cue.head
    return None


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


def _passive_object(cue: Token) -> list[Token] | None:
    """ "The plan was rejected by the council": the passive subject is what an object cue
    verb is about (its source the "by" agent, if any)."""
    subject = next((c for c in cue.lefts if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.tag_ in {"WP", "WDT"}:
        return None  # "which was rejected": the relative clause's noun is elsewhere
    return list(subject.subtree)


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
    objects = _OBJECTS if predicate else _OBJECTS | {"oprd"}  # the parser's "oprd" object
    obj = next((c for c in cue.rights if c.dep_ in objects), None)
    if obj is None:
        return None
    if (
        predicate
        and not any(
            c.i > obj.i
            and (c.dep_ in _PREDICATES or (c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS))
            for c in cue.children
        )
        and not _named_inside(obj)
    ):
        return None
    return _rest_of_clause(cue, obj)


def _named_inside(obj: Token) -> bool:
    """Whether the parser folded the name into the object: "called the chaos “a lesson”"
    (an apposition), "called protesters “thugs”" (a quoted word in the phrase)."""
    return any(c.dep_ == "appos" for c in obj.children) or any(t.is_quote for t in obj.subtree)


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
        if token.text not in SET_OFF_MARKS:
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


def _before_direct_quote(content: list[Token], layout: Layout) -> list[Token]:
    """The content up to a direct quote that it runs into: "said it was too early but
    added, “...”" keeps "it was too early" (the quote is an attribution of its own, and so
    is the coordinated verb that introduces it); empty when it starts inside one."""
    inside = next((k for k, t in enumerate(content) if layout.inside_quote(t)
                   and not _partial(t, layout)), None)  # fmt: skip
    if inside is None:
        return content
    cut = content[inside].i
    token = content[inside]
    ids = {t.i for t in content}
    while token.head.i != token.i and token.head.i in ids:
        if token.dep_ == "conj":
            cut = token.left_edge.i
            break
        token = token.head
    return without_trailing_joiners([t for t in content if t.i < cut])


def _partial(token: Token, layout: Layout) -> bool:
    """A token inside a quoted phrase that is part of the reported clause ('said he has had
    “areas of significant disagreement”'): any quote that is not a direct quote."""
    quote = layout.quote_around(token.idx)
    return quote is not None and quote.start not in layout.direct_starts
