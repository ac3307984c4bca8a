"""The event coder: triggers from the lexicon, slots from the dependency parse.

For each sentence: every verb or noun the lexicon knows is a candidate trigger. The
lexicon gives its CAMEO code (the most specific pattern over its objects and prepositions
wins), the ontology turns that into a PLOVER type, mode and context. Actor and recipient
come from the syntax, never from word order: the subject (inherited through control verbs
and coordination), the "by" agent of a passive, the possessor or agent of a nominal
trigger; recipients from objects and the prepositions the trigger takes. A slot is filled
only by a mention the actor resolver recognises; a trigger with neither slot filled is not
an event. Every decision is recorded in a trace that `newsevents explain` prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsevents.events import syntax
from newsevents.events.contexts import sentence_contexts
from newsevents.events.lexicon import Match
from newsevents.events.modes import aux_modes, is_historical
from newsevents.events.syntax import Token

VERB_RECIPIENT_PREPS = ("with", "to", "against", "on", "at", "toward", "towards", "into", "over")
# "travel for a sitdown", "embark on a visit": a nominal trigger under these prepositions of
# a verb takes the verb's subject as its actor
_NOUN_ACTOR_FROM_VERB_PREPS = {"for", "on", "in"}
_PRONOUNS_OF_PEOPLE = {"he", "she"}
# verbal intentions: what they threaten, demand, promise or refuse is their content, not an
# event of its own ("threat to launch an operation", "agreed to cooperate")
INTENT_TYPES = {"THREATEN", "REQUEST", "AGREE", "REJECT", "ACCUSE"}
_CONTENT_LINKS = {"xcomp", "ccomp", "acl", "pcomp", "pobj", "prep"}
_CONTENT_PREPS = ("against", "with", "to", "on", "at", "into")
# prepositions of a verb's object that name who the act concerns
_OBJECT_PREPS = ("against", "with", "to", "on", "from", "by", "of")
_PRONOUN_SUBJECTS = {"he", "she", "it", "they", "we"}
_POSSESSIVE_PRONOUNS = {"its", "their", "our"}
_LOCATIVE_PREPS = {"in", "throughout", "from", "of", "across"}
# acts two coordinated parties do together when nobody else is named: they are each
# other's recipients ("Canada and Mexico agreed", "the two sides cooperate")
MUTUAL_TYPES = {"AGREE", "CONSULT", "COOPERATE"}
# prepositions naming where something sent or moved goes (or leaves)
_GOAL_PREPS = {"to", "into", "toward", "towards", "from", "against"}


@dataclass(slots=True)
class Trace:
    """Why a candidate trigger did or did not become an event."""

    text: str
    start: int
    lemma: str
    kind: str  # verb | noun
    decision: str


@dataclass(slots=True)
class Candidate:
    """A word the lexicon knows, with the syntactic heads of its slots."""

    token: Token
    kind: str  # verb | noun
    match: Match
    coding: Any  # PloverCoding, or None for CAMEO codes without a PLOVER event
    actor_heads: list[Token]
    recipient_heads: list[Token]
    ambiguous: bool = False
    # a nominal trigger with its own actor ("Erdogan's threat") does not take the tense or
    # modality of the verb it is an argument of ("scheduled to discuss Erdogan's threat")
    own_actor: bool = False


@dataclass(slots=True)
class SentenceResult:
    events: list[dict[str, Any]] = field(default_factory=list)
    traces: list[Trace] = field(default_factory=list)


@dataclass(slots=True)
class DocumentContext:
    """What the coder knows about the document while it walks its sentences in order."""

    doc_id: str
    published: str | None
    text: str  # the document text (spaCy rebuilds doc.text on every access)
    times_by_token: dict[int, Any]  # token index -> Timex attached there
    focus_person: dict[str, Any] | None = None  # last person named, for "he"/"she"
    mentions: dict[tuple[int, int], dict[str, Any] | None] = field(default_factory=dict)
    people_spans: set[tuple[int, int]] = field(default_factory=set)  # mentions of persons
    person_roots: list[Token] | None = None  # PERSON entity heads, filled on first use
    recent_people: list[dict[str, Any]] = field(default_factory=list)  # named, latest last
    # the document's people for in-document coreference ("Bashir" after "Omar al-Bashir"),
    # an actors.coref.DocumentActors; None resolves every mention on its own
    people: Any = None


class EventCoder:
    """Codes the sentences of a parsed document. Build once per process; it holds no doc."""

    def __init__(self, lexicon: Any, ontology: Any, resolver: Any, event_date: Any) -> None:
        self.lexicon = lexicon
        self.ontology = ontology
        self.resolver = resolver
        self.event_date = event_date
        self.cues = lexicon.modifiers()

    # ---- mentions -------------------------------------------------------------------
    def actor(self, token: Token, ctx: DocumentContext) -> dict[str, Any] | None:
        """The resolved actor of the phrase headed by `token` (or its apposition)."""
        if token.lower_ in _PRONOUN_SUBJECTS and token.pos_ == "PRON":
            speaker = _speaker_of_clause(token, self.cues.speech)  # "Hungary said it will ..."
            if speaker is not None:
                return self.actor(speaker, ctx)
        if token.lower_ in _PRONOUNS_OF_PEOPLE:
            return self._person_before(token, ctx)
        if token.lower_ in _POSSESSIVE_PRONOUNS and token.dep_ == "poss":
            antecedent = _possessor_antecedent(token, self.cues.speech)
            return self.actor(antecedent, ctx) if antecedent is not None else None
        best, described, person = None, None, False
        for head in syntax.with_appositions(token):
            start, end = syntax.phrase(head)
            found = self._resolve(ctx.text[start:end], start, end, ctx)
            if found is not None and (best is None or (found["name"] and not best["name"])):
                best, person = found, (start, end) in ctx.people_spans
            if head is not token and found is not None and found["country"]:
                described = described or found
        if person and best and described and described["name"] != best["name"]:
            # "Ann Smith, the UN relief coordinator": the role the sentence gives a person
            # says whom she acts for, whatever the tables knew of her
            best = {**best, "country": described["country"] or best["country"]}
            best["sector"] = described["sector"] or best["sector"]
        elif best is not None and best["country"] is None and not best["name"]:
            best = self._own_side(token, best, ctx)
        if best is not None and best["country"] is None:
            best = self._located(token, best, ctx)
        return best

    def _own_side(
        self, token: Token, agent: dict[str, Any], ctx: DocumentContext
    ) -> dict[str, Any]:
        """ "their forces", "its army": the country of whoever the possessive refers to."""
        for child in token.children:
            if child.dep_ == "poss" and child.lower_ in _POSSESSIVE_PRONOUNS:
                owner = self.actor(child, ctx)
                if owner is not None and owner["country"]:
                    return {**agent, "country": owner["country"]}
        return agent

    def _located(self, token: Token, agent: dict[str, Any], ctx: DocumentContext) -> dict[str, Any]:
        """An agent without a country takes the country it is placed in: "demonstrators in
        Baghdad", "students throughout Indonesia", "police from Kenya"."""
        for prep, obj in syntax.prepositional_objects(token):
            if prep in _LOCATIVE_PREPS:
                place = self.actor(obj, ctx)
                if place is not None and place["country"]:
                    return {**agent, "country": place["country"]}
        # else the one country the sentence places things in ("police said ... in Baghdad")
        country = ctx.people.place_country(token.sent.text) if ctx.people is not None else None
        return {**agent, "country": country} if country else agent

    def _resolve(
        self, text: str, start: int, end: int, ctx: DocumentContext
    ) -> dict[str, Any] | None:
        key = (start, end)
        if key in ctx.mentions:
            return ctx.mentions[key]
        if ctx.people is not None:
            resolved = ctx.people.reading(text)  # shares the lookups coreference makes
        else:
            resolved = self.resolver.resolve(text, ctx.published)
        if ctx.people is not None and _has_name(text):
            # the document's people fill in what a name alone does not say ("Bashir" after
            # "Omar al-Bashir"); a mention that names someone else keeps its own reading, and
            # a bare title ("the president of Armenia") is left to its complement
            earlier = ctx.people.resolve(text)
            if (
                earlier is not None
                and earlier.name
                and (resolved is None or not resolved.name)
                and (resolved is None or resolved.country in (None, earlier.country))
            ):  # "the president of Armenia" is not the president named before
                resolved = earlier
        mention: dict[str, Any] | None = None
        if resolved is not None and resolved.kind == "person":
            ctx.people_spans.add(key)
        # an agent with only a sector ("protesters") is still an actor; _located may add a country
        if resolved is not None and (resolved.country or resolved.name or resolved.sector):
            mention = {
                "text": text,
                "start": start,
                "end": end,
                "name": resolved.name,
                "country": resolved.country,
                "sector": resolved.sector,
                "wikidata": resolved.wikidata,
                "role": resolved.role,
            }
        ctx.mentions[key] = mention
        return mention

    def _person_before(self, pronoun: Token, ctx: DocumentContext) -> dict[str, Any] | None:
        """ "he"/"she": the last person named before it in the sentence, else the one in focus."""
        start = pronoun.sent.start
        for root in reversed(_person_roots(pronoun.doc, ctx)):
            if start <= root.i < pronoun.i:
                found = self.actor(root, ctx)
                if found is not None:
                    return found
        return ctx.focus_person

    def _first_actor_after(
        self, trigger: Token, actors: list[Any], ctx: DocumentContext
    ) -> tuple[list[Any], list[Token]]:
        for head in syntax.heads_after(trigger):
            found, used = self.actors_of([head], ctx, trigger)
            if _others((found, used), actors):
                return found, used
        return [], []

    def note_people(self, sent: Any, ctx: DocumentContext) -> None:
        """Keep the last named person in focus for later pronouns."""
        for root in _person_roots(sent.doc, ctx):
            if sent.start <= root.i < sent.end:
                found = self.actor(root, ctx)
                if found is not None and found["name"]:
                    ctx.focus_person = found
                    _remember(ctx, found)

    def actors_of(
        self, tokens: list[Token], ctx: DocumentContext, trigger: Token | None = None
    ) -> tuple[list[Any], list[Token]]:
        """Resolved actors of `tokens` and their coordinated nouns, with the tokens used.

        A head that names no actor may name one in its "of" complement: "the former Soviet
        republics of Tajikistan and Turkmenistan", "the leaders of Chile and Peru".
        """
        actors, used = [], []
        for token in tokens:
            if _names_a_pair(token) and len(ctx.recent_people) >= 2:
                # "the despotic pair", "the two leaders": the last two people named
                for person in ctx.recent_people[-2:]:
                    if person not in actors:
                        actors.append(person)
                        used.append(token)
                continue
            # the trigger itself is never its own slot, even when coordinated with one
            heads = [h for h in syntax.conjuncts(token) if trigger is None or h.i != trigger.i]
            resolved = [(h, self._agent(h, ctx)) for h in heads]
            if all(found is None for _, found in resolved):
                heads = [o for h in heads for o in _owners(h)]
                resolved = [(c, self.actor(c, ctx)) for h in heads for c in syntax.conjuncts(h)]
            for head, found in resolved:
                if found is not None and found not in actors:
                    actors.append(found)
                    used.append(head)
        return actors, used

    def _agent(self, token: Token, ctx: DocumentContext) -> dict[str, Any] | None:
        """The actor of `token`, unless its phrase names a thing, not an agent, through a
        modifier: "military aid", "a general strike" (an act); its owner may still be one
        ("the government's offer"). As a subject the act stands for whoever carries it out
        ("any Turkish operation would attack")."""
        found = self.actor(token, ctx)
        if found is None or found["name"] or token.pos_ != "NOUN":
            return found
        if token.dep_ in {"nsubj", "nsubjpass"}:
            return found
        return None if self._is_event_noun(token) else found

    # ---- triggers -------------------------------------------------------------------
    def code_sentence(self, sent: Any, index: int, ctx: DocumentContext) -> SentenceResult:
        result = SentenceResult()
        contexts = sentence_contexts(sent)
        candidates = {}
        for token in sent:
            found = self._verb(token) if token.pos_ == "VERB" else None
            if found is None and token.pos_ == "NOUN":
                found = self._noun(token)
            if (found is None or found.coding is None) and token.lemma_.lower() in self.cues.speech:
                found = self._demand(token) or found  # "said that Libya must ...": a demand
            if found is not None:
                candidates[token.i] = found
        for candidate in candidates.values():
            self._emit(candidate, candidates, index, contexts, ctx, result)
        self.note_people(sent, ctx)
        for event in result.events:  # people the parser did not tag PERSON but we resolved
            for person in event["actor"] + event["recipient"]:
                if person["name"] and person["role"]:
                    _remember(ctx, person)
        return result

    def _recipients(
        self, cand: Candidate, actors: list[Any], actor_tokens: list[Token], ctx: DocumentContext
    ) -> tuple[list[Any], list[Token]]:
        """Resolved recipients of a candidate and the tokens that name them."""
        trigger = cand.token
        kept = _others(self.actors_of(cand.recipient_heads, ctx, trigger), actors)
        if cand.kind == "verb":
            kept = _goals_over_themes(trigger, kept)
        if not kept and cand.coding.type in INTENT_TYPES:
            # the target of the content ("threat to launch an operation against X"), else
            # whoever must meet its condition ("threatened a strike unless Israel ...")
            content = _content_recipients(trigger)
            kept = _others(self.actors_of(content, ctx, trigger), actors)
            if not kept:
                conditions = _condition_subjects(trigger, self.cues.conditional)
                kept = _others(self.actors_of(conditions, ctx, trigger), actors)
        if (
            not kept
            and not _names_unknown(cand.recipient_heads)
            and not (cand.coding.type in MUTUAL_TYPES and _coordinated(actor_tokens))
        ):
            # PETRARCH's convention: the target is the first actor in the trigger's own phrase
            # ("agreed to set up a centre in Tokyo", "aid for Romania and Poland"); not when
            # the syntax names a recipient we cannot resolve ("Ms Ravi was arrested in Delhi")
            # nor for the coordinated parties of a mutual act
            kept = _others(self._first_actor_after(trigger, actors, ctx), actors)
        return [r for r, _ in kept], [t for _, t in kept]

    def _verb(self, verb: Token) -> Candidate | None:
        lemma, prt = verb.lemma_.lower(), syntax.particle(verb)
        preps: dict[str, list[str]] = {}
        objects = syntax.objects(verb)
        # PETRARCH's patterns read the words after the verb, so a preposition of the object
        # counts too: "lifted the state of emergency", "imposed a ban on imports"
        for head in (verb, *objects):
            for prep, obj in syntax.prepositional_objects(head):
                preps.setdefault(prep, []).extend(_terms(obj))
        if lemma in self.cues.speech and self._names_event(objects):
            return None  # "announced a suspension of aid": the noun is the event
        terms = [t for o in objects for t in _terms(o)]
        # an infinitive complement completes the predicate as an object does:
        # "declined to comment" is the pattern "decline comment", not a rejection
        terms += [c.lemma_.lower() for c in verb.children if c.dep_ == "xcomp"]
        match = self.lexicon.verb(lemma, prt, terms, preps)
        if match is None:
            return None  # not an event verb: not worth a trace line
        bare = match.rule == f"verb:{lemma}"
        if bare and lemma in self.cues.speech and self.ontology.cameo(match.code).quad in (2, 4):
            return None  # "Ushakov added": a verb of saying used bare is speech, not action
        if bare and lemma in self.cues.reported and _reports_clause(verb):
            return None  # "claimed that they had attacked": the clause is the event
        passive = syntax.passive_subject(verb)
        if passive is not None:
            actor_heads = [a for a in [syntax.agent(verb)] if a is not None]
            recipient_heads = [passive]
        else:
            subject = syntax.inherited_subject(verb)
            actor_heads = [subject] if subject is not None else []
            recipient_heads = objects + _recipient_preps(verb, VERB_RECIPIENT_PREPS)
            # "rejected calls by Belarus", "threatened action against Russia"
            recipient_heads += [r for o in objects for r in _recipient_preps(o, _OBJECT_PREPS)]
        return Candidate(
            verb, "verb", match, self.ontology.to_plover(match.code), actor_heads, recipient_heads
        )

    def _halting_verb(self, noun: Token) -> str | None:
        """The verb of stopping whose object `noun` (or the compound it is part of) is."""
        if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
            noun = noun.head
        verb = noun.head
        if noun.dep_ not in {"dobj", "nsubjpass"} or verb.pos_ != "VERB":
            return None
        lemma, prt = verb.lemma_.lower(), syntax.particle(verb)
        for phrase in (f"{lemma} {prt}" if prt else None, lemma):
            if phrase in self.cues.halt:
                return phrase
        return None

    def _is_event_noun(self, token: Token) -> bool:
        return self.lexicon.noun(token.lemma_.lower()) is not None

    def _names_event(self, objects: list[Token]) -> bool:
        heads = [o.head if o.dep_ == "compound" else o for o in objects]
        return any(self.lexicon.noun(o.lemma_.lower()) is not None for o in objects + heads)

    def _demand(self, verb: Token) -> Candidate | None:
        """ "Britain said Libya must hand over the suspects": a demand by the speaker."""
        for clause in verb.children:
            if clause.dep_ != "ccomp":
                continue
            modals = {c.lemma_.lower() for c in clause.children if c.dep_ == "aux"}
            subject = syntax.direct_subject(clause) or syntax.passive_subject(clause)
            speaker = syntax.direct_subject(verb)
            if modals & self.cues.obligation and subject is not None and speaker is not None:
                match = Match("100", f"speech+obligation:{verb.lemma_.lower()}")
                return Candidate(
                    verb, "verb", match, self.ontology.to_plover("100"), [speaker], [subject]
                )
        return None

    def _noun(self, noun: Token) -> Candidate | None:
        entry = self.lexicon.noun(noun.lemma_.lower())
        if entry is None:
            return None
        actor_heads: list[Token] = []
        recipient_heads: list[Token] = []
        for child in noun.children:
            if child.dep_ == "poss":
                actor_heads.append(child)
            elif child.dep_ == "amod" and child.pos_ in {"ADJ", "PROPN"} and child.is_title:
                # "Turkish operation", "Russian invasion"; not "military exercises"
                actor_heads.append(child)
            elif child.dep_ == "compound" and child.pos_ == "PROPN":
                recipient_heads.append(child)  # "the Ukraine invasion"
        prep_recipients = []
        for prep, obj in syntax.prepositional_objects(noun):
            if prep in entry.actor_preps:
                actor_heads.append(obj)
            elif prep in entry.recipient_preps:
                prep_recipients.append(obj)
        if not prep_recipients:
            # "reduced aid to Tajikistan": the parser hangs the noun's complement on the verb
            prep_recipients = _verb_complements(noun, entry.recipient_preps)
        recipient_heads += prep_recipients
        if prep_recipients:
            # "a swing through Israel, the West Bank and Saudi Arabia": the small model
            # often hangs the later conjuncts on the event noun instead of the first one
            recipient_heads += [c for c in noun.conjuncts if c.pos_ == "PROPN"]
        if actor_heads and all(h.pos_ == "PRON" for h in actor_heads):
            # "Israel mounted its invasion": the possessive pronoun is the verb's subject
            actor_heads = _actor_from_governing_verb(noun, self._is_event_noun) or actor_heads
        own_actor = bool(actor_heads)
        if not own_actor:
            actor_heads = _actor_from_governing_verb(noun, self._is_event_noun)
        match = Match(entry.code, f"noun:{noun.lemma_.lower()}")
        stopper = self._halting_verb(noun)
        halted = self.ontology.halted(entry.code) if stopper else None
        if halted is not None:  # "ended mediation efforts": halting the mediation
            match = Match(halted, f"noun:{noun.lemma_.lower()}+halted by:{stopper}")
        return Candidate(
            noun,
            "noun",
            match,
            self.ontology.to_plover(match.code),
            actor_heads,
            recipient_heads,
            entry.ambiguous,
            own_actor,
        )

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
        if kind == "noun" and not cand.own_actor and _refused_by_head(trigger, candidates):
            out.traces.append(
                _trace(
                    trigger,
                    kind,
                    "skipped: what the governing verb rejects "
                    "or cuts off ('boycott the summit') is no event of its own",
                )
            )
            return
        if kind == "noun" and _named_by_verb_pattern(trigger, candidates):
            verb = candidates[trigger.head.i]
            out.traces.append(
                _trace(trigger, kind, f"skipped: part of the predicate '{verb.match.rule}'")
            )
            return
        intent = _intent_above(trigger, candidates)
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
        actors, actor_tokens = self.actors_of(cand.actor_heads, ctx, trigger)
        recipients, recipient_tokens = self._recipients(cand, actors, actor_tokens, ctx)
        # "Canada and Mexico agreed", "the two sides held talks": coordinated parties of a
        # mutual act with no one else named act towards each other
        reciprocal = match.code in self.cues.reciprocal
        mutual = (
            (coding.type in MUTUAL_TYPES or reciprocal)
            and not recipients
            and _coordinated(actor_tokens)
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
        # CAMEO codes what the sentence reports: a promised act is a promise (03x), an
        # announced attack a threat (13x); the PLOVER type keeps the act, with `future`
        cameo = match.code
        if "future" in aux and "negated" not in aux:
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
                    actor_tokens, trigger, ctx.text, joined=mutual or reciprocal
                ),
                "recipient": syntax.argument_phrases(recipient_tokens, trigger, ctx.text),
            },
            "sentence": index,
            "trigger": {
                "text": trigger.text,
                "start": trigger.idx,
                "end": trigger.idx + len(trigger.text),
            },
            "confidence": _confidence(
                trigger, kind, actors, recipients, timex, aux, self.cues.background
            ),
            "rule": match.rule,
        }
        out.events.append(event)
        out.traces.append(_trace(trigger, kind, f"event {coding.type} by rule {match.rule}"))


def _owners(token: Token) -> list[Token]:
    """The "of" complements and possessors of a noun: "the leaders of Chile", "the
    government's offer"."""
    owners = [o for p, o in syntax.prepositional_objects(token) if p == "of"]
    return owners + [c for c in token.children if c.dep_ == "poss" and c.pos_ != "PRON"]


def _coordinated(tokens: list[Token]) -> bool:
    """Whether some of the slot's tokens are coordinated with each other ("X and Y")."""
    ids = {t.i for t in tokens}
    return any(c.i in ids for t in tokens for c in t.conjuncts)


def _others(found: tuple[list[Any], list[Token]], actors: list[Any]) -> list[tuple[Any, Token]]:
    """The resolved mentions (with their tokens) that are neither an actor nor its own."""
    return [
        (r, t)
        for r, t in zip(*found, strict=True)
        if r not in actors and not _own_of_actor(t, r, actors)
    ]


def _own_of_actor(token: Token, recipient: dict[str, Any], actors: list[Any]) -> bool:
    """ "Sudan withdrew its troops", "recalled their ambassador": a phrase owned through a
    possessive pronoun by the actor's own side is the actor's instrument, not its recipient."""
    owned = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children)
    countries = {a["country"] for a in actors if a["country"]}
    country = recipient["country"]
    # a country read off a common noun alone ("its Gulf war") is no other party either
    bare = not recipient["sector"] and not recipient["name"]
    return owned and bool(actors) and (country in countries or not country or bare)


def _goals_over_themes(verb: Token, kept: list[tuple[Any, Token]]) -> list[tuple[Any, Token]]:
    """ "sent troops to Mali", "moved police into the city": what is sent (an object known
    only by its sector) is the theme; the actor it is sent to is the recipient."""
    goals = [
        (r, t)
        for r, t in kept
        if (r["country"] or r["name"])
        and t.dep_ == "pobj"
        and t.head.lower_ in _GOAL_PREPS
        and t.head.head.i in {verb.i, *[o.i for o in syntax.objects(verb)]}
    ]
    if not goals:
        return kept
    return [
        (r, t)
        for r, t in kept
        if not (t.head.i == verb.i and t.dep_ == "dobj" and not r["country"] and not r["name"])
    ]


def _names_unknown(heads: list[Token]) -> bool:
    """Whether a slot head is a proper name the actor tables do not know ("Ms Ravi")."""
    return any(h.pos_ == "PROPN" and h.ent_type_ == "PERSON" for h in heads)


def _terms(token: Token) -> list[str]:
    """Lemma and lemma phrase of an object, as the lexicon's patterns name them, and the
    phrase through an "of" complement ("state of emergency", "release of prisoners")."""
    left, right = syntax.phrase_tokens(token)
    words = [t.lemma_.lower() for t in token.doc[left.i : right.i + 1] if t.pos_ != "DET"]
    terms = [token.lemma_.lower(), " ".join(words)]
    for prep, obj in syntax.prepositional_objects(token):
        if prep == "of":
            terms.append(f"{token.lemma_.lower()} of {obj.lemma_.lower()}")
            terms.append(obj.lemma_.lower())  # "the release of prisoners" names prisoners
    return terms


def _has_name(text: str) -> bool:
    words = text.split()
    return any(w[:1].isupper() for w in words[1:]) or (len(words) == 1 and words[0][:1].isupper())


def _reports_clause(verb: Token) -> bool:
    return any(c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"} for c in verb.children)


def _speaker_of_clause(pronoun: Token, speech: frozenset[str]) -> Token | None:
    """The speaker of the verb of saying whose reported clause the pronoun is the subject of."""
    clause = pronoun.head
    if pronoun.dep_ not in {"nsubj", "nsubjpass"} or clause.dep_ != "ccomp":
        return None
    if clause.head.lemma_.lower() not in speech:
        return None
    speaker = syntax.direct_subject(clause.head)
    if speaker is None or speaker.pos_ == "PRON":
        return None
    return speaker


def _possessor_antecedent(pronoun: Token, speech: frozenset[str]) -> Token | None:
    """What "its"/"their" refers to: the speaker when it owns the subject of a reported
    clause ("Bosnian Serbs said their forces had withdrawn"), else the subject of the clause
    it is in ("Nigeria will withdraw its troops")."""
    owned = pronoun.head
    clause = owned.head if owned.dep_ in {"nsubj", "nsubjpass"} else None
    if clause is not None and clause.dep_ == "ccomp" and clause.head.lemma_.lower() in speech:
        speaker = syntax.direct_subject(clause.head)
        if speaker is not None and speaker.pos_ != "PRON":
            return speaker
    for head in syntax.governors(pronoun):
        if head.pos_ in {"VERB", "AUX"}:
            subject = syntax.inherited_subject(head)
            if subject is None or subject.is_ancestor(pronoun) or subject.pos_ == "PRON":
                return None  # "20 of its soldiers were killed": not its own antecedent
            return subject
    return None


def _refused_by_head(noun: Token, candidates: dict[int, Candidate]) -> bool:
    verb = candidates.get(noun.head.i)
    coding = verb.coding if verb is not None else None
    return noun.dep_ == "dobj" and coding is not None and coding.type in {"REJECT", "SANCTION"}


def _named_by_verb_pattern(noun: Token, candidates: dict[int, Candidate]) -> bool:
    """Whether the governing verb's lexicon pattern names this noun as its object, so that
    the two form one predicate: "denied the charges" (a denial, CAMEO 016, not a charge),
    "launched an attack"."""
    verb = candidates.get(noun.head.i)
    if verb is None or verb.kind != "verb" or noun.dep_ not in {"dobj", "pobj"}:
        return False
    return any(noun.lemma_.lower() in term.split() for term in verb.match.terms)


def _remember(ctx: DocumentContext, person: dict[str, Any]) -> None:
    """Put `person` last in the list of people recently named (once)."""
    ctx.recent_people = [p for p in ctx.recent_people if p["name"] != person["name"]] + [person]


def _names_a_pair(token: Token) -> bool:
    """ "the pair", "the duo", "the two leaders", "both men": two people named before."""
    if token.lemma_.lower() in {"pair", "duo"}:
        return True
    return token.tag_ == "NNS" and any(
        c.lower_ in {"two", "both"} and c.dep_ in {"nummod", "det", "predet"}
        for c in token.children
    )


def _person_roots(doc: Any, ctx: DocumentContext) -> list[Token]:
    """Head tokens of the document's PERSON entities, computed once per document."""
    if ctx.person_roots is None:
        ctx.person_roots = [e.root for e in doc.ents if e.label_ == "PERSON"]
    return ctx.person_roots


def _recipient_preps(head: Token, preps: tuple[str, ...]) -> list[Token]:
    return [obj for prep, obj in syntax.prepositional_objects(head) if prep in preps]


def _intent_above(trigger: Token, candidates: dict[int, Candidate]) -> Candidate | None:
    """The intention trigger whose content `trigger` is, within three links."""
    current = trigger
    for head in list(syntax.governors(trigger))[:3]:
        if current.dep_ not in _CONTENT_LINKS:
            return None
        found = candidates.get(head.i)
        if found is not None and found.coding is not None and found.coding.type in INTENT_TYPES:
            return found
        current = head
    return None


def _condition_subjects(trigger: Token, conditional: frozenset[str]) -> list[Token]:
    """Subjects of the "if"/"unless" clauses of an intention or of its content."""
    clauses = [trigger, *[c for c in trigger.children if c.dep_ in {"xcomp", "ccomp"}]]
    found = []
    for clause in clauses:
        for child in clause.children:
            if child.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in conditional for m in child.children
            ):
                subject = syntax.direct_subject(child) or syntax.passive_subject(child)
                found += [subject] if subject is not None else []
    return found


def _content_recipients(trigger: Token) -> list[Token]:
    """Who an intention is aimed at, from its content: "threat to launch an operation against
    Kurdish militants", "warned that any Turkish action would ..." (the content's subject)."""
    found: list[Token] = []
    for child in trigger.children:
        if child.dep_ not in {"xcomp", "ccomp", "acl"} or child.pos_ not in {"VERB", "AUX"}:
            continue
        if child.dep_ == "ccomp":
            subject = syntax.direct_subject(child)
            found += [subject] if subject is not None else []
        for obj in syntax.objects(child):
            found += [obj, *_recipient_preps(obj, _CONTENT_PREPS)]
        found += _recipient_preps(child, _CONTENT_PREPS)
    return found


def _verb_complements(noun: Token, preps: Any) -> list[Token]:
    """Objects of the prepositions `preps` attached to the verb whose object `noun` is."""
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
        noun = noun.head  # "suspended aid deliveries to Gaza"
    if noun.dep_ != "dobj" or noun.head.pos_ != "VERB":
        return []
    return [o for p, o in syntax.prepositional_objects(noun.head) if p in preps]


def _actor_from_governing_verb(noun: Token, is_event_noun: Any) -> list[Token]:
    """'he launched the invasion', 'travel for a sitdown': the verb's subject acts; a noun
    compound counts as its head ('launched a mediation effort')."""
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
        noun = noun.head
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.pos_ == "NOUN"
        and not is_event_noun(noun.head.head)
    ):  # "began a new round of exercises", "a wave of strikes"; not "a suspension of aid"
        noun = noun.head.head
    head = noun.head
    if noun.dep_ == "dobj" and head.pos_ == "VERB":
        subject = syntax.inherited_subject(head)
        return [subject] if subject is not None else []
    if noun.dep_ == "pobj" and head.lower_ in _NOUN_ACTOR_FROM_VERB_PREPS:
        verb = head.head
        if verb.pos_ == "VERB":
            subject = syntax.inherited_subject(verb)
            return [subject] if subject is not None else []
    return []


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


def _confidence(
    trigger: Token,
    kind: str,
    actors: list[Any],
    recipients: list[Any],
    timex: Any,
    aux: list[str],
    background: frozenset[str],
) -> float:
    """A transparent score: both slots filled, a verbal trigger and a date make an event
    surer; each clause it is embedded in (relative, complement, adverbial) makes it less
    sure, since the sentence asserts its main clause and only mentions the others, and a
    clause that sets the scene ("after a jet shot down ...") or a participle that adds a
    consequence (", killing one") even less; so does a negation or a condition, since the
    event then did not (or not yet) happen."""
    score = 0.4 + (0.2 if actors else 0) + (0.2 if recipients else 0)
    score -= 0.2 if "negated" in aux else 0
    score -= 0.1 if "hypothetical" in aux else 0
    score += 0.1 if kind == "verb" else 0
    score += 0.1 if timex is not None else 0
    depth = sum(1 for head in syntax.governors(trigger) if head.pos_ in {"VERB", "AUX"})
    score -= 0.05 * min(depth, 4)
    clauses = [trigger, *syntax.governors(trigger)]
    if any(_opens_with(c, background) for c in clauses):
        score -= 0.15
    elif any(syntax.is_participle_adjunct(c) and c.tag_ == "VBG" for c in clauses):
        score -= 0.1
    return round(max(score, 0.05), 2)


def _opens_with(clause: Token, subordinators: frozenset[str]) -> bool:
    """Whether `clause` is an adverbial clause or phrase introduced by one of `subordinators`."""
    if clause.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in subordinators for c in clause.children)
    return clause.dep_ == "pobj" and clause.head.lower_ in subordinators


def _trace(token: Token, kind: str, decision: str) -> Trace:
    return Trace(token.text, token.idx, token.lemma_.lower(), kind, decision)
