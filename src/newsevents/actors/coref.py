"""In-document coreference of people: later mentions refer back to a person named earlier.

`DocumentActors` resolves the mentions of one document in reading order and remembers the
people named so far:

- a surname, a shorter or longer form of a name refers back to the person named earlier
  ("Omar Hassan al-Bashir ... Bashir ... Mr. Bashir"), even when the knowledge base does not
  know them (then it only links the mentions; `resolve` has no actor to return);
- "he", "she", "him", "her", "his" refer to the person last in focus whose gender agrees (the
  gender comes from earlier pronouns and from titles such as "Mr." or "Queen");
- "the president", "the minister" refer to the person last named with that title;
- everything else is resolved by the `ActorResolver` at the document's date, and a person
  it names becomes one of the document's people.

>>> from newsevents.actors import default_resolver
>>> doc = DocumentActors(default_resolver(), "2000-06-01")
>>> doc.resolve("Sudanese President Omar Hassan al-Bashir").name
'Omar al-Bashir'
>>> doc.resolve("Bashir").country
'SDN'
>>> doc.resolve("he").name
'Omar al-Bashir'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from newsevents.actors.kb import PARTICLES, Token, name_parts, names_agree, tokenize
from newsevents.actors.resolve import BREAKERS, NOT_NAMES, ActorResolver, ResolvedActor


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MALE_PRONOUNS = _words("he him his himself")
FEMALE_PRONOUNS = _words("she her hers herself")
PERSON_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
OTHER_PRONOUNS = _words("i me my mine we us our you your it its they them their one")
MALE_TITLES = _words("mr sir lord king prince emir sultan sheikh shaikh ayatollah pope")
FEMALE_TITLES = _words("mrs ms miss dame lady queen princess")
# Title words that are not names and that a later "the <title>" can refer back to.
TITLE_WORDS = NOT_NAMES | _words(
    "senator representative congressman congresswoman governor secretary minister president "
    "premier chancellor director spokesperson candidate coach captain officer"
)
_DETERMINERS = _words("the this that")


@dataclass(slots=True)
class Person:
    """One person of the document: the names it was given, its actor if the KB knows it."""

    id: int
    name: str  # the longest name written for the person
    parts: list[str]  # name_parts of that name
    actor: ResolvedActor | None
    gender: str | None = None  # "m" | "f"
    titles: set[str] = field(default_factory=set)
    mentions: int = 1


@dataclass(slots=True)
class Link:
    """What one mention was found to be: a person of the document (or None), its actor."""

    person: Person | None
    actor: ResolvedActor | None


class DocumentActors:
    """Resolve the actor mentions of one document in order, with coreference of people.

    Build one per document; call `resolve` (or `link`) for each mention in reading order.
    """

    def __init__(self, resolver: ActorResolver, date: str | None = None) -> None:
        self.resolver = resolver
        self.date = date
        self.people: list[Person] = []
        self.focus: list[Person] = []  # most recent last
        # a document names the same actors again and again: each text is looked up once
        self._readings: dict[tuple[str, str | None], ResolvedActor | None] = {}

    def reading(self, text: str, context: str | None = None) -> ResolvedActor | None:
        """What the knowledge base says of `text` on its own at the document's date, without
        the document's people (looked up once per document)."""
        key = (text, context)
        if key not in self._readings:
            self._readings[key] = self.resolver.resolve(text, self.date, context)
        return self._readings[key]

    def resolve(self, text: str, context: str | None = None) -> ResolvedActor | None:
        """The actor `text` refers to, given the people named earlier in the document."""
        return self.link(text, context).actor

    def link(self, text: str, context: str | None = None, *, named: bool = False) -> Link:
        """The person of the document `text` refers to (None if it names nobody) and its
        actor. `named=True` says the mention is a person's name (e.g. a NER PERSON span) even
        when the knowledge base does not know it."""
        tokens = tokenize(text)
        keys = [t.key for t in tokens]
        if len(keys) == 1 and keys[0] in PERSON_PRONOUNS:
            return self._pronoun(keys[0])
        name = self._name_tokens(_head_words(text))
        person = self._earlier(name, _gender(tokens)) if name else None
        if person is None and not name:
            person = self._by_title(tokens)
        if person is not None:
            self._note(person, tokens, name)
            return Link(person, _referring(person, text))
        actor = self.reading(text, context)
        if actor is not None and actor.kind == "person" and actor.name:
            known = next((p for p in self.people if p.actor and p.actor.name == actor.name), None)
            person = known or self._new(actor.name, actor)
        elif name and (named or len(name_parts(name)) >= 2) and _no_named_actor(actor):
            # an unknown person's name ("farmer John Smith"), not an organisation or a place
            person = self._new(" ".join(t.text for t in name), None)
        if person is not None:
            self._note(person, tokens, name)
        return Link(person, actor)

    # -- people ------------------------------------------------------------------------------

    def _new(self, name: str, actor: ResolvedActor | None) -> Person:
        person = Person(len(self.people), name, name_parts(tokenize(name)), actor)
        self.people.append(person)
        return person

    def _note(self, person: Person, tokens: list[Token], name: list[Token]) -> None:
        """Put `person` in focus and learn its gender and titles from this mention."""
        if person in self.focus:
            self.focus.remove(person)
        self.focus.append(person)
        person.mentions += 1
        parts = name_parts(name)
        if len(parts) > len(person.parts):
            person.parts, person.name = parts, " ".join(t.text for t in name)
        person.gender = person.gender or _gender(tokens)
        for token in tokens:
            if token.key in TITLE_WORDS and token.key not in _DETERMINERS:
                person.titles.add(token.key)
        if person.actor and person.actor.role:
            person.titles.update(t.key for t in tokenize(person.actor.role) if t.key in TITLE_WORDS)

    def _name_tokens(self, tokens: list[Token]) -> list[Token]:
        """The last run of capitalised words that are not titles, places or nationalities:
        "Sudanese President Omar Hassan al-Bashir" -> Omar Hassan al Bashir."""
        runs: list[list[Token]] = []
        current: list[Token] = []
        for token in tokens:
            word = token.key
            capital = token.text[:1].isupper() and word.isalpha()
            particle = bool(current) and word in PARTICLES
            plain = word not in TITLE_WORDS and word not in OTHER_PRONOUNS
            if particle or (capital and plain and not self._is_place(word)):
                current.append(token)
            else:
                if current:
                    runs.append(current)
                current = []
        if current:
            runs.append(current)
        for run in reversed(runs):
            while run and run[-1].key in PARTICLES:
                run.pop()
            if run:
                return run
        return []

    def _is_place(self, word: str) -> bool:
        kinds = {"country", "demonym", "capital", "seat", "region", "organisation", "agent"}
        entries = self.resolver.kb.index.get(word, ())
        return any(e.kind in kinds for e in entries) and word not in self.resolver.kb.surnames

    def _earlier(self, name: list[Token], gender: str | None = None) -> Person | None:
        """The person last in focus whose name this one agrees with; for a title of a
        `gender` ("Mrs. Clinton" after "Bill Clinton"), one called so before, else one whose
        gender is not known."""
        parts = name_parts(name)
        if not parts:
            return None
        found = [p for p in reversed(self.focus) if _same_name(parts, p.parts)]
        if gender is not None:
            found = [p for p in found if p.gender == gender] or [
                p for p in found if p.gender is None
            ]
        return found[0] if found else None

    def _by_title(self, tokens: list[Token]) -> Person | None:
        """ "the president", "the Secretary of State": the person last in focus who was
        called so."""
        if not 2 <= len(tokens) <= 5 or tokens[0].key not in _DETERMINERS:
            return None
        head = tokens[1].key
        if head not in TITLE_WORDS or (len(tokens) > 2 and tokens[2].key != "of"):
            return None
        return next((p for p in reversed(self.focus) if head in p.titles), None)

    def _pronoun(self, word: str) -> Link:
        gender = "m" if word in MALE_PRONOUNS else "f"
        for person in reversed(self.focus):
            if person.gender in (None, gender):
                person.gender = gender
                self._note(person, [], [])
                return Link(person, _referring(person, word))
        return Link(None, None)


_CLAUSE = re.compile(r",|\(|\s(?:who|whom|whose|which|that)\s", re.IGNORECASE)


def _gender(tokens: list[Token]) -> str | None:
    """The gender a title of the mention gives ("Mrs.", "Mr."), if any."""
    for token in tokens:
        if token.key in MALE_TITLES:
            return "m"
        if token.key in FEMALE_TITLES:
            return "f"
    return None


def _head_words(text: str) -> list[Token]:
    """The tokens of the head of a mention: before a comma, a relative clause or a
    preposition ("Devocht, who had told Montalvo ..." -> Devocht)."""
    tokens = tokenize(_CLAUSE.split(text, maxsplit=1)[0])
    cut = next((i for i, t in enumerate(tokens) if i and t.key in BREAKERS), len(tokens))
    return tokens[:cut]


def _same_name(mention: list[str], known: list[str]) -> bool:
    """A surname, a first name, the end of the name ("Tom Cruise" after "Scientologist Tom
    Cruise"), or first and last name with agreeing middle names."""
    if not mention or not known:
        return False  # a "name" of particles or titles only names nobody
    if len(mention) == 1:
        return mention[0] in (known[0], known[-1])
    if len(mention) < len(known) and known[-len(mention) :] == mention:
        return True
    return names_agree(mention, known)


def _no_named_actor(actor: ResolvedActor | None) -> bool:
    """Nothing, or only a generic agent ("farmer"): no organisation, place or person."""
    return actor is None or actor.name is None


def _referring(person: Person, text: str) -> ResolvedActor | None:
    if person.actor is None:
        return None
    note = f"'{text}' refers back to {person.name}"
    return replace(person.actor, explain=f"{note}: {person.actor.explain}")


__all__ = ["DocumentActors", "Link", "Person"]
