"""Toponym resolution: which of the places a name may stand for the document means.

Each candidate gets a prior from what it is and how big it is: a country before a capital
before a first-level division before a town, a county last (news names a county with its
"County"), more people before fewer, and a place's own name well before another language's
spelling of it ("Philadelphia" is not Amman). Then the document speaks. The current choices of
the *other* toponyms vote, and a candidate gains

- by the share of those votes that fall in its country (the document's country focus);
- when another toponym lies in, or is, its first-level division;
- when another toponym's place lies near it (NEAR_KM), across a border too ("Gaza" beside
  Israel is the Palestinian city, not Mozambique's province);
- in "X, Y", when a candidate of Y contains it, and so does that Y ("Paris, Texas").

So "Georgia" among Atlanta and Savannah is the US state and beside Tbilisi the country. Two
rounds of voting settle a document. A country name stays the country unless the document is
clearly elsewhere: no town of that name outweighs a country's prior.
"""

from __future__ import annotations

import math
from collections import Counter

from newsevents.geo.gazetteer import Candidate, Place
from newsevents.geo.recognise import Mention

TYPE_PRIOR = {"PCLI": 5.0, "CONT": 4.0, "PPLC": 4.0, "ADM1": 3.0, "PPL": 0.0, "ADM2": -1.0}
POPULATION_WEIGHT = 0.6  # per power of ten
OWN_NAME = 6.0  # the place's own name, not one of its alternates
COUNTRY_FOCUS = 4.0  # times the share of the other toponyms' votes for the country
DIVISION_FOCUS = 2.5  # another toponym lies in (or is) the same first-level division
NEAR = 2.5  # another toponym's place lies within NEAR_KM
NEAR_KM = 150.0
IN_LIST = 6.0  # X of "X, Y" inside Y, and that Y
ROUNDS = 2
MAIN_TOWN_SHARE = 0.4
KM_PER_DEGREE = 111.2


def prior(candidate: Candidate) -> float:
    place = candidate.place
    return (TYPE_PRIOR.get(place.feature_code, 0.0)
            + POPULATION_WEIGHT * math.log10(place.population + 1)
            + (OWN_NAME if candidate.own else 0.0))


def _division(place: Place) -> int | None:
    return place.geonameid if place.feature_code == "ADM1" else place.admin1


def _contains(outer: Place, inner: Place) -> bool:
    # `inner` and `outer` belong to two mentions ("X, Y"): a country named twice ("Mexico,
    # Mexico") contains itself, as it did when every lookup built its own Place objects
    if outer.feature_code == "PCLI":
        return inner.country == outer.country
    return outer.feature_code == "ADM1" and inner.admin1 == outer.geonameid


def _near(a: Place, b: Place) -> bool:
    """Within NEAR_KM (equirectangular: exact enough at this range, and cheap)."""
    dlat = a.lat - b.lat
    if dlat * dlat * KM_PER_DEGREE**2 > NEAR_KM**2:
        return False  # too far north or south already (the sum below can only be larger)
    dlon = (a.lon - b.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return (dlat * dlat + dlon * dlon) * KM_PER_DEGREE**2 <= NEAR_KM**2


def named_after_town(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates without a division named after its main town: "Cairo", "Tehran" and
    "Alexandria" are the cities, not the governorates or provinces around them. A division
    goes when a town of the same name lies in it and holds at least MAIN_TOWN_SHARE of the
    division's people."""
    towns = [c.place for c in candidates if c.place.feature_class == "P"]
    if not towns:
        return candidates

    def main_town_of(division: Place) -> bool:
        return any(
            town.country == division.country
            and town.population >= MAIN_TOWN_SHARE * division.population
            and (town.admin1 == division.geonameid if division.feature_code == "ADM1"
                 else town.admin1 == division.admin1)
            for town in towns
        )

    return [c for c in candidates
            if c.place.feature_code not in {"ADM1", "ADM2"} or not main_town_of(c.place)]


class _Votes:
    """What the current choices say. A mention hears the other names only: the votes of every
    mention of its own name are taken out, so ten mentions of "Gaza" cannot outvote Israel."""

    def __init__(self, mentions: list[Mention], choice: list[Place | None]) -> None:
        self.countries: Counter[str] = Counter()
        self.divisions: Counter[int] = Counter()
        self.by_name: dict[str, tuple[Counter[str], Counter[int]]] = {}
        anchors: dict[int, Place] = {}
        self.anchor_names: dict[int, set[str]] = {}
        for m, place in zip(mentions, choice, strict=True):
            if place is None:
                continue
            countries, divisions = self.by_name.setdefault(m.key, (Counter(), Counter()))
            if place.country:
                self.countries[place.country] += 1
                countries[place.country] += 1
            if (division := _division(place)) is not None:
                self.divisions[division] += 1
                divisions[division] += 1
            if place.feature_class != "L":
                anchors[place.geonameid] = place
                self.anchor_names.setdefault(place.geonameid, set()).add(m.key)
        self.anchors = list(anchors.values())
        self._scores: dict[tuple[Place, str], float] = {}

    def context(self, candidate: Place, key: str) -> float:
        """What the other toponyms say for `candidate` as the place of a mention of `key`
        (worked out once per place and name: a name repeats, with the same candidates)."""
        score = self._scores.get((candidate, key))
        if score is None:
            score = self._scores[(candidate, key)] = self._context(candidate, key)
        return score

    def _context(self, candidate: Place, key: str) -> float:
        countries, divisions = self.by_name.get(key, (Counter(), Counter()))
        others = sum(self.countries.values()) - sum(countries.values())
        votes = self.countries[candidate.country] - countries[candidate.country]
        score = COUNTRY_FOCUS * votes / others if others > 0 else 0.0
        division = _division(candidate)
        if division is not None and self.divisions[division] - divisions[division] > 0:
            score += DIVISION_FOCUS
        if candidate.feature_code not in {"PCLI", "CONT"} and any(
            anchor.geonameid != candidate.geonameid
            and self.anchor_names[anchor.geonameid] != {key}
            and _near(anchor, candidate)
            for anchor in self.anchors
        ):
            score += NEAR
        return score


def resolve(mentions: list[Mention]) -> list[Place | None]:
    """The chosen place of each mention (None for a toponym the gazetteer does not know)."""
    for m in mentions:
        m.candidates = named_after_town(m.candidates)
    fixed = [[prior(c) + b for c, b in zip(m.candidates, bonus, strict=True)]
             for m, bonus in zip(mentions, _list_bonus(mentions), strict=True)]
    choice = [_best(m.candidates, scores) for m, scores in zip(mentions, fixed, strict=True)]
    for _ in range(ROUNDS):
        votes = _Votes(mentions, choice)
        choice = [
            mine if len(m.candidates) < 2 else _best(
                m.candidates,
                [s + votes.context(c.place, m.key) for c, s in zip(m.candidates, scores,
                                                                   strict=True)])
            for m, scores, mine in zip(mentions, fixed, choice, strict=True)
        ]
    return choice


def _best(candidates: list[Candidate], scores: list[float]) -> Place | None:
    if not candidates:
        return None
    best = max(range(len(candidates)), key=lambda i: scores[i])
    return candidates[best].place


def _list_bonus(mentions: list[Mention]) -> list[list[float]]:
    """IN_LIST for the candidates of X and of Y in "X, Y" where a Y candidate contains an X
    candidate."""
    bonus = [[0.0] * len(m.candidates) for m in mentions]
    for i, m in enumerate(mentions):
        j = m.next_in_list
        if j is None:
            continue
        outer = mentions[j].candidates
        for a, inner in enumerate(m.candidates):
            for b, container in enumerate(outer):
                if _contains(container.place, inner.place):
                    bonus[i][a] = IN_LIST
                    bonus[j][b] = IN_LIST
    return bonus
