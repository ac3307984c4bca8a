"""Which coded events are reports of the same real event (GDELT's events vs mentions).

Two mentions may be the same event only when every hard constraint holds:
- the same PLOVER type and the same modality (an attack is not a threat to attack, nor a
  denied attack);
- compatible participants: a slot that both reports fill shares an actor, and at least one
  slot is shared (for symmetric types, "A met B" also matches "B met A");
- dates within `window_days` (a date of month or year precision spans its whole period);
- compatible locations (same country, and not far apart when both have coordinates).
Among the pairs that pass, the evidence decides: the TF-IDF cosine of the two sentences,
without the words that name the participants (the rule above already compared them), must
reach `min_similarity`. Pairs are then joined most similar first, and two groups join only
when the groups as wholes still agree (no slot with disjoint participants, dates within
twice the window, one location country): a vague report ("the EU imposed sanctions") must not
chain two different events ("on Belarus", "on Russia") into one.

This module holds the rules; `grouping.py` applies them to a whole store.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from newsevents.dedup.similarity import Vector, cosine, terms, unit

# Types whose two slots can be told either way round ("A met B" = "B met A").
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
# Types whose events are conditional by nature (threats)
CONDITIONAL_TYPES = frozenset({"THREATEN"})
# Country-like codes shared by many different organisations: identify those actors by name.
GENERIC_CODES = frozenset({"IGO", "NGO", "MNC", "UNK"})
_EARTH_KM = 6371.0


@dataclass(frozen=True, slots=True)
class DedupParams:
    """The knobs of deduplication; the defaults are the measured ones (eval/eval_dedup.py)."""

    window_days: int = 3
    min_similarity: float = 0.15
    max_km: float = 250.0
    # mentions of one participant block a mention is compared with (grouping.py): a cap on
    # pathological blocks, far above what a week of news puts in one block
    max_neighbours: int = 2000


@dataclass(frozen=True, slots=True)
class Place:
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """What deduplication needs to know of one coded event."""

    id: str
    doc_id: str
    type: str
    modality: str  # actual | irrealis | negated
    actors: frozenset[str]
    recipients: frozenset[str]
    start: date | None  # the period the event date covers
    end: date | None
    evidence: str  # the sentence
    names: frozenset[str] = frozenset()  # words that name the participants
    place: Place | None = None


def modality(type_: str, aux: Sequence[str]) -> str:
    """Negated, irrealis (future or hypothetical) or actual: reports of one event agree on it.

    A threat's condition ("if the drills go ahead") is part of what is threatened, not a doubt
    about the threat, so a conditional threat is as actual as an unconditional one.
    """
    if "negated" in aux:
        return "negated"
    irrealis = {"future"} if type_ in CONDITIONAL_TYPES else {"future", "hypothetical"}
    return "irrealis" if irrealis & set(aux) else "actual"


def _actors(value: Any) -> list[dict[str, Any]]:
    return [a for a in value or [] if isinstance(a, dict)]


def actor_keys(actors: Any) -> frozenset[str]:
    """Who the actors of a slot are: "COUNTRY" or, for a named person, "COUNTRY/name".

    Organisations under a generic code (IGO, NGO) are known by name. A mention the resolver
    could not place (no country, no name) says nothing about who acted.
    """
    keys = set()
    for actor in _actors(actors):
        country, name = actor.get("country"), actor.get("name")
        if country and country not in GENERIC_CODES:
            # a person (a name with a role) is one of the country's actors, not all of them
            person = name and actor.get("role")
            keys.add(f"{country}/{str(name).lower()}" if person else str(country))
        elif name:
            keys.add(str(name).lower())
    return frozenset(keys)


def _same_actor(a: str, b: str) -> bool:
    """Two keys can be one actor: equal, or one is the country the other person acts for.

    >>> _same_actor("RUS", "RUS/vladimir putin"), _same_actor("USA/joe biden", "USA/jill stein")
    (True, False)
    """
    if a == b:
        return True
    country_a, _, person_a = a.partition("/")
    country_b, _, person_b = b.partition("/")
    return country_a == country_b and not (person_a and person_b)


def overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether the two slots can share an actor."""
    return bool(a & b) or any(_same_actor(x, y) for x in a for y in b)


def _people(keys: frozenset[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        country, _, person = key.partition("/")
        if person:
            found[country].add(person)
    return found


def people_clash(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both name people of one country, and none in common: different actors, even when a
    country-level mention ("the United States") could stand for either."""
    theirs = _people(b)
    return any(country in theirs and not mine & theirs[country]
               for country, mine in _people(a).items())  # fmt: skip


def name_words(*slots: Any) -> frozenset[str]:
    """The terms of the participants' mentions and names."""
    texts = (f"{a.get('text') or ''} {a.get('name') or ''}" for s in slots for a in _actors(s))
    return frozenset(t for text in texts for t in terms(text))


def period(value: str | None) -> tuple[date | None, date | None]:
    """First and last day of an ISO date of day, month or year precision (None when unknown).

    >>> period("2024-02")
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    """
    try:
        if not value:
            return None, None
        if len(value) >= 10:
            day = date.fromisoformat(value[:10])
            return day, day
        if len(value) == 7:
            first = date.fromisoformat(value + "-01")
            following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
            return first, following - timedelta(days=1)
        if len(value) == 4:
            return date(int(value), 1, 1), date(int(value), 12, 31)
    except ValueError:
        pass
    return None, None


def mention_from_row(row: Mapping[str, Any]) -> Mention:
    """A mention from a row of the store's events table (tolerates missing fields)."""
    event = json.loads(row["event_json"]) if row.get("event_json") else {}
    start, end = period(row.get("date") or row.get("published"))
    has_place = row.get("location_country") or row.get("lat") is not None
    place = (
        Place(row.get("location_country"), row.get("lat"), row.get("lon"), row.get("geonameid"))
        if has_place
        else None
    )
    type_ = str(row.get("type") or "")
    return Mention(
        id=str(row["id"]),
        doc_id=str(row.get("doc_id") or ""),
        type=type_,
        modality=modality(type_, row.get("aux") or []),
        actors=actor_keys(event.get("actor")),
        recipients=actor_keys(event.get("recipient")),
        start=start,
        end=end,
        evidence=str(row.get("sentence_text") or ""),
        names=name_words(event.get("actor"), event.get("recipient")),
        place=place,
    )


def _km(a: Place, b: Place) -> float:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def places_compatible(a: Place | None, b: Place | None, max_km: float) -> bool:
    if a is None or b is None:
        return True
    if a.geonameid and a.geonameid == b.geonameid:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return True
    return _km(a, b) <= max_km


Slots = tuple[frozenset[str], frozenset[str]]  # actors, recipients


def slots_agree(a: Slots, b: Slots, need_shared: bool = True) -> bool:
    """No slot that both fill with nobody in common; and, if asked, someone in common."""
    pairs = ((a[0], b[0]), (a[1], b[1]))
    if any(
        mine and theirs and (not overlap(mine, theirs) or people_clash(mine, theirs))
        for mine, theirs in pairs
    ):
        return False
    return not need_shared or any(overlap(mine, theirs) for mine, theirs in pairs)


def participants_compatible(type_: str, a: Slots, b: Slots, need_shared: bool = True) -> bool:
    """The slots agree as told, or, for symmetric types, told the other way round."""
    if slots_agree(a, b, need_shared):
        return True
    return type_ in SYMMETRIC_TYPES and slots_agree(a, (b[1], b[0]), need_shared)


def within_window(a: Mention, b: Mention, days: int) -> bool:
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return False
    gap = max((b.start - a.end).days, (a.start - b.end).days, 0)
    return gap <= days


@dataclass(slots=True)
class Group:
    """What a group of mentions says as a whole, to check a merge against."""

    actors: frozenset[str]
    recipients: frozenset[str]
    start: date
    end: date
    countries: frozenset[str]
    type: str
    evidence: Vector = field(default_factory=dict)  # sum of the members' vectors

    @classmethod
    def of(cls, m: Mention) -> Group:
        assert m.start is not None and m.end is not None
        country = m.place.country if m.place and m.place.country else None
        return cls(m.actors, m.recipients, m.start, m.end,
                   frozenset([country] if country else []), m.type)  # fmt: skip

    def agrees(self, other: Group, params: DedupParams) -> bool:
        span = max(self.end, other.end) - min(self.start, other.start)
        return (
            span.days <= 2 * params.window_days
            and cosine(unit(self.evidence), unit(other.evidence)) >= params.min_similarity
            and len(self.countries | other.countries) <= 1
            and participants_compatible(self.type, (self.actors, self.recipients),
                                        (other.actors, other.recipients), need_shared=False)
        )  # fmt: skip

    def merge(self, other: Group) -> None:
        self.actors |= other.actors
        self.recipients |= other.recipients
        self.start = min(self.start, other.start)
        self.end = max(self.end, other.end)
        self.countries |= other.countries
        for word, weight in other.evidence.items():
            self.evidence[word] = self.evidence.get(word, 0.0) + weight
