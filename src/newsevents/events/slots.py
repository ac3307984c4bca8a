"""Slot filling: the actors and recipients a candidate trigger's slot heads name.

A slot is filled only by a mention the actor resolver recognises (see `mentions`). A head
stands for the nouns coordinated with it ("Putin and Erdogan"), a head that names no actor
for its owners ("the leaders of Chile"), "the two leaders" for the last two people named.
A recipient is never the actor nor the actor's own instrument ("withdrew its troops"); when
the syntax names none, an intention's content or condition may ("threat to launch an
operation against X"), else the first actor in the trigger's own phrase.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from newsevents.events import syntax
from newsevents.events.arguments import argument_source, objects
from newsevents.events.document import DocumentContext
from newsevents.events.lexicon import Modifiers
from newsevents.events.mentions import MentionResolver
from newsevents.events.syntax import Token
from newsevents.events.triggers import Candidate

# verbal intentions: what they threaten, demand, promise or refuse is their content, not an
# event of its own ("threat to launch an operation", "agreed to cooperate")
INTENT_TYPES = {"THREATEN", "REQUEST", "AGREE", "REJECT", "ACCUSE"}
# acts two coordinated parties do together when nobody else is named: they are each
# other's recipients ("Canada and Mexico agreed", "the two sides cooperate")
MUTUAL_TYPES = {"AGREE", "CONSULT", "COOPERATE"}
_CONTENT_PREPS = ("against", "with", "to", "on", "at", "into")
# prepositions naming where something sent or moved goes (or leaves)
_GOAL_PREPS = {"to", "into", "toward", "towards", "from", "against"}
_HOST_PREPS = ("in", "to", "into")  # where a peacekeeping force is placed or sent
_AIM_PREPS = ("of", "against", "at", "over")  # "in protest [against] X", "in defiance [of] X"
# Which prepositions of an act name a party when the tables know no actor in their object.
# "on X" names the target of these ("sanctions on X", "attacks on X"); of the others, the
# topic ("agreed on customs", "an agreement on trade")
_ON_TARGET_TYPES = {"ASSAULT", "COERCE", "SANCTION", "THREATEN", "PROTEST", "ACCUSE", "REQUEST"}
# "with X" names the other party of these ("talks with X", "clashed with X"); of the others,
# the means ("sent in troops with the order to ...", "talks with characteristic zeal")
_WITH_PARTY_TYPES = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT", "ASSAULT"}
# "at X", "into X" name the target of force and inquiry ("fired at", "an investigation
# into"); of the others, a place or a state ("trading at bargain prices", "signed into law")
_AT_INTO_TARGET_TYPES = {"ASSAULT", "COERCE", "ACCUSE", "MOBILIZE"}
# "over X", "about X" name what an act is about ("clashed with Zuckerberg over immigration")
_TOPIC_PREPS = {"over", "about"}
# except for a grievance, whose cause is whom it is against ("complained over Israeli raids")
_GRIEVANCE_TYPES = {"ACCUSE", "PROTEST"}
# acts whose direct object is whom they are addressed to ("accused [Gulen] of ...", "urged
# [Europe] to ...", "warned [Ankara]"); of others, often a thing ("blocked the Europe Bridge")
_ADDRESSED_TYPES = {"ACCUSE", "REQUEST", "THREATEN"}
_MODIFIERS_OF_ORIGIN = {"amod", "compound", "nmod", "poss"}  # whose agents a noun names


class SlotFiller:
    """Turns slot heads into resolved actors and recipients. Holds no document."""

    def __init__(
        self,
        mentions: MentionResolver,
        is_event_noun: Callable[[Token], bool],
        cues: Modifiers,
    ) -> None:
        self.mentions = mentions
        self.is_event_noun = is_event_noun
        self.conditional = cues.conditional  # "if", "unless": whose condition an intention sets
        self.peacekeeping = cues.peacekeeping  # words that make a force a peacekeeping one
        self.reciprocal = cues.reciprocal  # CAMEO codes of acts two parties do together
        self.creation = cues.creation  # "set up", "establish": their object is made

    def actors_of(
        self,
        tokens: list[Token],
        ctx: DocumentContext,
        trigger: Token | None = None,
        hit: bool = False,
    ) -> tuple[list[Any], list[Token]]:
        """Resolved actors of `tokens` and their coordinated nouns, with the tokens used.

        A head that names no actor may name one in its "of" complement: "the former Soviet
        republics of Tajikistan and Turkmenistan", "the leaders of Chile and Peru". What an
        attack hits (`hit`) is a party even when it is named as an act ("an army patrol").
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
            resolved: list[tuple[Token, dict[str, Any] | None]] = []
            for head in heads:
                found = self._agent(head, ctx, hit)
                if found is not None:
                    resolved.append((head, found))
                    continue
                # each head that names no one may name its owner: "Chile and [the Republic]
                # of Peru", "the leaders of Chile"
                owners = [c for o in _owners(head, hit) for c in syntax.conjuncts(o)]
                resolved += [(c, self._owner(c, ctx, hit)) for c in owners]
            for head, found in resolved:
                for each in [found, *self._other_nationalities(head, found, ctx)]:
                    if each is not None and each not in actors:
                        actors.append(each)
                        used.append(head)
        return actors, used

    def _other_nationalities(
        self, head: Token, found: dict[str, Any] | None, ctx: DocumentContext
    ) -> list[dict[str, Any]]:
        """ "French and Egyptian warships", "Pakistan and Afghanistan's intelligence
        services": one phrase, the agents of two countries."""
        if found is None or head.pos_ == "PROPN" or not found["country"]:
            return []
        modifiers = [c for c in head.children if c.dep_ in _MODIFIERS_OF_ORIGIN]
        first = next((c for c in modifiers if c.conjuncts), None)
        if first is not None:
            words = [first, *first.conjuncts]
        elif any(c.dep_ == "cc" for m in modifiers for c in m.children):
            words = modifiers  # "UK and EU negotiators": the parser coordinates no modifier
        else:
            return []
        named = [self._country_of(c, ctx) for c in words]
        if found["country"] not in named:
            return []  # the country came from elsewhere than the coordinated modifiers
        return [
            {**found, "country": c} for c in dict.fromkeys(named) if c and c != found["country"]
        ]

    def _owner(self, token: Token, ctx: DocumentContext, hit: bool) -> dict[str, Any] | None:
        """The actor an owner names; a noun before the head must name one of a country or
        by name ("an Afghan government offer"), not a kind ("a business conference")."""
        found = self._agent(token, ctx, hit)
        if found is None or token.dep_ != "compound" or found["country"] or found["name"]:
            return found
        return None

    def _country_of(self, word: Token, ctx: DocumentContext) -> str | None:
        resolved = self.mentions.reading(word.text, ctx)
        return resolved.country if resolved is not None else None

    def recipients(
        self, cand: Candidate, actors: list[Any], actor_tokens: list[Token], ctx: DocumentContext
    ) -> tuple[list[Any], list[Token]]:
        """Resolved recipients of a candidate and the tokens that name them."""
        trigger = cand.token
        hit = cand.coding.type == "ASSAULT"
        heads = cand.recipient_heads
        if several_parties(actor_tokens):
            # "Palestinians and Israelis failed to reach agreement on [Gaza]": what parties
            # side by side act on together is their topic, not a party
            heads = [h for h in heads if not _names_a_topic(h, cand.coding.type)]
        # "expelled the diplomat over [the refusal of the U.S.]": why, not to whom
        heads = [h for h in heads if not _names_a_reason(h, cand.coding.type)]
        kept = _others(self.actors_of(heads, ctx, trigger, hit), actors)
        if cand.kind == "verb":
            kept = _goals_over_themes(trigger, kept, ctx.guessed_country)
        if cand.kind == "verb" and cand.coding.type == "MOBILIZE":
            # "mobilized troops for a war against Iraq": what is mobilized is the actor's
            # own force; whom it is mobilized against is the recipient
            kept = [(r, t) for r, t in kept if not (t.dep_ == "dobj" and t.head == trigger)]
            kept = kept or _others(self.actors_of(_opposed(trigger), ctx, trigger), actors)
        addressee = _unknown_addressee(cand)
        mutual = cand.coding.type in MUTUAL_TYPES or cand.match.code in self.reciprocal
        together = mutual and several_parties(actor_tokens)
        if not kept and cand.coding.type in INTENT_TYPES and addressee is None:
            # the target of the content ("threat to launch an operation against X"), else
            # whoever must meet its condition ("threatened a strike unless Israel ...")
            content = [t for t in _content_recipients(trigger) if not self._made(t)]
            if together:
                # parties who agree together agree with each other ("Britain and Germany
                # agreed to share information on North Korea"), unless what they agree on
                # is an act on someone ("agreed to lift tariffs on American products")
                content = [t for t in content if self._acted_on(t)]
            kept = _others(self.actors_of(content, ctx, trigger), actors)
            for clause in trigger.children:  # "offered to send troops to Jordan"
                if clause.dep_ in {"xcomp", "ccomp", "acl"}:
                    kept = _goals_over_themes(clause, kept, ctx.guessed_country)
            if not kept:
                conditions = _condition_subjects(trigger, self.conditional)
                kept = _others(self.actors_of(conditions, ctx, trigger), actors)
        if not kept:
            # "staged a hunger strike in protest against abuses by the security forces",
            # "blocked streets in defiance of Chinese authorities": the act's stated aim
            kept = _others(self.actors_of(self._stated_aim(cand), ctx, trigger), actors)
        if (
            not kept
            and not _names_unknown(cand.recipient_heads)
            and addressee is None
            and not together
        ):
            # PETRARCH's convention: the target is the first actor in the trigger's own phrase
            # ("agreed to set up a centre in Tokyo", "aid for Romania and Poland"); not when
            # the syntax names a recipient we cannot resolve ("Ms Ravi was arrested in Delhi")
            # nor for the coordinated parties of a mutual act
            kept = _others(self._first_actor_after(cand, actors, ctx), actors)
        hosted: list[tuple[Any, Token]] = []
        for pair in (self._host(r, t, ctx) for r, t in kept):
            if pair[0] not in [r for r, _ in hosted]:
                hosted.append(pair)
        return [r for r, _ in hosted], [t for _, t in hosted]

    def unknown_recipients(
        self, cand: Candidate, event_type: str, ctx: DocumentContext
    ) -> list[Token]:
        """The recipients the syntax names but the actor tables do not know, for the event's
        recipient argument where none resolved: "launched cyber attacks on [141
        organisations]", "an investigation into [AMC]", "[a young inmate] was tortured",
        "withdrew its troops from [a disputed zone]". Only objects of prepositions and
        subjects of passives: a direct object is as often the thing moved as whom the act
        reaches ("returned [weapons]"). Not a date, a noun of the act's own pattern ("agreed
        to a cease-fire"), nor an event ("went on [strike]")."""
        own = {t.i for o in cand.predicate_objects for t in o.subtree}
        # the last words of the pattern's own phrases ("agreed to a [cease-fire]")
        own_words = {term.split()[-1].split("-")[-1] for term in cand.match.terms}
        found = []
        heads = list(cand.recipient_heads)
        if event_type == "RETREAT" and cand.kind == "verb":  # "withdrew troops [from] X"
            heads += syntax.objects_of_preps(cand.token, ("from",))
        addressee = _unknown_addressee(cand)
        for head in heads:
            if head == addressee:
                pass  # "accused [Gulen] of plotting a coup"
            elif head.dep_ not in {"pobj", "nsubjpass"} or head.pos_ not in {"NOUN", "PROPN"}:
                continue
            if head.i in own or {head.lower_, head.lemma_.lower()} & own_words:
                continue
            if head.ent_type_ in {"DATE", "TIME"} or self.is_event_noun(head):
                continue
            if _names_a_topic(head, event_type):
                continue
            if self.mentions.actor(head, ctx) is None:
                found.append(head)
        return found

    def _made(self, token: Token) -> bool:
        """Whether `token` is what a verb of creation makes: "agreed to set up [a field
        hospital] and [a strike team of health workers]"; the maker's own work is no party
        to its act (where it is made may be: "to set up a centre in [Tokyo]")."""
        while token.dep_ in {"conj", "pobj"} and token.head.i != token.i:
            if token.dep_ == "pobj" and token.head.lower_ != "of":
                return False
            token = token.head.head if token.dep_ == "pobj" else token.head
        verb = token.head
        if token.dep_ != "dobj" or verb.pos_ != "VERB":
            return False
        return syntax.verb_cue(verb, self.creation) is not None

    def _acted_on(self, token: Token) -> bool:
        """Whether `token` is the object of an event noun's preposition: "tariffs on [X]"."""
        return token.dep_ == "pobj" and self.is_event_noun(token.head.head)

    def _stated_aim(self, cand: Candidate) -> list[Token]:
        """Whom an act is "in protest of", "in defiance of": the target of an event noun in
        an "in" phrase of the act (or of the verb whose object the act is)."""
        trigger = cand.token
        heads = [trigger, trigger.head] if trigger.dep_ == "dobj" else [trigger]
        found = []
        for _, aim in (p for h in heads for p in syntax.prepositional_objects(h) if p[0] == "in"):
            if self.is_event_noun(aim):
                found += syntax.objects_of_preps(aim, _AIM_PREPS)
        return found

    def _host(self, recipient: Any, token: Token, ctx: DocumentContext) -> tuple[Any, Token]:
        """ "a peacekeeping force in Liberia", "deploy peacekeepers in Iraq": a peacekeeping
        force stands for the country it keeps the peace in, named where it is placed or sent.
        """
        start, end = syntax.phrase(token)
        if not any(word in ctx.text[start:end].lower() for word in self.peacekeeping):
            return recipient, token
        # the place hangs on the force ("a force in Liberia") or on the verb that moves it
        heads = [token, token.head] if token.dep_ in {"dobj", "nsubjpass"} else [token]
        for place in (p for head in heads for p in syntax.objects_of_preps(head, _HOST_PREPS)):
            found = self.mentions.actor(place, ctx)
            if found is not None and found["country"] not in (None, recipient["country"]):
                return found, place
        return recipient, token

    def _agent(self, token: Token, ctx: DocumentContext, hit: bool) -> dict[str, Any] | None:
        """The actor of `token`, unless its phrase names a thing, not an agent, through a
        modifier: "military aid", "a general strike" (an act); its owner may still be one
        ("the government's offer"). As a subject the act stands for whoever carries it out
        ("any Turkish operation would attack")."""
        found = self.mentions.actor(token, ctx)
        if found is None or found["name"] or token.pos_ != "NOUN":
            return found
        if token.dep_ in {"nsubj", "nsubjpass"} or hit:
            return found
        return None if self.is_event_noun(token) else found

    def _first_actor_after(
        self, cand: Candidate, actors: list[Any], ctx: DocumentContext
    ) -> tuple[list[Any], list[Token]]:
        trigger = cand.token
        named = {t.i for o in _moved(cand) for t in syntax.conjuncts(o)}
        for head in syntax.heads_after(trigger):
            if head.i in named or self._made(head):
                continue
            found, used = self.actors_of([head], ctx, trigger)
            if _others((found, used), actors):
                return found, used
        return [], []


def _names_a_party(preposition: str, event_type: str) -> bool:
    """Whether an object of `preposition` names a party of an act of `event_type` (see the
    tables above), where the actor tables know nothing of it."""
    if preposition in _TOPIC_PREPS:
        return event_type in _GRIEVANCE_TYPES
    if preposition == "on":
        return event_type in _ON_TARGET_TYPES
    if preposition == "with":
        return event_type in _WITH_PARTY_TYPES
    if preposition in {"at", "into"}:
        return event_type in _AT_INTO_TARGET_TYPES
    return True


def _names_a_reason(head: Token, event_type: str) -> bool:
    """Whether `head` is the object of "over" or "about" in an act other than a grievance."""
    return _names_a_topic(head, event_type) and head.head.lower_ in _TOPIC_PREPS


def _names_a_topic(head: Token, event_type: str) -> bool:
    """Whether `head` is the object of a preposition that names no party of an act of
    `event_type` ("agreement [on] trade", "talks [over] the border")."""
    return head.dep_ == "pobj" and not _names_a_party(head.head.lower_, event_type)


def several_parties(actor_tokens: list[Token]) -> bool:
    """Whether the actors are parties side by side: coordinated ("Canada and Mexico") or
    named by one phrase of several nationalities ("the Turkish and Greek sides")."""
    return syntax.coordinated(actor_tokens) or len({t.i for t in actor_tokens}) < len(actor_tokens)


def _owners(token: Token, hit: bool = False) -> list[Token]:
    """The "of" complements, possessors and the noun just before a noun: "the leaders of
    Chile", "the government's offer", "a government offer"; and for what an attack hits,
    whom it is for: "a camp for Congolese refugees"."""
    preps = {"of", "for"} if hit else {"of"}
    owners = [o for p, o in syntax.prepositional_objects(token) if p in preps]
    owners += [c for c in token.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    # "an Afghan [government] offer", "a [Hamas] proposal": the noun before says whose
    return owners + [c for c in token.children if c.dep_ == "compound" and c.i == token.i - 1]


def _names_a_pair(token: Token) -> bool:
    """ "the pair", "the duo", "the two leaders", "both men": two people named before."""
    if token.lemma_.lower() in {"pair", "duo"}:
        return True
    return token.tag_ == "NNS" and any(
        c.lower_ in {"two", "both"} and c.dep_ in {"nummod", "det", "predet"}
        for c in token.children
    )


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


def _goals_over_themes(
    verb: Token, kept: list[tuple[Any, Token]], guessed: set[tuple[int, int]]
) -> list[tuple[Any, Token]]:
    """ "sent troops to Mali", "moved police into the city", "returned Iraqi artifacts to
    the government of Iraq": what is sent (an object known only by its sector, or by a
    country guessed from the sentence, or a thing of some country) is the theme; the actor
    it is sent to is the recipient. People of a country are not a theme: "deported Syrians
    to Idlib" has the Syrians for recipient, and not the place they are sent to."""

    def theme(r: dict[str, Any], t: Token) -> bool:
        if t.pos_ == "NOUN" and not r["sector"]:
            return True  # a thing, whatever country its modifier names
        return not r["name"] and (not r["country"] or (r["start"], r["end"]) in guessed)

    verb = argument_source(verb)  # "sent and deployed troops to Mali"
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
    moved = [(r, t) for r, t in kept if _direct_object_of(verb, t)]
    if any(not theme(r, t) for r, t in moved):
        # people sent somewhere are the recipients; where or to whom they go is not one
        return [(r, t) for r, t in kept if (r, t) not in goals]
    return [(r, t) for r, t in kept if (r, t) not in moved]


def _moved(cand: Candidate) -> tuple[Token, ...]:
    """The objects a verb's pattern names that the act moves, the actor's own force or
    envoys: what is mobilized ("mobilized the army", "the deployment of troops"), or sent
    or taken somewhere ("withdrew troops from Bolivia"). They are no party to the act;
    what an attack, a release or a ban names ("attacked a military base") is its
    recipient."""
    if cand.kind == "noun" and cand.coding.type == "MOBILIZE":
        # "the deployment [of 230 troops] to Liberia"
        return tuple(syntax.objects_of_preps(cand.token, ("of",)))
    if cand.kind != "verb" or not cand.predicate_objects:
        return ()
    verb = argument_source(cand.token)
    if cand.coding.type == "MOBILIZE" or syntax.objects_of_preps(verb, _GOAL_PREPS):
        return cand.predicate_objects
    return ()


def _direct_object_of(verb: Token, token: Token) -> bool:
    """Whether `token` is a direct object of `verb`, or coordinated with one ("offered an
    armoured regiment, attack helicopters and fighter jets")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ == "dobj" and token.head.i == verb.i


def _opposed(trigger: Token) -> list[Token]:
    """Objects of "against" in the phrases of `trigger` ("for a war against Iraq"), not in
    its clauses."""
    found, stack = [], [c for c in trigger.children if c.dep_ in {"prep", "dobj", "pobj"}]
    while stack:
        token = stack.pop()
        if token.dep_ == "pobj" and token.head.lower_ == "against":
            found.append(token)
        stack += [c for c in token.children if c.dep_ in {"prep", "pobj", "dobj"}]
    return found


def _names_unknown(heads: list[Token]) -> bool:
    """Whether a slot head is a proper name the actor tables do not know ("Ms Ravi"), or
    the subject that undergoes the event ("a young inmate was tortured in Evin prison",
    "an inmate died in Evin prison")."""
    return any(
        (h.pos_ == "PROPN" and h.ent_type_ == "PERSON") or h.dep_ in {"nsubj", "nsubjpass"}
        for h in heads
    )


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
    clauses = list(trigger.children)
    verb = {"dobj": trigger.head, "pobj": trigger.head.head}.get(trigger.dep_)
    if trigger.pos_ == "NOUN" and verb is not None and verb.pos_ == "VERB":
        # "reiterated its demand today that Israel ...", "insisted on its demands that ...":
        # the parser hangs the noun's content clause on the verb
        clauses += [c for c in verb.children if c.dep_ == "ccomp" and c.i > trigger.i]
    for noun in syntax.objects_of_preps(trigger, ("on", "for")):
        # "insisted on its demands that Burundi grant ...": the content of the noun
        clauses += syntax.content_clauses(noun)
    for child in clauses:
        if child.dep_ not in {"xcomp", "ccomp", "acl"} or child.pos_ not in {"VERB", "AUX"}:
            continue
        subject = syntax.direct_subject(child) if child.dep_ in {"ccomp", "acl"} else None
        if subject is not None and subject.pos_ in {"PROPN", "NOUN"}:
            # "demanded that Israel ease restrictions": whom the content asks to act
            found.append(subject)
            continue
        for obj in objects(child):
            found += [obj, *syntax.objects_of_preps(obj, _CONTENT_PREPS)]
        found += syntax.objects_of_preps(child, _CONTENT_PREPS)
    return found


def _unknown_addressee(cand: Candidate) -> Token | None:
    """The name an accusation, demand or threat is addressed to as its direct object,
    whether or not the actor tables know it: "accused [Gulen] of attempting to overthrow
    the government" is aimed at Gulen, not at the government of its content."""
    if cand.coding.type not in _ADDRESSED_TYPES:
        return None
    return next((h for h in cand.recipient_heads if h.dep_ == "dobj" and h.pos_ == "PROPN"), None)
