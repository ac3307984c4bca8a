"""Candidate triggers: the words of a sentence the lexicon knows, with their slot heads.

Every verb or noun the lexicon knows is a candidate. The lexicon gives its CAMEO code (the
most specific pattern over its objects and prepositions wins), the ontology its PLOVER
coding. The heads of its slots come from the syntax, never from word order: the subject
(inherited through control verbs and coordination), the "by" agent of a passive, the
possessor or agent of a nominal trigger; recipients from objects and the prepositions the
trigger takes. Which actors those heads name is left to `slots`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from newsevents.events import arguments, syntax
from newsevents.events.lexicon import Match, Modifiers
from newsevents.events.syntax import Token

VERB_RECIPIENT_PREPS = ("with", "to", "against", "on", "at", "toward", "towards", "into", "over")
# "travel for a sitdown", "embark on a visit": a nominal trigger under these prepositions of
# a verb takes the verb's subject as its actor
_NOUN_ACTOR_FROM_VERB_PREPS = {"for", "on", "in"}
# prepositions of a verb's object that name who the act concerns
_NAMING = frozenset({"NORP", "GPE", "ORG", "PERSON", "LOC", "FAC"})
_OBJECT_PREPS = ("against", "with", "to", "on", "from", "by", "of")
_WEAPON_WITH = {"ASSAULT"}  # types whose "with" phrase after a target names the weapon


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
    # how many modifier words before the token belong to the trigger ("hunger strike": 1)
    modifiers: int = 0
    joint_code: str | None = None  # a noun's code when actors of several countries act
    # objects the verb's pattern names as part of the predicate ("withdrew [troops]")
    predicate_objects: tuple[Token, ...] = ()


class TriggerFinder:
    """Finds the candidate triggers of a sentence. Holds no document."""

    def __init__(self, lexicon: Any, ontology: Any, cues: Modifiers) -> None:
        self.lexicon = lexicon
        self.ontology = ontology
        self.cues = cues

    def candidates(self, sent: Any) -> dict[int, Candidate]:
        """The sentence's candidate triggers by token index, in text order."""
        candidates: dict[int, Candidate] = {}
        for token in sent:
            found = self._verb(token) if token.pos_ == "VERB" else None
            if found is None and token.pos_ == "NOUN":
                found = self._noun(token)
            if (found is None or found.coding is None) and token.pos_ == "VERB":
                found = self._demand(token) or found  # "said that Libya must ...": a demand
            if found is not None:
                # the modifiers of a compound trigger ("hunger strike") are part of it
                for modifier in range(token.i - found.modifiers, token.i):
                    candidates.pop(modifier, None)
                candidates[token.i] = found
        return candidates

    def is_event_noun(self, token: Token) -> bool:
        """Whether the lexicon knows `token` as a nominal trigger ("attack", "talks")."""
        return self._noun_entry(token) is not None

    def of_names_target(self, noun: Token) -> bool:
        """Whether the lexicon's noun names its target with "of" ("a blockade of Yemen"),
        not its agent ("the request of the Serbian government")."""
        known = self._noun_entry(noun)
        return known is not None and "of" in known[1].recipient_preps

    def _noun_entry(self, noun: Token) -> tuple[str, Any, int] | None:
        """The lexicon key and entry of a noun and how many tokens before it the key spans:
        the compound it heads if the lexicon knows it ("hunger strike", "war games",
        "air-strikes", "no-fly zone"), else the noun itself."""
        for key, width in compound_keys(noun):
            entry = self.lexicon.noun(key)
            if entry is not None:
                return key, entry, width
        return None

    def _verb(self, verb: Token) -> Candidate | None:
        lemma, prt = self.lexicon.verb_lemma(verb.lemma_, verb.text), syntax.particle(verb)
        predicative = arguments.predicative(verb) if prt is None else None
        if predicative is not None:  # "set the hostages free": the pattern "set free"
            prt = predicative.lower_
        # "donated and delivered medicine to X": the first verb takes the later one's objects
        source = arguments.argument_source(verb)
        preps: dict[str, list[str]] = {}
        objects = arguments.objects(source)
        # PETRARCH's patterns read the words after the verb, so a preposition of the object
        # counts too: "lifted the state of emergency", "imposed a ban on imports"; a phrase
        # that only says when ("called on Tuesday") completes no pattern
        for head in (source, *objects):
            for prep, obj in arguments.prepositional_arguments(head):
                preps.setdefault(prep, []).extend(_terms(obj))
        if lemma in self.cues.speech and self._names_event(objects):
            return None  # "announced a suspension of aid": the noun is the event
        terms = [t for o in objects + self._stative_complements(verb, lemma) for t in _terms(o)]
        if predicative is not None and predicative.pos_ == "ADJ" and predicative not in objects:
            terms.append(predicative.lemma_.lower())  # or the pattern "set: free"
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
        if self._supports_event(verb, lemma, prt, objects):
            return None  # "carried out an attack": the attack is the event, coded as a noun
        passive = syntax.passive_subject(verb)
        if passive is None and syntax.has_passive_auxiliary(verb):
            # a passive infinitive takes its patient from above: "warships launched war
            # games, expected to be joined by Italian vessels" (the vessels join)
            passive = syntax.inherited_subject(verb)
        # "was tortured and killed by guards": "killed" is passive too
        passive = passive or syntax.shared_passive_subject(verb)
        agent = syntax.shared_agent(verb) if passive is not None else None
        if passive is not None and agent is None and lemma in self.cues.stative:
            # "Israel is opposed to the plan": a state of the subject, who is the actor
            actor_heads = [passive]
            recipient_heads = syntax.objects_of_preps(verb, VERB_RECIPIENT_PREPS)
        elif passive is not None and agent is None and match.code[:2] == "15":
            # "peacekeepers were deployed to Liberia": the force moved is the actor's own,
            # it stands for the actor; where it goes is the recipient (CAMEO 15 posture)
            actor_heads = [passive]
            recipient_heads = syntax.objects_of_preps(verb, VERB_RECIPIENT_PREPS)
        elif passive is not None:
            actor_heads = [agent] if agent is not None else []
            recipient_heads = [passive]
        elif lemma in self.cues.undergo and not objects:
            # "three soldiers died in the attack": the soldiers are what the attack hit
            subject = syntax.inherited_subject(verb)
            actor_heads = []
            recipient_heads = [subject] if subject is not None else []
        else:
            subject = syntax.inherited_subject(verb)
            actor_heads = [subject] if subject is not None else []
            # an object the pattern names belongs to the predicate ("launched artillery"),
            # unless it names someone ("released Palestinian prisoners")
            named = [o for o in objects if o.lemma_.lower() not in match.terms or _names(o)]
            dropped = self._not_recipients(named, match.code)
            of_verb = [p for p in VERB_RECIPIENT_PREPS if p not in dropped]
            recipient_heads = named + syntax.objects_of_preps(source, of_verb)
            # "rejected calls by Belarus", "threatened action against Russia", "launched
            # artillery and rocket fire against rebel camps"
            of_object = [p for p in _OBJECT_PREPS if p not in dropped]
            recipient_heads += [
                r
                for o in objects
                for c in syntax.conjuncts(o)
                for r in syntax.objects_of_preps(c, of_object)
            ]
        return Candidate(
            verb,
            "verb",
            match,
            self.ontology.to_plover(match.code),
            actor_heads,
            recipient_heads,
            predicate_objects=tuple(o for o in objects if o not in recipient_heads),
        )

    def _not_recipients(self, named: list[Token], code: str) -> set[str]:
        """Prepositions that name no recipient once the object names one. With someone
        named as object, "at" says where ("met Putin at the Kremlin"); with the target of
        an attack as object, "with" names the weapon ("pounded the hideouts with heavy
        artillery"), whereas without one it names the other side ("clashed with rebels")."""
        if not named:
            return set()
        coding = self.ontology.to_plover(code)
        dropped = {"with"} if coding is not None and coding.type in _WEAPON_WITH else set()
        return dropped | ({"at"} if any(_names(o) for o in named) else set())

    def _stative_complements(self, verb: Token, lemma: str) -> list[Token]:
        """ "Israel is opposed to French mediation": the adjectival passive's complement is
        what the verb's object would be ("opposed mediation", a rejection of mediation)."""
        if lemma not in self.cues.stative or not syntax.has_passive_auxiliary(verb):
            return []
        return syntax.objects_of_preps(verb, ("to",))

    def _supports_event(
        self, verb: Token, lemma: str, prt: str | None, objects: list[Token]
    ) -> bool:
        """A light verb whose object ("carried out an attack") or prepositional object
        ("engaged in ethnic cleansing", "resorted to violence") is an event noun: the noun's
        own entry, written for it, says better what happened than the verb's pattern."""
        if lemma not in self.cues.support and f"{lemma} {prt}" not in self.cues.support:
            return False
        named = objects + syntax.objects_of_preps(verb, ("in", "to"))
        # an ambiguous noun ("gave Tanzania a grant") is coded only with both slots: the verb
        # keeps the event
        entries = [self._noun_entry(o) for o in named]
        return any(e is not None and not e[1].ambiguous for e in entries)

    def _halting_verb(self, noun: Token) -> str | None:
        """The verb of stopping whose object `noun` (or the compound it is part of) is."""
        if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
            noun = noun.head
        verb = noun.head
        if noun.dep_ not in {"dobj", "nsubjpass"} or verb.pos_ != "VERB":
            return None
        return syntax.verb_cue(verb, self.cues.halt)

    def _names_event(self, objects: list[Token]) -> bool:
        heads = [o.head if o.dep_ == "compound" else o for o in objects]
        return any(self.is_event_noun(o) for o in objects + heads)

    def _demand(self, verb: Token) -> Candidate | None:
        """ "Britain said Libya must hand over the suspects", "Chirac issued a reminder to
        Iraq that it must cooperate": a demand by the speaker."""
        # only a verb of saying says its complement clause
        speech = verb.lemma_.lower() in self.cues.speech
        clauses = [c for c in verb.children if c.dep_ == "ccomp"] if speech else []
        for said in arguments.objects(verb):  # what a statement noun says
            clauses += syntax.content_clauses(said)
        for clause in clauses:
            modals = {c.lemma_.lower() for c in clause.children if c.dep_ == "aux"}
            subject = syntax.direct_subject(clause) or syntax.passive_subject(clause)
            speaker = syntax.direct_subject(verb)
            if modals & self.cues.obligation and subject is not None and speaker is not None:
                match = Match("100", f"speech+obligation:{verb.lemma_.lower()}")
                # whom it is said to, when the subject is a pronoun of the speaker's own
                addressees = syntax.objects_of_preps(verb, ("to",))
                return Candidate(
                    verb,
                    "verb",
                    match,
                    self.ontology.to_plover("100"),
                    [speaker],
                    [subject, *addressees],
                )
        return None

    def _noun(self, noun: Token) -> Candidate | None:
        known = self._noun_entry(noun)
        if known is None:
            return None
        key, entry, width = known
        actor_heads: list[Token] = []
        recipient_heads: list[Token] = []
        for child in noun.children:
            if child.dep_ == "poss":
                actor_heads.append(child)
            elif child.dep_ == "amod" and child.pos_ in {"ADJ", "PROPN"} and child.is_title:
                # "Turkish operation", "Russian invasion"; not "military exercises"
                actor_heads.append(child)
        # "the Ukraine invasion": a name before the noun is its target, unless the noun
        # names its target itself ("UN sanctions against Iran": the UN imposes them)
        names = [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        prep_recipients = []
        for prep, obj in self._noun_arguments(noun):
            if prep in entry.actor_preps:
                actor_heads.append(obj)
            elif prep in entry.recipient_preps:
                prep_recipients.append(obj)
        if not prep_recipients:
            # "reduced aid to Tajikistan": the parser hangs the noun's complement on the verb,
            # also of the noun it completes ("declared a state of siege in the province")
            whole = _of_container(noun, self.is_event_noun) or noun
            prep_recipients = _verb_complements(whole, entry.recipient_preps)
        if prep_recipients and not actor_heads:
            actor_heads += names
        else:
            recipient_heads += names
        recipient_heads += prep_recipients
        if prep_recipients:
            # "a swing through Israel, the West Bank and Saudi Arabia": the small model
            # often hangs the later conjuncts on the event noun instead of the first one
            recipient_heads += [c for c in noun.conjuncts if c.pos_ == "PROPN"]
        if actor_heads and all(h.pos_ == "PRON" for h in actor_heads):
            # "Israel mounted its invasion": the possessive pronoun is the verb's subject
            actor_heads = self._actor_from_governing_verb(noun) or actor_heads
        own_actor = bool(actor_heads)
        under = _under(noun)
        if under is not None:
            # "came under attack", "was put under arrest by police", "placed the leader
            # under house arrest": who is under the event undergoes it
            undergoer, doers = under
            recipient_heads = [undergoer, *recipient_heads]
            actor_heads += doers
            own_actor = True
        if not own_actor:
            actor_heads = self._actor_from_governing_verb(noun)
        match = Match(entry.code, f"noun:{key}")
        stopper = self._halting_verb(noun)
        halted = self.ontology.halted(entry.code) if stopper else None
        coding = self.ontology.to_plover(entry.code)
        if halted is not None:  # "ended mediation efforts": halting the mediation
            match = Match(halted, f"noun:{key}+halted by:{stopper}")
            coding = self.ontology.to_plover(halted)
        elif entry.mode is not None and coding is not None:  # "a cyber attack": COERCE cyber
            coding = replace(coding, mode=entry.mode)
        return Candidate(
            noun,
            "noun",
            match,
            coding,
            actor_heads,
            recipient_heads,
            entry.ambiguous,
            own_actor,
            width,
            entry.joint_code,
        )

    def _actor_from_governing_verb(self, noun: Token) -> list[Token]:
        """The subject of the verb that governs a nominal trigger, unless that subject
        undergoes the verb: "three soldiers died in the attack", "three civilians were killed
        in a car bombing" did not attack (a stative passive's subject acts: "Chile was
        engaged in talks")."""
        found = _actor_from_governing_verb(noun, self.is_event_noun, self.cues.affected)
        verb = found[0].head if found else None
        if verb is None or verb.lemma_.lower() in self.cues.undergo:
            return []
        governing = next((g for g in syntax.governors(noun) if g.pos_ == "VERB"), None)
        passive = found[0].dep_ == "nsubjpass" and verb == governing  # not "was asked to hold"
        return [] if passive and verb.lemma_.lower() not in self.cues.stative else found

    def _noun_arguments(self, noun: Token) -> list[tuple[str, Token]]:
        """The prepositional phrases of a nominal trigger; a trigger that modifies another
        noun takes that noun's too, which the parser hangs there: "a mediation mission
        between X and Y", unless that noun is an event of its own."""
        found = list(arguments.prepositional_arguments(noun))
        head = noun.head
        modifies = noun.dep_ in {"compound", "nmod", "amod"} and head.pos_ == "NOUN"
        if modifies and head.i > noun.i and not self.is_event_noun(head):
            found += arguments.prepositional_arguments(head)
        owner = _of_container(noun, self.is_event_noun)
        if owner is not None:
            # "declared a state of siege in Haiti": the phrase the noun completes
            found += [(p, o) for p, o in arguments.prepositional_arguments(owner) if o != noun]
        return found


def _under(noun: Token) -> tuple[Token, list[Token]] | None:
    """Who is "under" a nominal trigger, and who puts them there: the object of an active
    verb ("police placed [the leader] under house arrest": by the police), else its subject
    ("[a convoy] came under attack from rebels", "[he] was put under arrest by police": by
    whoever "by" or "from" names)."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "under" or noun.head.head.pos_ != "VERB":
        return None
    verb = noun.head.head
    subject = syntax.passive_subject(verb)
    if subject is None:
        placed = next((o for o in arguments.objects(verb) if o.dep_ == "dobj"), None)
        if placed is not None:
            actor = syntax.inherited_subject(verb)
            return placed, [actor] if actor is not None else []
        subject = syntax.inherited_subject(verb)
    if subject is None:
        return None
    agent = syntax.agent(verb)
    froms = [o for h in (noun, verb) for o in syntax.objects_of_preps(h, ("from",))]
    return subject, ([agent] if agent is not None else []) + froms


def compound_keys(noun: Token) -> list[tuple[str, int]]:
    """Lexicon keys a noun may be known by, longest first, each with the number of tokens
    before the noun it takes in: the compound its modifiers form ("hunger strike", "peace
    talk"), a hyphenated one with or without its hyphens ("air-strikes" is "air strike",
    "no-fly zone"), then the noun's own lemma (with the parser's plain compounds)."""
    doc, lemma = noun.doc, noun.lemma_.lower()
    start = noun.i
    while start > noun.left_edge.i:
        before = doc[start - 1]
        if _glued_hyphen(before) and start - 2 >= noun.left_edge.i:
            start -= 2  # "air-strikes": "air", "-", "strikes"
        elif before.dep_ in {"compound", "amod"} and before.pos_ in {"NOUN", "ADJ", "VERB"}:
            start -= 1
        else:
            break
    keys: dict[str, int] = {}
    for first in range(start, noun.i):
        if doc[first].text == "-" or (first > start and _glued_hyphen(doc[first - 1])):
            continue  # a key starts at a word, not inside a hyphenated one
        for form in ("lower_", "lemma_"):  # "arms embargo" (lemma "arm"), "war games"
            words = "".join(getattr(t, form).lower() + t.whitespace_ for t in doc[first : noun.i])
            keys.setdefault(f"{words}{lemma}", noun.i - first)
            keys.setdefault(f"{words.replace('-', ' ')}{lemma}", noun.i - first)
    for key in arguments.compound_keys(noun):
        keys.setdefault(key, len(key.split()) - 1)
    return list(keys.items())


def _glued_hyphen(token: Token) -> bool:
    """A hyphen written between two words without spaces ("no-fly")."""
    return (
        token.text == "-"
        and not token.whitespace_
        and token.i > 0
        and not token.doc[token.i - 1].whitespace_
    )


def _names(token: Token) -> bool:
    """Whether a noun phrase names someone: a nationality, place, organisation or person."""
    left, right = syntax.phrase_tokens(token)
    return any(t.ent_type_ in _NAMING for t in token.doc[left.i : right.i + 1])


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


def _reports_clause(verb: Token) -> bool:
    return any(c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"} for c in verb.children)


def _verb_complements(noun: Token, preps: tuple[str, ...]) -> list[Token]:
    """Objects of the prepositions `preps` attached to the verb whose object `noun` is."""
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
        noun = noun.head  # "suspended aid deliveries to Gaza"
    if noun.dep_ != "dobj" or noun.head.pos_ != "VERB":
        return []
    return syntax.objects_of_preps(noun.head, preps)


def _of_container(noun: Token, is_event_noun: Any) -> Token | None:
    """The noun that `noun` completes with "of" ("a state of [siege]", "a new round of
    [exercises]"), unless that noun is an event of its own ("a suspension of aid")."""
    container = noun.head.head
    if noun.dep_ != "pobj" or noun.head.lower_ != "of" or container.pos_ != "NOUN":
        return None
    return None if is_event_noun(container) else container


def _actor_from_governing_verb(
    noun: Token, is_event_noun: Any, affected: frozenset[str]
) -> list[Token]:
    """'he launched the invasion', 'travel for a sitdown': the verb's subject acts; a noun
    compound counts as its head ('launched a mediation effort'). Not through a noun of
    people the event defines (`affected`): 'met survivors of the massacre'."""
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
        noun = noun.head
    # "began a new round of exercises", "a wave of strikes"; not "a suspension of aid"
    container = _of_container(noun, is_event_noun)
    if container is not None and container.lemma_.lower() in affected:
        return []  # whoever met the survivors did not commit the massacre
    noun = container or noun
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
