"""The event coder: triggers from the lexicon, slots from the dependency parse.

For each sentence the coder takes the candidate triggers (`triggers`), fills their actor and
recipient slots (`slots`, through the mentions of `mentions`) and decides which become
events: a trigger with neither slot filled is not an event, nor is the content of an
intention or a noun that is part of its verb's predicate. The ontology turns the CAMEO code
into a PLOVER type, mode and context. Every decision is recorded in a trace that
`newsevents explain` prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from newsevents.events import syntax
from newsevents.events.contexts import sentence_contexts
from newsevents.events.document import DocumentContext
from newsevents.events.lexicon import Match
from newsevents.events.mentions import MentionResolver
from newsevents.events.modes import (
    announced,
    aux_modes,
    declared_refusal,
    is_controlled_infinitive,
    is_historical,
    prepared_for,
)
from newsevents.events.overlap import attacked_by, intent_above, naming_verb, refused_by_head
from newsevents.events.slots import MUTUAL_TYPES, SlotFiller, several_parties
from newsevents.events.syntax import Token
from newsevents.events.triggers import Candidate, TriggerFinder

READINESS_CODE = "152"  # CAMEO: increase military alert status
DEPLOYMENT_CODE = "154"  # CAMEO: mobilize or increase armed forces
PEACEKEEPING_CODE = "074"  # CAMEO: provide military protection or peacekeeping
HOST_CODE = "043"  # CAMEO: host or receive a visitor
VISITOR_SECTORS = {"GOV", "LEG", "JUD", "MIL"}  # whom hosting is a meeting with, unnamed


@dataclass(slots=True)
class Trace:
    """Why a candidate trigger did or did not become an event."""

    text: str
    start: int
    lemma: str
    kind: str  # verb | noun
    decision: str


@dataclass(slots=True)
class SentenceResult:
    """The events coded in one sentence and the trace of every candidate trigger."""

    events: list[dict[str, Any]] = field(default_factory=list)
    traces: list[Trace] = field(default_factory=list)


class EventCoder:
    """Codes the sentences of a parsed document. Build once per process; it holds no doc."""

    def __init__(self, lexicon: Any, ontology: Any, resolver: Any, event_date: Any) -> None:
        self.lexicon = lexicon
        self.ontology = ontology
        self.resolver = resolver
        self.event_date = event_date
        self.cues = lexicon.modifiers()
        self.triggers = TriggerFinder(lexicon, ontology, self.cues)
        self.mentions = MentionResolver(resolver, self.cues.speech)
        self.slots = SlotFiller(self.mentions, self.triggers.is_event_noun, self.cues)

    def code_sentence(self, sent: Any, index: int, ctx: DocumentContext) -> SentenceResult:
        """The events of one sentence and a trace line for every candidate trigger."""
        result = SentenceResult()
        contexts = sentence_contexts(sent)
        candidates = self.triggers.candidates(sent)
        for candidate in candidates.values():
            self._emit(candidate, candidates, index, contexts, ctx, result)
        _recipients_from_purpose(result.events, sent, candidates, self.cues)
        self.mentions.note_people(sent, ctx)
        for event in result.events:  # people the parser did not tag PERSON but we resolved
            for person in event["actor"] + event["recipient"]:
                if person["name"] and person["role"]:
                    ctx.remember(person)
        return result

    def _emit(
        self,
        cand: Candidate,
        candidates: dict[int, Candidate],
        index: int,
        contexts: list[str],
        ctx: DocumentContext,
        out: SentenceResult,
    ) -> None:
        trigger, kind, match, coding = cand.token, cand.kind, cand.match, cand.coding
        if coding is None:
            out.traces.append(
                _trace(trigger, kind, f"skipped: CAMEO {match.code} is no PLOVER event")
            )
            return
        if kind == "noun" and not cand.own_actor and refused_by_head(trigger, candidates):
            out.traces.append(
                _trace(
                    trigger,
                    kind,
                    "skipped: what the governing verb rejects "
                    "or cuts off ('boycott the summit') is no event of its own",
                )
            )
            return
        verb = naming_verb(trigger, candidates) if kind == "noun" else None
        if verb is not None:
            out.traces.append(
                _trace(trigger, kind, f"skipped: part of the predicate '{verb.match.rule}'")
            )
            return
        attack = attacked_by(trigger, candidates) if kind == "noun" else None
        if attack is not None:
            out.traces.append(
                _trace(trigger, kind, f"skipped: the target of '{attack.token.text}'")
            )
            return
        intent = intent_above(trigger, candidates)
        if intent is not None:
            out.traces.append(
                _trace(
                    trigger,
                    kind,
                    f"skipped: content of the {intent.coding.type} "
                    f"trigger '{intent.token.text}', not an event of its own",
                )
            )
            return
        actors, actor_tokens = self.slots.actors_of(cand.actor_heads, ctx, trigger)
        if coding.type == "CONSULT" and _a_force(actors, actor_tokens):
            # "US troops arrived in Poland": armed units do not consult; their arrival or
            # visit is a move of force (the manual's MOBILIZE, "all military or police moves
            # that fall short of the actual use of force"), or peacekeeping (AID)
            keeping = any(t.lemma_.lower() in self.cues.peacekeeping for a in actor_tokens
                          for t in a.subtree)  # fmt: skip
            code = PEACEKEEPING_CODE if keeping else DEPLOYMENT_CODE
            match = Match(code, f"{match.rule}+force")
            coding = self.ontology.to_plover(code)
            cand = replace(cand, match=match, coding=coding)
        recipients, recipient_tokens = self.slots.recipients(cand, actors, actor_tokens, ctx)
        if cand.joint_code and len({a["country"] for a in actors if a["country"]}) >= 2:
            # "French and Egyptian warships launched war games": a joint operation
            match = Match(cand.joint_code, f"{match.rule}+joint")
            coding = self.ontology.to_plover(cand.joint_code)
        # "Canada and Mexico agreed", "the two sides held talks": coordinated parties of a
        # mutual act with no one else named act towards each other
        hosting = _hosts_no_visitor(
            match, trigger, recipients, recipient_tokens, self.triggers.is_event_noun
        )
        reciprocal = match.code in self.cues.reciprocal and not hosting
        mutual = (
            (coding.type in MUTUAL_TYPES or reciprocal)
            and not hosting
            and not recipients
            and several_parties(actor_tokens)
            and len(actors) >= 2
        )
        if not actors and not recipients:
            out.traces.append(
                _trace(trigger, kind, f"skipped: {coding.type} without any resolved actor")
            )
            return
        if cand.ambiguous and not (actors and (recipients or mutual)):
            out.traces.append(_trace(trigger, kind, "skipped: ambiguous noun without both slots"))
            return
        timex = _attached_time(trigger, ctx.times_by_token)
        date, precision = self.event_date(timex, ctx.published)
        aux = aux_modes(trigger, actor_tokens, self.cues, inherit=not cand.own_actor)
        if is_historical(date, precision, ctx.published):
            aux.append("historical")
        cameo, rule = match.code, match.rule
        if coding.type == "ASSAULT" and prepared_for(trigger, self.cues):
            # "the army prepared to resume shelling": military posturing short of the use of
            # force is the manual's MOBILIZE, and the readiness is now
            cameo, rule = READINESS_CODE, f"{rule}+prepared"
            coding = self.ontology.to_plover(READINESS_CODE)
            aux = [a for a in aux if a != "future"]
        refusal = declared_refusal(trigger, coding.type, aux, self.cues)
        if refusal is not None:
            # "will not accept the plan", "is not willing to meet": the manual's REJECT
            # ("all rejections and refusals"), said now, not a negated act to come
            cameo, rule, coding = refusal, f"{rule}+refusal", self.ontology.to_plover(refusal)
            aux = [a for a in aux if a in {"reported", "historical"}]
        elif announced(aux):
            # CAMEO codes what the sentence reports: a promised act is a promise (03x), an
            # announced or conditional attack a threat (13x); the PLOVER type keeps the act,
            # with `future` or `hypothetical`
            cameo = self.ontology.announced(cameo)
        event = {
            "id": f"{ctx.doc_id}:{trigger.idx}",
            "type": coding.type,
            "mode": coding.mode,
            "context": list(dict.fromkeys([*coding.context, *contexts])),
            "aux": aux,
            "cameo": cameo,
            "quad": self.ontology.quad(coding.type),
            "intensity": self.ontology.intensity(coding.type, coding.mode),
            "actor": actors,
            "recipient": recipients,
            "date": date,
            "date_precision": precision,
            "location": None,
            "reciprocal": mutual or reciprocal,
            "arguments": {
                "actor": syntax.argument_phrases(
                    _named(actor_tokens, actors), trigger, ctx.text, joined=mutual or reciprocal
                ),
                "recipient": syntax.argument_phrases(
                    _named(recipient_tokens, recipients)
                    or self.slots.unknown_recipients(cand, coding.type, ctx),
                    trigger,
                    ctx.text,
                    targets=self._targeted(cand),
                ),
            },
            "sentence": index,
            "trigger": {
                "text": trigger.text,
                "start": trigger.idx,
                "end": trigger.idx + len(trigger.text),
            },
            "confidence": _confidence(
                *_clause_head(cand, candidates),
                actors,
                recipients,
                timex,
                aux,
                self.cues,
            ),
            "rule": rule,
        }
        out.events.append(event)
        out.traces.append(_trace(trigger, kind, f"event {coding.type} by rule {rule}"))

    def _targeted(self, cand: Candidate) -> tuple[Token, ...]:
        """The nouns of the predicate whose "of" names the act's target ("lifted [its
        blockade] of Yemen"): an argument does not stand for them."""
        return tuple(o for o in cand.predicate_objects if self.triggers.of_names_target(o))


def _recipients_from_purpose(
    events: list[dict[str, Any]], sent: Any, candidates: dict[int, Candidate], cues: Any
) -> None:
    """ "Students staged protests to demand reforms from the government": an act with no
    recipient of its own is directed at whom its purpose clause, by the same actor,
    addresses (the protest targets the government). Its confidence stays as scored."""
    if len(events) < 2 or all(e["recipient"] for e in events):
        return  # needs an act without a recipient and another event, its purpose
    tokens = {c.token.idx: c.token for c in candidates.values()}
    controllers = cues.control | cues.future
    heads = {
        e["trigger"]["start"]: _clause_head(
            candidates[tokens[e["trigger"]["start"]].i], candidates
        )[0]
        for e in events
    }
    for event in events:
        if event["recipient"]:
            continue
        head = heads[event["trigger"]["start"]]
        for other in events:
            trigger = tokens[other["trigger"]["start"]]
            purpose = next(
                (c for c in [trigger, *syntax.governors(trigger)] if _is_purpose(c, controllers)),
                None,
            )
            if purpose is None or purpose.head.i != head.i or not other["recipient"]:
                continue
            own = {(a["name"], a["country"]) for a in event["actor"]}
            if all((a["name"], a["country"]) in own for a in other["actor"]):
                event["recipient"] = other["recipient"]
                event["arguments"]["recipient"] = other["arguments"]["recipient"]
                break


def _attached_time(trigger: Token, times_by_token: dict[int, Any]) -> Any:
    """The time expression attached to the trigger, or to the verbs that control it."""
    current = trigger
    for _ in range(4):
        for token in current.subtree:
            timex = times_by_token.get(token.i)
            if timex is not None and _attaches_to(token, current):
                return timex
        if syntax.is_participle_adjunct(current):
            current = syntax.matrix(current)
            continue
        if (
            current.dep_ not in {"xcomp", "conj", "dobj", "pobj", "prep"}
            or current.head.i == current.i
        ):
            return None
        current = current.head
    return None


def _attaches_to(token: Token, trigger: Token) -> bool:
    """True when the nearest verb or trigger above `token` is `trigger` itself."""
    for head in syntax.governors(token):
        if head.i == trigger.i:
            return True
        if head.pos_ in {"VERB", "AUX"}:
            return False
    return False


def _clause_head(cand: Candidate, candidates: dict[int, Candidate]) -> tuple[Token, bool]:
    """Where the event's clause is measured from, and whether the event is that clause's
    predicate: a verbal trigger is; so is a noun that the main verb, when that verb is no
    trigger of its own, takes as object ("staged demonstrations", "continued their hunger
    strike", "carried out an air strike"), measured from that verb; any other noun is
    only mentioned."""
    if cand.kind == "verb":
        return cand.token, True
    head = cand.token.head
    if (
        cand.token.dep_ == "dobj"
        and head.pos_ == "VERB"
        and head.i not in candidates
        and not any(h.pos_ in {"VERB", "AUX"} for h in syntax.governors(head))
    ):
        return head, True
    return cand.token, False


def _confidence(
    trigger: Token,
    predicate: bool,
    actors: list[Any],
    recipients: list[Any],
    timex: Any,
    aux: list[str],
    cues: Any,
) -> float:
    """A transparent score: both slots filled, a predicate (a verbal trigger, or an event
    noun a plain verb takes as object) and a date make an event surer; each clause it is
    embedded in (relative, complement, adverbial) makes it less sure, since the sentence
    asserts its main clause and only mentions the others, and a clause that sets the scene
    or a condition ("after a jet shot down ...", "if the talks fail") or a participle that
    adds a consequence (", killing one") or a clause that describes a party ("the army,
    which had shelled Homs", "fishermen held captive") even less; a purpose clause
    ("staged protests to demand reforms") names an aim, not the act, and ranks below the
    act; a negation or a condition too, since the event then did not (or not yet) happen."""
    score = 0.4 + (0.2 if actors else 0) + (0.2 if recipients else 0)
    score -= 0.2 if "negated" in aux else 0
    score -= 0.1 if "hypothetical" in aux else 0
    score += 0.1 if predicate else 0
    score += 0.1 if timex is not None else 0
    depth = sum(1 for head in syntax.governors(trigger) if head.pos_ in {"VERB", "AUX"})
    score -= 0.05 * min(depth, 4)
    clauses = [trigger, *syntax.governors(trigger)]
    if any(_is_purpose(c, cues.control | cues.future) for c in clauses):
        score -= 0.25
    # a condition ("unless the president agrees to step down") sets the scene as well; the
    # scene ranks below the news even when it names both parties and the news only one
    if any(_opens_with(c, cues.background | cues.conditional) for c in clauses):
        score -= 0.35
    elif any(syntax.is_participle_adjunct(c) and c.tag_ == "VBG" for c in clauses):
        score -= 0.1
    elif any(c.dep_ == "relcl" or (c.dep_ == "acl" and c.tag_ == "VBN") for c in clauses):
        # not an "-ing" clause of a noun: "a statement urging X to comply" says what it says
        score -= 0.1
    return round(max(score, 0.05), 2)


def _is_purpose(clause: Token, controllers: frozenset[str]) -> bool:
    """Whether `clause` is an infinitive of purpose: "(in order) to demand reforms"; not
    the complement of a control verb ("have sworn to fight")."""
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    if not infinitive:
        return False
    if clause.dep_ == "acl":  # "in order to", "so as to"
        return clause.head.lower_ in {"order", "as"}
    return (
        clause.dep_ == "advcl"
        and not any(c.dep_ in {"mark", "nsubj", "nsubjpass"} for c in clause.children)
        and not is_controlled_infinitive(clause, controllers)
    )


def _opens_with(clause: Token, subordinators: frozenset[str]) -> bool:
    """Whether `clause` is an adverbial clause or phrase introduced by one of `subordinators`."""
    if clause.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in subordinators for c in clause.children)
    return clause.dep_ in {"pobj", "pcomp"} and clause.head.lower_ in subordinators


def _hosts_no_visitor(
    match: Match,
    trigger: Token,
    recipients: list[dict[str, Any]],
    recipient_tokens: list[Token],
    is_event_noun: Any,
) -> bool:
    """Whether a host act (CAMEO 043) is no meeting of host and visitor: its object is a
    thing its pattern names, an event or no party ("welcomed the visit by X", "hosted a
    dinner for X"), or those hosted are no one by name or office ("hosts 3 million Syrian
    refugees"). Hosting someone ("hosted King Salman", "received the envoy") is a meeting."""
    if match.code != HOST_CODE:
        return False
    if not any(r["name"] or r["sector"] in VISITOR_SECTORS for r in recipients):
        return True
    return any(
        o.lemma_.lower() in match.terms and (o not in recipient_tokens or is_event_noun(o))
        for o in syntax.objects(trigger)
    )


def _named(tokens: list[Token], resolved: list[dict[str, Any]]) -> list[Token]:
    """The slot tokens with each personal pronoun replaced by the mention it resolved to,
    when that mention is earlier in the same sentence: "[Tajikistan] says it will not accept
    refugees" names the party where the pronoun only points to it."""
    named = []
    for token, actor in zip(tokens, resolved, strict=True):
        if token.pos_ == "PRON" and token.dep_ != "poss":
            found = token.doc.char_span(actor["start"], actor["end"], alignment_mode="expand")
            if (
                found is not None
                and token.sent.start <= found.start
                and found.end <= token.i
                and _heads_a_name(found.root)
            ):
                token = found.root
        named.append(token)
    return named


def _heads_a_name(token: Token) -> bool:
    """Whether the phrase `token` stands for is a name: not what a possessor owns ("[X's]
    server"), nor a common noun it is an apposition to ("very good reporter, [Trump]", as
    the parser may read a quote and its speaker); "[Jain], Leader of the House" is."""
    while token.dep_ == "appos" and token.head.i != token.i:
        if token.head.pos_ != "PROPN":
            return False
        token = token.head
    return token.dep_ != "poss"


def _trace(token: Token, kind: str, decision: str) -> Trace:
    return Trace(token.text, token.idx, token.lemma_.lower(), kind, decision)


def _a_force(actors: list[dict[str, Any]], tokens: list[Token]) -> bool:
    """Actors that are all armed units named by a common noun ("US troops", "NATO
    peacekeepers"), not people ("General Milley")."""
    return (
        bool(actors)
        and all(a["sector"] == "MIL" for a in actors)
        and all(t.pos_ == "NOUN" for t in tokens)
    )
