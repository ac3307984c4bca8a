"""Resolve an actor mention ("Turkish President Recep Tayyip Erdogan") to a coded actor.

The mention is tokenized (`kb.tokenize`) and the longest known names are matched left to
right by dictionary lookups of token n-grams: no regular expression runs over the knowledge
base. Each match is evidence: a person or organisation (with its role at the date), a country
name, demonym or place, a capital or seat of government (the government), or an agent noun
(a sector). The evidence is combined as CAMEO/PLOVER code actors:

- a person or organisation gives name, country and sector (its role at the date);
- otherwise the country comes from a country name, demonym, capital or seat, and the sector from
  an agent noun ("Turkish troops" -> TUR MIL), else from a capital or seat ("Tehran" -> IRN
  GOV, "the Pentagon" -> USA MIL); a bare country or demonym has no sector;
- words after a preposition such as "to", "in" or "at" ("Russia's ambassador to Poland",
  "targets in Syria") only supply a country when the head has none, never a sector;
- an ethnic group (CAMEO code, e.g. KUR) or a transnational group cannot have a state military:
  MIL becomes REB;
- `context` (a sentence) supplies the country when the mention has none and the sentence names
  exactly one; `place_country` is the one country a sentence names as a place (the event
  coder gives it to agents without a nationality: "police said ... in Baghdad");
- an office word before a surname picks the office holder of any date ("President Mugabe"
  in 2024); a person written as the possessor of an agent ("Erdogan's spokesman") gives only
  the country; "anti-X", "pro-X", "X-backed" name somebody else (`modifiers`), and "ethnic X"
  is a people (CVL) of no country.

>>> from newsevents.actors import default_resolver
>>> actor = default_resolver().resolve("Iranian president", date="2022-06-01")
>>> (actor.country, actor.sector)
('IRN', 'GOV')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from newsevents.actors.kb import (
    HONORIFICS,
    PARTICLES,
    SOURCE_TIERS,
    TEAM_SOURCE,
    Entity,
    Entry,
    KnowledgeBase,
    Role,
    Token,
    load_kb,
    tokenize,
)
from newsevents.actors.modifiers import (
    PEOPLE_WORDS,
    RELATIONAL,
    detached_tokens,
    possessive_tokens,
)
from newsevents.actors.offices import OfficeHolders, load_offices, office_words
from newsevents.actors.places import city_named


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that start a modifier after the head of the mention ("ambassador to Poland").
BREAKERS = _words(
    "to in at from for with against on near over into by after under inside across toward "
    "towards between among via outside during through within without about amid"
)
COUNTRY_KINDS = ("country", "demonym", "capital", "seat", "region", "place", "city", "owner")
PLACE_KINDS = ("country", "capital", "region", "place")  # where, not who
INTERGOVERNMENTAL = frozenset({"IGO", "UNO", "EUR"})  # bodies whose officials act for them
NO_MILITARY = frozenset({"IMG", "NGO", "ISM", "MNC"})  # non-state: armed men are rebels
# Capitalised words next to a name that are not part of it ("Mr Putin", "Kano State").
NOT_NAMES = _words(
    "the a an mr mrs ms miss dr sir dame lord lady sheikh shaikh sayyed ayatollah mullah king "
    "queen prince princess emir sultan gen col maj capt lt sen rep gov president minister "
    "premier chancellor secretary deputy chief former late acting prof rev pope st mayor "
    "judge justice ambassador commander marshal admiral general spokesman spokeswoman leader "
    "chairman state province region city county district oblast governorate municipality "
    "republic government police army north south east west northern southern eastern western "
    "central lake mount river gulf sea"
)
# Capitalised words that open a sentence before a name without being part of it ("Three US
# servicemen", "Some Chinese officials").
QUANTIFIERS = _words(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty "
    "forty fifty hundred hundreds thousand thousands millions dozens dozen scores tens some "
    "several many few most all both about nearly almost around only other"
)
# kinds a lower-case mention may still name ("russian troops"); not capitals, which news
# always writes capitalised: "male troops" are not Maldivian (Male)
LENIENT_KINDS = frozenset({"country", "demonym", "seat", "region", "agent"})
# abbreviated titles before a name, not the surname they spell ("Sen. Ted Cruz" is no Hun Sen)
TITLE_ABBREVIATIONS = _words("sen rep gov gen lt col sgt capt adm maj cpl pvt dr prof rev")
LONGEST_NAME = 7  # tokens of a person's name matched by first and last name
FORMER = _words("former ex onetime erstwhile")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True, slots=True)
class ResolvedActor:
    name: str | None
    country: str | None
    sector: str | None
    wikidata: str | None
    role: str | None
    explain: str  # how it was resolved
    # "person" when a person was named or holds the office named; not part of `as_dict`
    kind: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The contract fields: name, country, sector, wikidata, role, explain."""
        out = asdict(self)
        del out["kind"]
        return out


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    surface: str
    entries: tuple[Entry, ...]
    surname: bool = False
    name_form: bool = False  # found by first and last name ("Omar El Bashir")


@dataclass(slots=True)
class _Evidence:
    kind: str
    surface: str
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    wikidata: str | None = None
    role: str | None = None
    ethnic: bool = False
    note: str = ""
    head: bool = True
    before_of: bool = True
    office: bool = False  # an organisation entry that only names an office ("US President")
    former_sector: str | None = None  # a former office holder's sector in that office

    def describe(self) -> str:
        label = {"capital": "capital", "seat": "seat of government", "region": "region",
                 "place": "place", "demonym": "country demonym", "country": "country",
                 "owner": "country of the possessor"}  # fmt: skip
        if self.kind == "person":
            text = f"person '{self.name}'"
        elif self.kind == "organisation":
            text = f"organisation '{self.name}'"
        elif self.kind == "agent":
            text = f"agent '{self.surface}'"
        else:
            text = f"{label.get(self.kind, self.kind)} '{self.surface}'"
        if self.note:
            text += f" ({self.note})"
        return text if self.head else f"{text} [modifier]"


class ActorResolver:
    """Resolve mention strings against a `KnowledgeBase` (built once, shared by all calls)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._office_holders: OfficeHolders | None = None  # built on first role-only mention

    @classmethod
    def load(cls, extra_files: Sequence[str | Path] = (), *, use_env: bool = True) -> ActorResolver:
        return cls(load_kb(extra_files, use_env=use_env))

    def resolve(
        self, text: str, date: str | None = None, context: str | None = None
    ) -> ResolvedActor | None:
        """The actor `text` refers to at `date` (YYYY[-MM[-DD]] or "today"), or None.

        Without a date, roles are those of today: "Biden" is a former president.
        """
        day = normalise_date(date) or dt.date.today().isoformat()
        tokens = tokenize(text)
        if not tokens:
            return None
        matches = _drop_name_parts(tokens, self._matches(tokens))
        boundary = _first_free(tokens, matches, BREAKERS, len(tokens))
        of_index = _first_free(tokens, matches, frozenset({"of"}), boundary)
        detached = detached_tokens(text, self._is_demonym) if "-" in text or "‑" in text else set()
        owners = possessive_tokens(text) if "s" in text else set()
        # "Israel's militia ally", "US allies": who the relation is to, not the actor ("NATO
        # allies" are the alliance's members)
        relation = max((i for i in range(boundary) if tokens[i].key in RELATIONAL), default=-1)
        evidence, ends = [], []
        for number, match in enumerate(matches):
            if detached.issuperset(range(match.start, match.end)):
                continue  # "anti-Syria", "Iranian-backed": somebody else
            item = self._evidence(match, day, _office_before(matches, number))
            if item is None:
                continue
            if match.end <= relation and item.kind not in {"agent", "organisation"}:
                continue
            item = _as_modified(item, tokens, matches[number:], owners, of_index)
            item.head = match.start < boundary
            item.before_of = match.start < of_index
            evidence.append(item)
            ends.append(match.end)
        if len(evidence) > 1 and evidence[-1].kind == "country" and ends[-1] == boundary:
            # "NATO member Norway", "EU ally Poland": the country named last is the one
            # spoken of; a body before it only describes it
            last = evidence[-1]
            evidence = [e for e in evidence[:-1] if e.kind != "organisation"] + [last]
        if not any(e.country for e in evidence):
            city = self._city(tokens, matches)  # "Mariupol", "Sydney police"
            if city is not None:
                city.head = city.head and _first_city_token(tokens, city) < boundary
                evidence.append(city)
        if not evidence:
            return None
        covered = {i for m in matches for i in range(m.start, m.end)}
        # "President of the Chadian Human Rights League" presides over no country
        unnamed_body = any(
            i not in covered and _capitalised(tokens[i]) for i in range(of_index + 1, boundary)
        )
        former = any(t.key in FORMER for t in tokens)
        return self._combine(evidence, day, context, holder_ok=not unnamed_body, former=former)

    def _is_demonym(self, word: str) -> bool:
        return any(e.kind == "demonym" for e in self.kb.index.get(word, ()))

    def _city(self, tokens: list[Token], matches: list[_Match]) -> _Evidence | None:
        """A run of capitalised words no table knows that names a sizeable city (never a
        surname: "Paris" said is a person)."""
        covered = {i for m in matches for i in range(m.start, m.end)}
        run: list[Token] = []
        for i, token in enumerate([*tokens, None]):
            name_word = (
                token is not None and i not in covered and _capitalised(token)
                and token.key.isalpha() and token.key not in NOT_NAMES
            )  # fmt: skip
            if name_word and token is not None:
                run.append(token)
                continue
            single = run[0].key if len(run) == 1 else ""
            if run and single not in self.kb.surnames:
                found = city_named(" ".join(t.text for t in run), single in self.kb.given_names)
                if found is not None:
                    surface = " ".join(t.text for t in run)
                    return _Evidence("city", surface, country=found.country, name=found.name,
                                     note="city in the gazetteer")  # fmt: skip
            run = []
        return None

    # -- matching ----------------------------------------------------------------------------

    def _matches(self, tokens: list[Token]) -> list[_Match]:
        lower = not any(ch.isupper() for t in tokens for ch in t.text)
        index, surnames = self.kb.index, self.kb.surnames
        longest = max(self.kb.max_len, LONGEST_NAME)
        out = []
        i = 0
        while i < len(tokens):
            found = None
            for size in range(min(longest, len(tokens) - i), 0, -1):
                span = tokens[i : i + size]
                key = " ".join(t.key for t in span)
                ok = [e for e in index.get(key, ()) if _case_ok(e, span, lower)]
                if ok:
                    found = _Match(i, i + size, " ".join(t.text for t in span), _best(ok))
                    break
                people = self._people_named(span, lower) if size >= 2 else []
                if people:
                    surface = " ".join(t.text for t in span)
                    found = _Match(i, i + size, surface, tuple(people), name_form=True)
                    break
            title = tokens[i].key in TITLE_ABBREVIATIONS and i + 1 < len(tokens)
            if found is None and not (title and _capitalised(tokens[i + 1])):
                ok = [
                    e
                    for e in surnames.get(tokens[i].key, ())
                    if _case_ok(e, tokens[i : i + 1], lower)
                ]
                if ok:
                    found = _Match(i, i + 1, tokens[i].text, tuple(ok), surname=True)
            if found is None:
                i += 1
                continue
            out.append(found)
            i = found.end
        return out

    def _people_named(self, span: list[Token], lower: bool) -> list[Entry]:
        """People named by a span of name words, by first and last name (`kb.people_named`).
        The span starts and ends with a capitalised word; inside, particles may be lower case."""
        if not lower:
            if not (_capitalised(span[0]) and _capitalised(span[-1])):
                return []
            if not all(_capitalised(t) or t.key in PARTICLES for t in span):
                return []
        if span[0].key in PARTICLES or span[0].key in HONORIFICS or span[-1].key in PARTICLES:
            return []  # "President Askar Akayev": the title is matched on its own
        return self.kb.people_named(span)

    # -- evidence ----------------------------------------------------------------------------

    def _evidence(
        self, match: _Match, day: str | None, office: str | None = None
    ) -> _Evidence | None:
        """What one match says; `office` is the office word just before it ("President")."""
        first = match.entries[0]
        kind = first.kind
        if kind == "ignore":
            return None
        if kind in ("person", "organisation"):
            return self._entity_evidence(match, day, office)
        if kind == "agent":
            return _Evidence("agent", match.surface, country=first.country, sector=first.sector,
                             role=first.name)  # fmt: skip
        countries = {e.country for e in match.entries}
        if len(countries) > 1:
            return None  # a name shared by two countries is no evidence of either
        sector = first.sector if kind in ("capital", "seat", "region") else None
        name = first.name
        return _Evidence(kind, match.surface, country=first.country, sector=sector, name=name,
                         ethnic=first.ethnic)  # fmt: skip

    def _entity_evidence(
        self, match: _Match, day: str | None, title: str | None = None
    ) -> _Evidence | None:
        office = self._office_named(match)
        if office is not None:
            return office
        entities = [e.entity for e in match.entries if e.entity is not None]
        if day is not None:
            active = [e for e in entities if any(r.dated and r.active(day) for r in e.roles)]
            held = _held_office(entities, title, loose=match.name_form) if title else []
            if held and (match.surname or match.name_form):
                # "President Mugabe" years after his presidency, "Prime Minister Blair" when
                # another Blair is a minister: the title says which one
                entities = [e for e in active if e in held] or held
            elif active:
                entities = active
            elif match.surname:
                return None  # a surname alone names only somebody in office at the date
            elif match.name_form:
                # a shortened name ("John Smith" for "John Hilary Smith") of somebody out of
                # office: only the well-known people of the trusted tables
                entities = [e for e in entities if e.tier <= SOURCE_TIERS[TEAM_SOURCE] + 1]
        if match.surname and len({id(e) for e in entities}) > 1:
            return None  # "Smith": several office holders, no way to choose
        if len({id(e) for e in entities}) > 1:
            top = min(e.tier for e in entities)
            entities = [e for e in entities if e.tier == top]
        picks = [(e, *e.role_at(day)) for e in entities]
        if not picks:
            return None
        keys = {(r.country if r else None, r.sector if r else None) for _, r, _ in picks}
        entity, role, how = picks[0]
        kind = entity.kind
        if len(picks) > 1 and len(keys) > 1:
            if match.surname or kind == "person":
                return None  # "Smith": several people, no way to choose
            sectors = {s for _, s in keys}
            countries = {c for c, _ in keys}
            # Many countries have a "Supreme Court": the name still tells the sector.
            if len(sectors) == 1:
                note = "shared by several countries"
                return _Evidence(
                    "agent", match.surface, sector=sectors.pop(), role=match.surface, note=note
                )
            if len(countries) == 1:
                return _Evidence("country", match.surface, country=countries.pop())
            return None
        note = how
        former = None
        if role is not None and how.startswith("former office"):
            former = next((r.sector for r in entity.roles if r.title == role.title
                           and r.end == role.end), None)  # fmt: skip
        if role is not None and role.title:
            note = f"{role.title}, {how}"
        if match.surname:
            note = f"surname of the only office holder so named, {note}"
        elif match.name_form:
            note = f"name form of '{entity.name}', {note}"
        return _Evidence(
            kind, match.surface, country=role.country if role else None,
            sector=role.sector if role else None, name=entity.name, wikidata=entity.wikidata,
            role=role.title if role else None, note=note, former_sector=former,
        )  # fmt: skip

    def _office_named(self, match: _Match) -> _Evidence | None:
        """An organisation entry that only names an office of a country ("US President",
        "President of the United States") is the role word, so that the office holder at
        the date answers, as for "the American president"."""
        if match.entries[0].kind != "organisation":
            return None
        tokens = tokenize(match.surface)
        words, country, i = [], None, 0
        while i < len(tokens):
            for size in range(min(3, len(tokens) - i), 0, -1):
                key = " ".join(t.key for t in tokens[i : i + size])
                found = [e for e in self.kb.index.get(key, ()) if e.kind in ("country", "demonym")]
                if found:
                    country = found[0].country
                    i += size
                    break
            else:
                if tokens[i].key not in ("of", "the"):
                    words.append(tokens[i].key)
                i += 1
        role_word = office_words().get(" ".join(words), "")
        if country is None or not role_word:
            return None
        note = f"names the office '{role_word}'"
        return _Evidence("agent", role_word, country=country, sector="GOV", role=role_word,
                         note=note, office=True)  # fmt: skip

    # -- combination -------------------------------------------------------------------------

    def _combine(
        self,
        evidence: list[_Evidence],
        day: str | None,
        context: str | None,
        *,
        holder_ok: bool = True,
        former: bool = False,
    ) -> ResolvedActor | None:
        head = [e for e in evidence if e.head]
        tail = [e for e in evidence if not e.head]
        entities = [e for e in head if e.kind in ("person", "organisation")]
        persons = [e for e in entities if e.kind == "person"]
        entity = (persons or entities)[0] if entities else None
        places = [e for e in head if (e.kind in COUNTRY_KINDS or e.office) and e.country]
        agents = [e for e in head if e.kind == "agent"]
        agent = _head_agent(agents)
        used: list[_Evidence] = []

        country: str | None = None
        ethnic = False
        body = _international_body(entities, entity) if not places else None
        if body is not None:
            # "U.N. mediator Diego Cordovez": who holds no office of his country at the
            # date acts for the international body the text names him by
            country = body.country
        elif entity is not None and entity.country:
            country = entity.country
        elif places:
            trusted = [p for p in places if p.kind != "place"] or places
            home = _home_of_people(places) if agent is None else None
            country, ethnic = (home or trusted[0]).country, (home or trusted[0]).ethnic
        elif agent is not None and agent.country:
            country = agent.country
        else:
            located = [e for e in tail if e.country and (e.kind != "agent" or e.office)]
            if located:
                country = located[0].country
                used.append(located[0])

        sector: str | None = None
        if entity is not None and not former and _titled_in_office(entity, agent):
            # "UK Defence Secretary Ben Wallace": the text speaks of him in that office
            entity.sector, entity.note = entity.former_sector, f"{entity.note}; titled so"
        seat = next(
            (p for p in places if p.kind in ("capital", "seat", "region") and p.sector), None
        )
        if entity is not None and entity.sector:
            sector = entity.sector
        elif agent is not None and agent.sector:
            sector = agent.sector
            if seat is not None and seat.kind == "seat" and agent.sector == "GOV":
                sector = seat.sector  # "Pentagon officials": the seat says which branch
        elif seat is not None:
            sector = seat.sector
        elif any(p.kind == "city" for p in places):
            sector = "CVL"  # a city itself, as the actor of an event, is its people
        if sector == "MIL" and (ethnic or country in NO_MILITARY):
            sector = "REB"

        note_context = ""
        if country is None and context:
            country = self._context_country(context, day)
            if country:
                note_context = f"country {country} from the context"

        if entity is not None:
            used.insert(0, entity)
        if body is not None:
            used.append(body)
        used.extend(p for p in places if p is not entity)
        if agent is not None and agent not in used:
            used.append(agent)
        if not used and country is None and sector is None:
            return None
        pieces = [u.describe() for u in used] + ([note_context] if note_context else [])
        code = " ".join(x for x in (country, sector) if x) or "nothing"
        explain = " + ".join(pieces) + f" -> {code}"
        if entity is not None:
            return ResolvedActor(entity.name, country, sector, entity.wikidata, entity.role,
                                 explain, entity.kind)  # fmt: skip
        name = seat.name if seat is not None and agent is None else None
        if name is None and agent is None and places:
            name = places[0].name
        role = agent.role if agent is not None else None
        if agent is not None and country is not None and day is not None and holder_ok:
            held = self._holders().holder(agent.surface, country, day)
            if held is not None:  # "the Russian leader" in July 2022 is Vladimir Putin
                person, office = held
                explain += f" -> office holder {person.name} ({office.title} at {day})"
                return ResolvedActor(person.name, country, office.sector or sector,
                                     person.wikidata, office.title, explain, "person")  # fmt: skip
        return ResolvedActor(name, country, sector, None, role, explain)

    def _holders(self) -> OfficeHolders:
        if self._office_holders is None:
            self._office_holders = OfficeHolders(self.kb)
        return self._office_holders

    def _context_country(
        self, context: str, day: str | None, kinds: tuple[str, ...] = COUNTRY_KINDS
    ) -> str | None:
        tokens = tokenize(context)
        detached = detached_tokens(context)
        found = set()
        for match in _drop_name_parts(tokens, self._matches(tokens)):
            if detached.issuperset(range(match.start, match.end)):
                continue
            item = self._evidence(match, day)
            if item is not None and item.kind in kinds and item.country:
                found.add(item.country)
        return found.pop() if len(found) == 1 else None

    def place_country(self, sentence: str, date: str | None = None) -> str | None:
        """The one country whose territory `sentence` names (countries, capitals, regions,
        places; not demonyms, people or organisations), or None when it names none or several:
        where an agent without a nationality acts ("police in Baghdad said ...")."""
        day = normalise_date(date) or dt.date.today().isoformat()
        return self._context_country(sentence, day, PLACE_KINDS)


def _as_modified(
    item: _Evidence, tokens: list[Token], rest: list[_Match], owners: set[int], of_index: int
) -> _Evidence:
    """What the words around a match (`rest[0]`, followed by the other matches) make of its
    evidence: "ethnic Albanians" are a people, not the state; in "Bouteflika's government"
    the person is only the possessor (`owners`: token indices written with a possessive)."""
    match = rest[0]
    if item.kind == "demonym" and match.start and tokens[match.start - 1].key in PEOPLE_WORDS:
        return _people_of(item)
    owned = any(m.entries[0].kind == "agent" and m.start < of_index for m in rest[1:])
    if item.kind == "person" and match.end - 1 in owners and match.start < of_index and owned:
        return _owner(item)
    return item


def _home_of_people(places: list[_Evidence]) -> _Evidence | None:
    """Where a people named by a demonym lives when the text says so after "of": "the
    Albanians of southern Serbia" are of Serbia, as "Iraqi Kurds" are of Iraq."""
    people = [p for p in places if p.before_of]
    if not people or not all(p.kind == "demonym" or p.ethnic for p in people):
        return None
    return next((p for p in places if not p.before_of and p.kind in PLACE_KINDS), None)


def _people_of(demonym: _Evidence) -> _Evidence:
    """An ethnic group named by a demonym ("ethnic Albanians"): people (CVL) of no country;
    where they live, when the text says it, gives the country."""
    return _Evidence("agent", demonym.surface, sector="CVL",
                     note="a people, not the state of that name")  # fmt: skip


def _owner(person: _Evidence) -> _Evidence:
    """A person named as the possessor of the actor ("Bouteflika's government", "Erdogan's
    spokesman"): only the person's country."""
    return _Evidence("owner", person.surface, country=person.country, name=person.name,
                     note=person.name or "")  # fmt: skip


def _office_before(matches: list[_Match], number: int) -> str | None:
    """The office word ("president", "former prime minister") of the agent match right
    before `matches[number]`, if any."""
    if number == 0:
        return None
    before, match = matches[number - 1], matches[number]
    if before.end != match.start or before.entries[0].kind != "agent":
        return None
    word = " ".join(t for t in before.surface.lower().split() if t not in FORMER)
    return word if word in load_offices()[0] else None


def _held_office(entities: list[Entity], office: str, *, loose: bool) -> list[Entity]:
    """The people who held the office `office` names at some time. `loose`: a dated
    government role without a title (older dictionary entries) counts too."""
    titles = load_offices()[0][office]
    return [
        e
        for e in entities
        if e.kind == "person"
        and any(
            (r.title and r.title.startswith(titles))
            or (loose and r.dated and r.title is None and r.sector == "GOV")
            for r in e.roles
        )
    ]


def _titled_in_office(person: _Evidence, agent: _Evidence | None) -> bool:
    """A former office holder named with the title of that office."""
    if agent is None or person.former_sector is None or person.role is None:
        return False
    titles = load_offices()[0].get(agent.surface.lower(), ())
    return any(person.role.startswith(t) for t in titles)


def _head_agent(agents: list[_Evidence]) -> _Evidence | None:
    """The head of "X of Y" is X; among stacked titles the longest ("Deputy Minister of
    Defense Colonel-General ..." is a minister); in a compound the last ("crowd control
    police")."""
    pool = [a for a in agents if a.before_of] or agents
    if not pool:
        return None
    return max(pool, key=lambda a: (len(a.surface.split()), pool.index(a)))


def _drop_name_parts(tokens: list[Token], matches: list[_Match]) -> list[_Match]:
    """A one-word place or surname next to an unknown capitalised word is part of an unknown
    name: "Feliciano Valencia" is a person, not Spain; "Ivanka Trump" is not Donald Trump."""
    covered = {i for m in matches for i in range(m.start, m.end)}

    def unknown_name(i: int) -> bool:
        if i < 0 or i >= len(tokens) or i in covered:
            return False
        token = tokens[i]
        plain = token.key not in NOT_NAMES and token.key not in QUANTIFIERS
        return token.text[:1].isupper() and plain and token.key.isalpha()

    kept = []
    for match in matches:
        kind = match.entries[0].kind
        single = match.end - match.start == 1
        if single and (match.surname or kind == "place"):
            if unknown_name(match.start - 1) or unknown_name(match.end):
                continue
        elif single and kind in ("capital", "country") and unknown_name(match.start - 1):
            continue  # "Michael Jordan"
        kept.append(match)
    return kept


def _first_free(
    tokens: list[Token], matches: list[_Match], words: frozenset[str], default: int
) -> int:
    covered = {i for m in matches for i in range(m.start, m.end)}
    for i, token in enumerate(tokens[:default]):
        if token.key in words and i not in covered and i > 0 and not _counts(tokens, i + 1):
            return i
    return default


def _counts(tokens: list[Token], i: int) -> bool:
    """Whether tokens[i] is a number: "up to 100 protesters", "close to a thousand"."""
    return i < len(tokens) and (tokens[i].key.isdigit() or tokens[i].key in QUANTIFIERS)


def _first_city_token(tokens: list[Token], city: _Evidence) -> int:
    first = city.surface.split()[0]
    return next((i for i, t in enumerate(tokens) if t.text == first), 0)


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def _case_ok(entry: Entry, span: list[Token], lower: bool) -> bool:
    if entry.case == "upper":
        return len(span) == 1 and span[0].text == entry.surface
    if entry.case == "cap":
        if any(ch.isupper() for t in span for ch in t.text):
            return True
        # An all-lower-case mention ("russian troops") may still name a country or a
        # multi-word name; a short lower-case word ("car", "borne") is no proper name.
        return lower and (entry.kind in LENIENT_KINDS or len(span) > 1)
    return True


def _best(entries: list[Entry]) -> tuple[Entry, ...]:
    """Keep the entries of the most trusted tier, then of the most specific kind."""
    top = min(e.tier for e in entries)
    best = [e for e in entries if e.tier == top]
    for kinds in (("ignore",), ("person",), ("organisation",), COUNTRY_KINDS, ("agent",)):
        chosen = [e for e in best if e.kind in kinds]
        if chosen:
            return tuple(chosen)
    return tuple(best)


def normalise_date(date: str | None) -> str | None:
    """'2022' -> '2022-01-01', '2022-06' -> '2022-06-01', 'today' -> today's date."""
    if date is None or not date.strip():
        return None
    text = date.strip()
    if text.lower() == "today":
        return dt.date.today().isoformat()
    match = _DATE.match(text)
    if match is None:
        raise ValueError(f"bad date {date!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        raise ValueError(f"bad date {date!r}") from None


__all__ = ["ActorResolver", "Entity", "ResolvedActor", "Role", "normalise_date"]


def _international_body(entities: list[_Evidence], entity: _Evidence | None) -> _Evidence | None:
    """The intergovernmental organisation named with a person who has no dated office."""
    if entity is None or entity.kind != "person" or entity.role is not None:
        return None
    return next(
        (e for e in entities if e.kind == "organisation" and e.country in INTERGOVERNMENTAL),
        None,
    )
