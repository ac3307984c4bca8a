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
  exactly one.

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
    SOURCE_TIERS,
    Entity,
    Entry,
    KnowledgeBase,
    Role,
    Token,
    load_kb,
    tokenize,
)
from newsevents.actors.offices import OfficeHolders


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that start a modifier after the head of the mention ("ambassador to Poland").
BREAKERS = _words(
    "to in at from for with against on near over into by after under inside across toward "
    "towards between among via outside during through within without about amid"
)
COUNTRY_KINDS = ("country", "demonym", "capital", "seat", "region", "place")
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
LENIENT_KINDS = frozenset({"country", "demonym", "capital", "seat", "region", "agent"})
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True, slots=True)
class ResolvedActor:
    name: str | None
    country: str | None
    sector: str | None
    wikidata: str | None
    role: str | None
    explain: str  # how it was resolved

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    surface: str
    entries: tuple[Entry, ...]
    surname: bool = False


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

    def describe(self) -> str:
        label = {"capital": "capital", "seat": "seat of government", "region": "region",
                 "place": "place", "demonym": "country demonym", "country": "country"}  # fmt: skip
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
        evidence = []
        for match in matches:
            item = self._evidence(match, day)
            if item is None:
                continue
            item.head = match.start < boundary
            item.before_of = match.start < of_index
            evidence.append(item)
        if not evidence:
            return None
        return self._combine(evidence, day, context)

    # -- matching ----------------------------------------------------------------------------

    def _matches(self, tokens: list[Token]) -> list[_Match]:
        lower = not any(ch.isupper() for t in tokens for ch in t.text)
        index, surnames, longest = self.kb.index, self.kb.surnames, self.kb.max_len
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
            if found is None:
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

    # -- evidence ----------------------------------------------------------------------------

    def _evidence(self, match: _Match, day: str | None) -> _Evidence | None:
        first = match.entries[0]
        kind = first.kind
        if kind == "ignore":
            return None
        if kind in ("person", "organisation"):
            return self._entity_evidence(match, day)
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

    def _entity_evidence(self, match: _Match, day: str | None) -> _Evidence | None:
        entities = [e.entity for e in match.entries if e.entity is not None]
        if day is not None:
            active = [e for e in entities if any(r.dated and r.active(day) for r in e.roles)]
            if active:
                entities = active
            elif match.surname:
                # A surname alone names somebody in office at the date, or a well-known
                # (curated, congress or user-listed) person out of office.
                entities = [e for e in entities if e.tier <= SOURCE_TIERS["curated"] + 1]
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
        if role is not None and role.title:
            note = f"{role.title}, {how}"
        if match.surname:
            note = f"surname, {note}"
        return _Evidence(
            kind, match.surface, country=role.country if role else None,
            sector=role.sector if role else None, name=entity.name, wikidata=entity.wikidata,
            role=role.title if role else None, note=note,
        )  # fmt: skip

    # -- combination -------------------------------------------------------------------------

    def _combine(
        self, evidence: list[_Evidence], day: str | None, context: str | None
    ) -> ResolvedActor | None:
        head = [e for e in evidence if e.head]
        tail = [e for e in evidence if not e.head]
        entities = [e for e in head if e.kind in ("person", "organisation")]
        persons = [e for e in entities if e.kind == "person"]
        entity = (persons or entities)[0] if entities else None
        places = [e for e in head if e.kind in COUNTRY_KINDS and e.country]
        agents = [e for e in head if e.kind == "agent"]
        agent = _head_agent(agents)
        used: list[_Evidence] = []

        country: str | None = None
        ethnic = False
        if entity is not None and entity.country:
            country = entity.country
        elif places:
            trusted = [p for p in places if p.kind != "place"] or places
            country, ethnic = trusted[0].country, trusted[0].ethnic
        elif agent is not None and agent.country:
            country = agent.country
        else:
            located = [e for e in tail if e.country and e.kind != "agent"]
            if located:
                country = located[0].country
                used.append(located[0])

        sector: str | None = None
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
        if sector == "MIL" and (ethnic or country in NO_MILITARY):
            sector = "REB"

        note_context = ""
        if country is None and context:
            country = self._context_country(context, day)
            if country:
                note_context = f"country {country} from the context"

        if entity is not None:
            used.insert(0, entity)
        used.extend(p for p in places if p is not entity)
        if agent is not None:
            used.append(agent)
        if not used and country is None and sector is None:
            return None
        pieces = [u.describe() for u in used] + ([note_context] if note_context else [])
        code = " ".join(x for x in (country, sector) if x) or "nothing"
        explain = " + ".join(pieces) + f" -> {code}"
        if entity is not None:
            return ResolvedActor(entity.name, country, sector, entity.wikidata, entity.role,
                                 explain)  # fmt: skip
        name = seat.name if seat is not None and agent is None else None
        if name is None and agent is None and places:
            name = places[0].name
        role = agent.role if agent is not None else None
        if agent is not None and country is not None and day is not None:
            held = self._holders().holder(agent.surface, country, day)
            if held is not None:  # "the Russian leader" in July 2022 is Vladimir Putin
                person, office = held
                explain += f" -> office holder {person.name} ({office.title} at {day})"
                return ResolvedActor(person.name, country, office.sector or sector,
                                     person.wikidata, office.title, explain)  # fmt: skip
        return ResolvedActor(name, country, sector, None, role, explain)

    def _holders(self) -> OfficeHolders:
        if self._office_holders is None:
            self._office_holders = OfficeHolders(self.kb)
        return self._office_holders

    def _context_country(self, context: str, day: str | None) -> str | None:
        tokens = tokenize(context)
        found = set()
        for match in self._matches(tokens):
            item = self._evidence(match, day)
            if item is not None and item.kind in COUNTRY_KINDS and item.country:
                found.add(item.country)
        return found.pop() if len(found) == 1 else None


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
        return token.text[:1].isupper() and token.key not in NOT_NAMES and token.key.isalpha()

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
        if token.key in words and i not in covered and i > 0:
            return i
    return default


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
