"""Auxiliary modes of PLOVER (future, hypothetical, negated, reported, historical).

The manual defines them but no coder had implemented them. We read them off the clause
chain of the trigger: a modal or "will" on the trigger or on a verb that governs it through
control ("is scheduled to meet"), a negation on that chain, a reporting verb above it whose
speaker is not the actor, and, for `historical`, an event date well before the article.
Cue words come from the lexicon's modifiers table.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from newsevents.events.syntax import (
    Token,
    direct_subject,
    governors,
    is_participle_adjunct,
    matrix,
)

# how far an event may lie before the article and still be news rather than background
HISTORICAL_AFTER = timedelta(days=45)
# links through which a governing verb's modality reaches the trigger
# not relcl: a relative clause does not take the main verb's tense or negation
_MODAL_LINKS = {
    "xcomp", "acomp", "conj", "acl", "dobj", "pobj", "prep", "nsubj", "nsubjpass", "compound",
}  # fmt: skip
_REPORT_LINKS = {"ccomp", "xcomp", "conj", "advcl", "parataxis", "pobj", "prep", "dobj"}


def _chain(
    trigger: Token, links: set[str], controllers: frozenset[str] = frozenset()
) -> list[Token]:
    """The trigger and the heads above it reached through `links` (or, from a participle
    adjunct, its matrix clause: "Putin will leave Tuesday, traveling to Iran"; or, from an
    infinitive the parser took for an adverbial clause, the verb in `controllers` whose
    complement it is: "have sworn [to fight]")."""
    chain = [trigger]
    current = trigger
    for _ in range(12):
        if is_participle_adjunct(current):
            head = matrix(current)
        elif (
            (current.dep_ in links and current.head.i != current.i)
            or is_controlled_infinitive(current, controllers)
            or _purpose_infinitive(current)
        ):
            head = current.head
        else:
            break
        chain.append(head)
        current = head
    return chain


def _lemma(token: Token) -> str:
    return str(token.lemma_).lower()


def aux_modes(
    trigger: Token, actor_tokens: list[Token], cues: Any, inherit: bool = True
) -> list[str]:
    """The auxiliary modes that the syntax around `trigger` expresses, in a fixed order.

    With `inherit` false (a noun with its own actor) only the trigger's own words count.
    """
    modes: list[str] = []
    # ... except as the subject of a modal verb: "any Turkish operation would attack"
    subject_of = trigger.dep_ in {"nsubj", "nsubjpass"}
    controllers = cues.control | cues.future
    chain = _chain(trigger, _MODAL_LINKS, controllers) if inherit or subject_of else [trigger]
    children = [c for t in chain for c in t.children]
    lemmas = {_lemma(c) for c in children if c.dep_ in {"aux", "auxpass"}}
    chain_lemmas = {_lemma(t) for t in chain[1:]}
    conditional = any(_conditional(t, cues) for t in chain)
    # "said they would boycott": "would" reports a future, unless a condition follows
    future_in_past = "would" in lemmas and not conditional and _reported_clause(chain[-1], cues)
    if lemmas & cues.future or chain_lemmas & cues.future or _going_to(chain) or future_in_past:
        modes.append("future")
    if (lemmas & cues.hypothetical and not future_in_past) or conditional:
        modes.append("hypothetical")
    if (
        any(c.dep_ == "neg" for c in children)
        or any(c.dep_ == "det" and c.lower_ in cues.negation for c in trigger.children)
        or chain_lemmas & cues.negation
        # "gave arms [without] demanding payment"
        or any(t.dep_ == "pcomp" and _lemma(t.head) in cues.negation for t in chain)
    ):
        modes.append("negated")
    if _reported(trigger, actor_tokens, cues):
        modes.append("reported")
    return modes


def announced(aux: list[str]) -> bool:
    """An act to come that its actor announces: future, or hypothetical under a condition of
    the actor's own ("would attack if ..."); not a third party's speculation (reported)."""
    if "negated" in aux:
        return False
    return "future" in aux or ("hypothetical" in aux and "reported" not in aux)


# the PLOVER manual's REJECT: "all rejections and refusals", among them refusals to assent,
# to meet or negotiate, to engage in ties, to extend assistance and to yield or release;
# the CAMEO code of each refusal (CAMEO 12x parallels the intents 03x)
REFUSAL_CODES = {
    "AGREE": "120", "CONSULT": "125", "COOPERATE": "121", "AID": "122",
    "CONCEDE": "124", "RETREAT": "124",
}  # fmt: skip
# words that make a negation a declared will not to act ("will not", "won't", "would not",
# "is not willing/ready/prepared to", "does not intend/plan to"); not a forecast ("is not
# expected to") nor an ability ("could not")
_VOLITION = {"will", "would", "shall", "willing", "ready", "prepared", "intend", "plan", "going"}


def declared_refusal(trigger: Token, event_type: str, aux: list[str], cues: Any) -> str | None:
    """The CAMEO code of a refusal when a negated act is declared as one: "will not
    accept", "would not meet", "is not willing to release". A refusal is said now, so it is
    an event of its own (REJECT), with or without a condition, as a conditional promise is
    an AGREE and a conditional attack a THREATEN; an act that simply did not happen ("did
    not meet", "failed to reach agreement") stays a negated event."""
    if "negated" not in aux or event_type not in REFUSAL_CODES:
        return None
    chain = _chain(trigger, {"xcomp", "acomp"})
    children = [c for t in chain for c in t.children]
    if not any(c.dep_ == "neg" for c in children):
        return None  # "refused to ..." is the lexicon's REJECT; "failed to" is no refusal
    auxiliaries = {_lemma(c) for c in children if c.dep_ in {"aux", "auxpass"}}
    volition = (auxiliaries | {_lemma(t) for t in chain[1:]}) & _VOLITION
    return REFUSAL_CODES[event_type] if volition else None


def is_controlled_infinitive(clause: Token, controllers: frozenset[str]) -> bool:
    """An infinitive the parser hung on a control verb as an adverbial clause, which is
    the verb's complement ("have sworn [to fight]"), not a purpose; a verb with an object
    before it takes a purpose ("continued their strike [to demand ...]")."""
    return (
        clause.dep_ == "advcl"
        and _lemma(clause.head) in controllers
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        and not any(c.dep_ == "dobj" and c.i < clause.i for c in clause.head.children)
    )


def prepared_for(trigger: Token, cues: Any) -> bool:
    """Whether `trigger` is what its subject is getting ready to do ("the army prepared to
    resume shelling"): the verb of preparing, not the adjective ("is prepared to talks")."""
    for head in _chain(trigger, {"xcomp"})[1:]:
        if head.pos_ == "VERB" and _lemma(head) in cues.preparation:
            return True
    return False


def _purpose_infinitive(clause: Token) -> bool:
    """ "will send troops [to help defend ...]": the aim of an act shares its tense and
    modality (a promised act's purpose is promised too)."""
    return (
        clause.dep_ == "advcl"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        and not any(c.dep_ in {"mark", "nsubj", "nsubjpass"} for c in clause.children)
    )


def _reported_clause(clause: Token, cues: Any) -> bool:
    """The clause is what a past-tense verb of saying reports: "Hungary said it would ..."."""
    head = clause.head
    return clause.dep_ == "ccomp" and head.tag_ == "VBD" and _lemma(head) in cues.speech


def _going_to(chain: list[Token]) -> bool:
    return any(t.lower_ == "going" for t in chain[1:])  # "is going to meet"


def _conditional(token: Token, cues: Any) -> bool:
    """A clause of `token` opened by "if"/"unless", or the trigger inside one."""
    for child in token.children:
        if child.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in cues.conditional for m in child.children
        ):
            return True
    return any(m.dep_ == "mark" and m.lower_ in cues.conditional for m in token.children)


def _reported(trigger: Token, actor_tokens: list[Token], cues: Any) -> bool:
    """Claimed by someone other than the actor: "US intelligence indicates Iran wants to sell"."""
    current = trigger
    for head in governors(trigger):
        if current.dep_ not in _REPORT_LINKS:
            return False
        lemma = _lemma(head)
        if lemma in cues.reported:
            return True
        if lemma in cues.speech:
            speaker = direct_subject(head)
            actor_ids = {t.i for t in actor_tokens}
            # a pronoun actor of the reported clause is the speaker ("X said it would ...")
            speaker_is_actor = any(t.pos_ == "PRON" for t in actor_tokens)
            return (
                speaker is not None
                and speaker.i not in actor_ids
                and bool(actor_tokens)
                and not speaker_is_actor
            )
        if head.lower_ == "to" and head.head.lower_ == "according":
            return True
        current = head
    return False


def is_historical(event_date: str | None, precision: str | None, doc_date: str | None) -> bool:
    """The event ended more than HISTORICAL_AFTER before the article's date."""
    if not event_date or not doc_date or not precision:
        return False
    end = _period_end(event_date, precision)
    return end is not None and end < date.fromisoformat(doc_date) - HISTORICAL_AFTER


def _period_end(value: str, precision: str) -> date | None:
    try:
        if precision == "day":
            return date.fromisoformat(value[:10])
        year = int(value[:4])
        if precision == "year":
            return date(year, 12, 31)
        month = int(value[5:7])
        first_of_next = date(year + month // 12, month % 12 + 1, 1)
        return first_of_next - timedelta(days=1)
    except ValueError:
        return None
