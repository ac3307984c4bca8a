"""Actor mentions: which actor the phrase headed by a token names.

A phrase is resolved with the actor resolver (through the document's people when there are
any, so "Bashir" after "Omar al-Bashir" is the same person), once per span and document.
Pronouns take their antecedent from the syntax: "he"/"she" the last person named, "it"/"they"
the speaker of the clause they are reported in, "its"/"their" the subject that owns them.
An apposition may say whom a person acts for ("Ann Smith, the UN relief coordinator"), and
an agent without a country takes the one it is placed in ("demonstrators in Baghdad").
"""

from __future__ import annotations

import re
from typing import Any

from newsevents.actors.places import city_in
from newsevents.events import syntax
from newsevents.events.document import DocumentContext
from newsevents.events.syntax import Token

_PRONOUNS_OF_PEOPLE = {"he", "she"}
_OBJECT_PRONOUNS = {"him", "her"}
_OBJECT_LINKS = {"dobj", "dative", "pobj"}
_PRONOUN_SUBJECTS = {"he", "she", "it", "they", "we"}
_POSSESSIVE_PRONOUNS = {"its", "their", "our"}
_LOCATIVE_PREPS = {"in", "throughout", "from", "of", "across"}
_SCENE_PREPS = {"in", "throughout", "across"}  # where an act happens
# entity labels that never name a place or a nationality
_NOT_PLACES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_PLACE_ENTITIES = {"GPE", "LOC", "FAC"}
# how the resolver explains a reading by a place's name ("capital 'Tripoli' -> LBY GOV")
_PLACE_READINGS = ("capital '", "place '", "city '")


class MentionResolver:
    """Resolves the phrase a token heads to an actor mention. Holds no document."""

    def __init__(self, resolver: Any, speech: frozenset[str]) -> None:
        self.resolver = resolver
        self.speech = speech  # verbs of saying, whose subject is what "it"/"their" refer to

    def actor(self, token: Token, ctx: DocumentContext) -> dict[str, Any] | None:
        """The resolved actor of the phrase headed by `token` (or its apposition)."""
        if token.lower_ in _PRONOUN_SUBJECTS and token.pos_ == "PRON":
            speaker = _speaker_of_clause(token, self.speech)  # "Hungary said it will ..."
            if speaker is not None:
                return self.actor(speaker, ctx)
        if token.lower_ in _PRONOUNS_OF_PEOPLE:
            return self._person_before(token, ctx)
        if token.lower_ in _OBJECT_PRONOUNS and token.dep_ in _OBJECT_LINKS:
            # "Trump called Erdogan and urged him": not the subject of its own clause
            subject = syntax.inherited_subject(token.head) if token.head.pos_ == "VERB" else None
            return self._person_before(token, ctx, not_root=subject)
        if token.lower_ in _POSSESSIVE_PRONOUNS and token.dep_ == "poss":
            antecedent = _possessor_antecedent(token, self.speech)
            return self.actor(antecedent, ctx) if antecedent is not None else None
        best, described, person = None, None, False
        for head in syntax.with_appositions(token):
            start, end = syntax.phrase(head)
            found = self._resolve(ctx.text[start:end], start, end, ctx)
            if found is not None and (best is None or (found["name"] and not best["name"])):
                best, person = found, (start, end) in ctx.people_spans
            if head is not token and found is not None and found["country"]:
                described = described or found
        if token.pos_ == "PROPN" and (best is None or not best["name"]):
            # a proper name runs on through "of" ("the Organization of African Unity", "the
            # Bank of England"): the noun phrase stops before "of", the name does not
            named = self._with_of(token, ctx)
            if named is not None and token.lower_ in _name_words(named["name"]):
                best = named  # not "The Making of Donald Trump": the name must be the head's
        if person and best and described and described["name"] != best["name"]:
            # "Ann Smith, the UN relief coordinator": the role the sentence gives a person
            # says whom she acts for, whatever the tables knew of her
            best = {**best, "country": described["country"] or best["country"]}
            best["sector"] = described["sector"] or best["sector"]
        elif best is not None and best["country"] is None and not best["name"]:
            best = self._own_side(token, best, ctx)
        elif best is not None and token.ent_type_ == "NORP":
            best = self._people_of_place(token, best, ctx)
        if best is not None and best["country"] is None:
            best = self._located(token, best, ctx)
        elif best is not None and token.ent_type_ in _PLACE_ENTITIES:
            best = self._other_place_of_that_name(token, best, ctx)
        if best is None:
            best = _unknown_person(token, ctx)
        return best

    def note_people(self, sent: Any, ctx: DocumentContext) -> None:
        """Keep the last named person in focus for later pronouns."""
        for root in _person_roots(sent.doc, ctx):
            if sent.start <= root.i < sent.end:
                found = self.actor(root, ctx)
                if found is not None and found["name"]:
                    ctx.focus_person = found
                    ctx.remember(found)

    def _with_of(self, token: Token, ctx: DocumentContext) -> dict[str, Any] | None:
        """The actor of the phrase of `token` together with its "of" object ("the Albanians
        of southern Serbia", "the Organization of African Unity")."""
        for prep, obj in syntax.prepositional_objects(token):
            if prep == "of":
                start, end = syntax.phrase(token)[0], syntax.phrase(obj)[1]
                return self._resolve(ctx.text[start:end], start, end, ctx)
        return None

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

    def _people_of_place(
        self, token: Token, people: dict[str, Any], ctx: DocumentContext
    ) -> dict[str, Any]:
        """ "the Albanians of southern Serbia": a people named with where they live is read
        with that place (the resolver makes them people of Serbia)."""
        found = self._with_of(token, ctx)
        if found is not None and found["country"]:
            return {**people, "country": found["country"]}
        return people

    def _located(self, token: Token, agent: dict[str, Any], ctx: DocumentContext) -> dict[str, Any]:
        """An agent without a country takes the country it is placed in: "demonstrators in
        Baghdad", "students throughout Indonesia", "police from Kenya", "killed three
        soldiers in Mali"."""
        # its own place, else where the act it undergoes happens ("released prisoners in
        # Iraq": the parser hangs the place on the verb); not where the act takes it from
        undergoes = token.dep_ in {"dobj", "nsubjpass"} and token.head.pos_ == "VERB"
        places = [(token, _LOCATIVE_PREPS), *([(token.head, _SCENE_PREPS)] if undergoes else [])]
        for head, preps in places:
            for prep, obj in syntax.prepositional_objects(head):
                if prep in preps:
                    place = self.actor(obj, ctx)
                    if place is not None and place["country"]:
                        return {**agent, "country": place["country"]}
        # else the one country the sentence places things in ("police said ... in Baghdad"),
        # or else the one country it names at all ("Egyptian police dispersed demonstrators")
        if ctx.people is None:
            return agent
        named = self._sentence_countries(token.sent, ctx)
        country = _one({c for kind, c in named if kind == "place"}) or _one({c for _, c in named})
        if not country:
            return agent
        ctx.guessed_country.add((agent["start"], agent["end"]))
        return {**agent, "country": country}

    def _other_place_of_that_name(
        self, token: Token, place: dict[str, Any], ctx: DocumentContext
    ) -> dict[str, Any]:
        """A place name two countries share is read in the other country its sentence names,
        if that country has a sizeable place of the name: "in Tripoli ... the north Lebanese
        port" is not Libya's capital."""
        reading = self.reading(place["text"], ctx)
        if reading is None or not reading.explain.startswith(_PLACE_READINGS):
            return place
        others = {c for _, c in self._sentence_countries(token.sent, ctx)} - {place["country"]}
        name = place["text"].removeprefix("the ")
        cities = [city for city in (city_in(name, c) for c in sorted(others)) if city]
        if len(cities) != 1:
            return place
        return {**place, "name": cities[0].name, "country": cities[0].country, "sector": None}

    def _sentence_countries(self, sent: Any, ctx: DocumentContext) -> list[tuple[str, str]]:
        """(place | people, country) of each place and nationality the sentence's entities
        name, read once per sentence."""
        if sent.start not in ctx.sentence_countries:
            found = []
            for ent in _entities(sent.doc, ctx):
                if not sent.start <= ent.start < ent.end <= sent.end or ent.label_ in _NOT_PLACES:
                    continue
                # whatever the label: the parser tags some towns PERSON ("near ... Goma")
                resolved = self.reading(ent.text, ctx)
                if resolved is not None and resolved.country and resolved.kind is None:
                    found.append(("people" if ent.label_ == "NORP" else "place", resolved.country))
            ctx.sentence_countries[sent.start] = found
        return ctx.sentence_countries[sent.start]

    def reading(self, text: str, ctx: DocumentContext) -> Any:
        """What the tables say of `text` alone at the document's date; through the document's
        coreference, which remembers every lookup, when there is one."""
        if ctx.people is not None:
            return ctx.people.reading(text)
        return self.resolver.resolve(text, ctx.published)

    def _resolve(
        self, text: str, start: int, end: int, ctx: DocumentContext
    ) -> dict[str, Any] | None:
        key = (start, end)
        if key in ctx.mentions:
            return ctx.mentions[key]
        resolved = self.reading(text, ctx)
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

    def _person_before(
        self, pronoun: Token, ctx: DocumentContext, not_root: Token | None = None
    ) -> dict[str, Any] | None:
        """ "he"/"she": the last person named before it in the sentence (other than
        `not_root`), else the one in focus."""
        start = pronoun.sent.start
        for root in reversed(_person_roots(pronoun.doc, ctx)):
            if start <= root.i < pronoun.i and root != not_root:
                found = self.actor(root, ctx)
                if found is not None:
                    return found
        return ctx.focus_person


def _unknown_person(token: Token, ctx: DocumentContext) -> dict[str, Any] | None:
    """A person the tables do not know, named in full ("Disha Ravi", "Peter Biar Ajak"): still
    a party to the event, with no country or sector to code. A one-word name is too often
    something else the tagger took for a person, so it stays unresolved."""
    if token.pos_ != "PROPN" or token.ent_type_ != "PERSON":
        return None
    entity = _entity_at(token)
    if len(entity) < 2:
        return None
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in entity):
        return None  # "the Rhine", "Hopi and Navajo households"
    start, end = syntax.phrase(token)
    return {
        "text": ctx.text[start:end],
        "start": start,
        "end": end,
        "name": entity.text,
        "country": None,
        "sector": None,
        "wikidata": None,
        "role": None,
    }


def _has_name(text: str) -> bool:
    words = text.split()
    return any(w[:1].isupper() for w in words[1:]) or (len(words) == 1 and words[0][:1].isupper())


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


def _entities(doc: Any, ctx: DocumentContext) -> list[Any]:
    """The document's entities, computed once per document."""
    if ctx.entities is None:
        ctx.entities = list(doc.ents)
    return ctx.entities


def _entity_at(token: Token) -> Any:
    """The entity `token` is part of (it has an entity type), from the tokens' IOB tags."""
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _person_roots(doc: Any, ctx: DocumentContext) -> list[Token]:
    """Head tokens of the document's PERSON entities, computed once per document."""
    if ctx.person_roots is None:
        ctx.person_roots = [e.root for e in _entities(doc, ctx) if e.label_ == "PERSON"]
    return ctx.person_roots


def _one(countries: set[str]) -> str | None:
    return next(iter(countries)) if len(countries) == 1 else None


def _name_words(name: str | None) -> set[str]:
    return set(re.findall(r"\w+", name.lower())) if name else set()
