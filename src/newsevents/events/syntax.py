"""Dependency-parse helpers for the event coder: phrases, subjects, objects, clause chains.

Everything here reads spaCy tokens (the coder is a step that reads the parse) and returns
tokens or plain values; nothing keeps a reference to the Doc beyond the call.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from typing import Any

Token = Any  # spacy.tokens.Token; kept loose so this module does not import spaCy

SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OBJECTS = {"dobj", "dative", "attr", "oprd"}
# children that belong to a noun phrase naming an actor ("Russian President Vladimir Putin")
_PHRASE_LEFT = {"compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "case", "flat"}
_PHRASE_RIGHT = {"compound", "flat"}
# clause links through which a verb inherits its subject from the verb above it
_CONTROL_LINKS = {"xcomp", "advcl", "conj", "acl", "relcl", "pcomp", "acomp"}


def phrase_tokens(token: Token) -> tuple[Token, Token]:
    """First and last token of the noun phrase headed by `token` (no clauses, appositions)."""
    left = right = token
    for child in token.lefts:
        if child.dep_ in _PHRASE_LEFT:
            left = min(left, _leftmost(child), key=lambda t: t.i)
    for child in token.rights:
        if child.dep_ in _PHRASE_RIGHT and child.i == right.i + 1:
            right = child
    return _whole_word_left(left, token), right


def _whole_word_left(left: Token, head: Token) -> Token:
    """Extend the phrase's first token to the start of the hyphenated word it ends:
    "Vietnamese-led forces", "U.S.-backed fighters" (the parser splits such words)."""
    while left.i > left.sent.start:
        before = left.doc[left.i - 1]
        if before.whitespace_ or not head.is_ancestor(before):
            break
        left = before
    return left


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


def shared_passive_subject(verb: Token) -> Token | None:
    """The patient a passive participle shares with the passive verb it is coordinated
    with: in "Rahman was tortured and killed", "killed" has no subject or auxiliary of its
    own and is passive too."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VBN" or head.i == verb.i:
        return None
    if any(
        c.dep_ in SUBJECTS | PASSIVE_SUBJECTS or c.dep_ in {"aux", "auxpass"} for c in verb.children
    ):
        return None
    if not has_passive_auxiliary(head):
        return None
    return passive_subject(head)


def has_passive_auxiliary(verb: Token) -> bool:
    """Whether `verb` is passive by its auxiliary ("was opposed", "to be joined"), with or
    without a subject of its own."""
    return any(c.dep_ == "auxpass" for c in verb.children)


def shared_agent(verb: Token) -> Token | None:
    """The "by" phrase of a passive verb, or of the passive participles coordinated with it
    that share its patient: "were arrested and beaten by police" (both by the police)."""
    found = agent(verb)
    if found is not None:
        return found
    if shared_passive_subject(verb) is not None:
        return shared_agent(verb.head)
    for other in verb.children:
        if other.dep_ == "conj" and shared_passive_subject(other) is not None:
            found = agent(other)
            if found is not None:
                return found
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
        if current.dep_ == "pcomp":
            # "China continued its efforts [by donating] ...": the subject of the verb the
            # phrase hangs on, if it has one ("no way to tell [without seeing]" has none)
            if not _shares_subject(current.head):
                return None
            verb = current.head.head
            return direct_subject(verb) or passive_subject(verb)
        current = matrix(current) if is_participle_adjunct(current) else current.head
    return None


# prepositions whose gerund is done by the subject of the verb they hang on: "[by]
# donating", "[after] meeting"; not "accused X [of] attacking" (X attacks)
_ADJUNCT_PREPS = {"by", "after", "before", "while", "without", "upon", "through", "since"}


def _shares_subject(preposition: Token) -> bool:
    return preposition.lower_ in _ADJUNCT_PREPS and preposition.head.pos_ in {"VERB", "AUX"}


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
            objects = [obj for obj in child.children if obj.dep_ in {"pobj", "pcomp"}]
            for obj in objects or _stranded_object(child):
                yield child.lower_, obj


def _stranded_object(prep: Token) -> list[Token]:
    """The object of a preposition the parser left without one because a participle follows
    its noun: "granted asylum to [officers] holed up in ...", where the small model makes
    the noun the subject of a clause of the same verb."""
    after = prep.i + 1
    if after >= len(prep.doc):
        return []
    noun = prep.doc[after]
    while noun.dep_ in {"det", "nummod", "amod", "compound", "poss"} and noun.head.i > noun.i:
        noun = noun.head
    clause = noun.head
    stranded = (
        noun.dep_ in {"nsubj", "nsubjpass"}
        and noun.pos_ in {"NOUN", "PROPN"}
        and clause.head == prep.head
        and clause.dep_ in {"advcl", "ccomp", "conj"}
    )
    return [noun] if stranded else []


def objects_of_preps(head: Token, preps: Container[str]) -> list[Token]:
    """Objects of the prepositions `preps` attached to `head` ("talks [with] Iran")."""
    return [obj for prep, obj in prepositional_objects(head) if prep in preps]


def content_clauses(noun: Token) -> list[Token]:
    """The "that" clauses that say what a noun says ("a reminder [that it must cooperate]",
    "demands [that Israel withdraw]"), not its relative clauses."""
    return [
        c
        for c in noun.children
        if c.dep_ in {"acl", "ccomp"}
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
    ]


def coordinated(tokens: list[Token]) -> bool:
    """Whether some of `tokens` are coordinated with each other ("X and Y"), or the nouns
    they own are ("the leaders of X and a section of Y")."""
    heads = [_owned(t) for t in tokens]
    ids = {t.i for t in heads}
    return any(c.i in ids for t in heads for c in t.conjuncts)


def _owned(token: Token) -> Token:
    """The noun `token` owns ("a section [of] Y", "Y['s] leaders"), else itself."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in _NOUNS:
        return token.head.head
    if token.dep_ == "poss" and token.head.pos_ in _NOUNS:
        return token.head
    return token


# links that leave a trigger's own phrase: its subject, other clauses, punctuation
# fmt: off
_PHRASE_EXITS = {
    "nsubj", "nsubjpass", "csubj", "csubjpass", "advcl", "relcl", "ccomp", "parataxis",
    "mark", "punct", "cc", "appos", "npadvmod", "advmod",
}
# fmt: on
_NOUNS = {"NOUN", "PROPN"}
_NP_INNER = {"compound", "amod", "nmod", "poss", "det", "nummod", "flat"}


def heads_after(trigger: Token) -> list[Token]:
    """Noun-phrase heads inside `trigger`'s own phrase that follow it, in text order.

    The walk does not leave the phrase: no subject, no other clause (a coordinated verb,
    a relative or adverbial clause, reported speech) and nothing inside another noun phrase's
    modifiers. The common nouns listed with a nominal trigger are not in its phrase either
    ("sent emergency supplies and personnel to Nepal": what is sent with the supplies).
    """
    found: list[Token] = []
    stack = [c for c in trigger.rights if not _leaves(c) and not _listed_with(c, trigger)]
    while stack:
        token = stack.pop()
        if token.pos_ in {"PROPN", "NOUN"} and token.dep_ not in _NP_INNER:
            found.append(token)
        stack += [c for c in token.children if not _leaves(c)]
    return sorted(found, key=lambda t: t.i)


def _listed_with(token: Token, trigger: Token) -> bool:
    return trigger.pos_ == "NOUN" and token.dep_ == "conj" and token.pos_ == "NOUN"


def _leaves(token: Token) -> bool:
    if token.dep_ in _PHRASE_EXITS:
        return True
    if token.dep_ == "prep" and token.lower_ == "according":
        return True  # "according to Pakistani officials": who reports it, not a party
    return token.dep_ == "conj" and token.pos_ in {"VERB", "AUX"}


def argument_phrases(
    heads: list[Token],
    trigger: Token,
    text: str,
    joined: bool = False,
    targets: tuple[Token, ...] = (),
) -> list[dict[str, Any]]:
    """The whole phrases that fill an event slot, as annotators of event arguments mark them.

    An actor found inside a larger noun phrase that is the trigger's argument stands for that
    phrase ("rejected [the call of the European Parliament]"), never for the preposition that
    introduces it ("gave aid to [Fiji]", "was attacked by [the army]"). A phrase keeps its
    determiner, modifiers, complements and appositions ("the last ISIS bastion in the country"),
    except one that describes a place ("[Idlib], Syria's last opposition enclave")
    but not the clauses attached to it ("the decision to recognise ...", "a man who ...") nor
    when it happened ("met [Putin] on Tuesday"), and it closes the brackets it opens.
    Coordinated actors are one argument each ("sanctions on [Libya] and [Iraq]") unless they
    share the first one's determiner ("freed [a Cuban physician and nurse]"), or `joined`:
    the parties of a mutual act are marked as one ("[Canada and Mexico] agreed"). A phrase
    inside another one is not repeated. Nor does an actor stand for a noun of the predicate
    that names its target with "of" (`targets`: "lifted [its blockade] of [Yemen]", Yemen is
    blockaded; whereas in "rejected [the request of the Serbian government]" the owner asked).
    """
    spans = []
    stops = _CLAUSES if joined else _CLAUSES | _COORDINATION
    ends = {trigger.i, *(t.i for t in targets)}
    for head in dict.fromkeys(_argument_head(h, ends, joined) for h in heads):
        subtree = _phrase_subtree(head, stops) + ([] if joined else _bare_conjuncts(head))
        tokens = sorted(subtree, key=lambda t: t.i)
        while len(tokens) > 1 and _loose_end(tokens):
            tokens.pop()
        tokens += _closing_brackets(tokens)
        spans.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)))
    kept = [
        (s, e) for s, e in spans if not any(o != (s, e) and o[0] <= s and e <= o[1] for o in spans)
    ]
    return [{"text": text[s:e], "start": s, "end": e} for s, e in sorted(set(kept))]


# links inside a noun phrase through which an actor stands for the larger phrase
_NP_LINKS = {"pobj", "prep", "poss", "compound", "appos", "conj", "nmod", "case"}
# "the call of the European Parliament", "positions of Hezbollah": the owner of the noun;
# whereas "an assault on X", "a protest against X" name the noun's target, the argument itself,
# and "a ban by the UN", "demands from protesters" name the act's own agent, a party of its own
_OWNER_PREPS = {"of"}


def _argument_head(token: Token, ends: set[int], joined: bool) -> Token:
    """The head of the largest phrase `token` stands for, below the trigger and the nouns of
    its predicate (their token indices: `ends`)."""
    current = token
    links = _NP_LINKS if joined else _NP_LINKS - {"conj"}
    while current.dep_ in links and current.head.i != current.i and current.head.i not in ends:
        parent = current.head
        if parent.pos_ in {"VERB", "AUX"}:
            break
        if parent.pos_ == "ADP" and (  # "prep", "agent" ("by"), "dative" ("to")
            parent.head.pos_ not in {"NOUN", "PROPN", "PRON"}
            or parent.head.i in ends
            or parent.lower_ not in _OWNER_PREPS
        ):
            break  # "talks with [X]", "an assault on [X]": the object is the argument
        current = parent
    return current


def _bare_conjuncts(head: Token) -> list[Token]:
    """Coordinated nouns that share the first one's determiner or modifiers, with their
    conjunction: "[a Cuban physician and nurse]", "[another 40 politicians and activists]"
    are one phrase, whereas "[the army] and [its allies]" are two."""
    if head.pos_ != "NOUN" or not any(
        c.dep_ in {"det", "nummod", "amod", "compound"} for c in head.lefts
    ):
        return []
    found: list[Token] = []
    for conj in (c for c in head.children if c.dep_ == "conj"):
        if conj.pos_ == "NOUN" and conj.n_lefts == conj.n_rights == 0:
            found += [c for c in head.children if c.dep_ == "cc" and c.i < conj.i] + [conj]
    return found


def _closing_brackets(tokens: list[Token]) -> list[Token]:
    """The closing brackets right after a phrase that opens more than it closes: the parser
    may hang the ")" of "the Central African Republic (CAR)" on the verb."""
    unclosed = sum(t.text in "([" for t in tokens) - sum(t.text in ")]" for t in tokens)
    doc, found = tokens[-1].doc, []
    position = tokens[-1].i + 1
    while unclosed > 0 and position < len(doc) and doc[position].text in ")]":
        found.append(doc[position])
        unclosed, position = unclosed - 1, position + 1
    return found


def _loose_end(tokens: list[Token]) -> bool:
    last = tokens[-1]
    if last.dep_ == "cc":
        return True
    if not last.is_punct:
        return False
    # a closing bracket stays when its opening one is inside: "Lesotho Defence Force (LDF)"
    return not (last.text in ")]" and any(t.text in "([" for t in tokens))


_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"})
_COORDINATION = frozenset({"conj", "cc", "preconj"})
_NOUN_PREPS = frozenset({"of", "in"})
_PAIRING = frozenset({"both", "either", "neither"})
_NAME_PREPS = frozenset({"of"})


def _phrase_subtree(head: Token, stops: frozenset[str]) -> list[Token]:
    # a phrase keeps whose it is ("of") and, for a common noun, which one ("the last bastion
    # in the country"); the parser hangs the predicate's phrases on it too ("shelled the
    # border regions [with artillery]"), and a name is identified by itself ("Trump [in
    # Washington]" says where he was, not who)
    kept_preps = _NAME_PREPS if head.pos_ == "PROPN" else _NOUN_PREPS
    top = [
        c for c in head.children
        if _inside(c, stops) and (c.dep_ != "prep" or c.lower_ in kept_preps)
        and not _across_governor(head, c)
        and not _describes_a_place(head, c)
    ]  # fmt: skip
    found, stack = [head], top
    while stack:
        token = stack.pop()
        found.append(token)
        stack += [c for c in token.children if _inside(c, stops)]
    return found


def _describes_a_place(head: Token, child: Token) -> bool:
    """An apposition that describes a place ("Idlib, [Syria's last opposition enclave]",
    "Kuwait, [its first ever involvement in a peacekeeping mission]") is no part of the name
    that fills the slot; an acronym in brackets is ("the Democratic Republic of the Congo
    [(DRC)]")."""
    if child.dep_ != "appos" or head.ent_type_ not in {"GPE", "LOC"}:
        return False
    edge = child.left_edge
    return edge.text != "(" and (edge.i == 0 or child.doc[edge.i - 1].text != "(")


def _across_governor(head: Token, child: Token) -> bool:
    """Whether `child` lies on the far side of the word that governs `head`: the parser
    may hang a later phrase on a subject ("[Canada and the UK] have agreed to a deal, [the
    countries] announced"), and a phrase never spans its own governor."""
    governor = head.head
    return governor.i != head.i and min(head.i, child.i) < governor.i < max(head.i, child.i)


def _inside(token: Token, stops: frozenset[str]) -> bool:
    """Whether `token` belongs to the argument phrase: not a clause (or a coordinated
    phrase, per `stops`), nor a time adjunct ("Putin [on Tuesday]", "the minister [Monday]"):
    when something happened is no part of who it happened to."""
    if "conj" in stops and _coordinating(token):
        return False  # "sanctions against [both] [India] and [Pakistan]": one argument each
    return token.dep_ not in stops and not _is_time_adjunct(token)


def _coordinating(token: Token) -> bool:
    """ "both", "either", "neither" before coordinated phrases (the parser makes it the
    first one's determiner)."""
    return (
        token.lower_ in _PAIRING
        and token.dep_ in {"det", "predet", "preconj"}
        and any(c.dep_ == "conj" for c in token.head.children)
    )


def _is_time_adjunct(token: Token) -> bool:
    """A bare date ("Monday") or a preposition whose objects are all dates ("on Tuesday")."""
    if token.dep_ in {"npadvmod", "tmod"}:
        return token.ent_type_ in {"DATE", "TIME"}
    if token.dep_ == "prep":
        objs = [c for c in token.children if c.dep_ == "pobj"]
        return bool(objs) and all(o.ent_type_ in {"DATE", "TIME"} for o in objs)
    return False


def verb_cue(verb: Token, cues: Container[str]) -> str | None:
    """The lemma and particle ("set up"), else the lemma, of `verb` if `cues` holds it."""
    lemma, prt = verb.lemma_.lower(), particle(verb)
    for phrase in (f"{lemma} {prt}" if prt else None, lemma):
        if phrase in cues:
            return phrase
    return None


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
