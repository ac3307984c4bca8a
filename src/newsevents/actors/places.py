"""Towns and cities the actor tables do not list, found in the GeoNames gazetteer of `geo/`.

The actor tables name countries, capitals, seats of government and first-level divisions;
a mention such as "Mariupol" or "Sydney police" names a city they do not know. The gazetteer
does, and a city name gives its country when it is unambiguous: a populated place of at least
MIN_POPULATION people whose own name it is (or, for a city of MIN_POPULATION_OF_A_SPELLING,
one of its spellings: "Basra"), with no place of the same name in another country within a
factor DOMINANCE of its size ("Sydney" is Australia; "Valencia" is Spain or Venezuela, so
neither).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

MIN_POPULATION = 50_000
MIN_POPULATION_OF_A_GIVEN_NAME = 500_000  # "Sydney" the city, "Jackson" a name
DOMINANCE = 5
MIN_POPULATION_OF_A_SPELLING = 100_000  # a city known by another language's spelling


class City(NamedTuple):
    name: str
    country: str
    population: int


@lru_cache(maxsize=4096)
def city_named(name: str, given_name: bool = False) -> City | None:
    """The one sizeable city `name` stands for, or None (also when geo's gazetteer is not
    installed). A name that is also a given name must be a big city."""
    try:
        from newsevents.geo.gazetteer import default_gazetteer
    except ImportError:  # the places step is optional for actor resolution
        return None
    found = default_gazetteer().lookup(name)
    # another language's spelling ("Basra" for Basrah, "Samarra") only for a big city
    own = [c.place for c in found if c.own or c.place.population >= MIN_POPULATION_OF_A_SPELLING]
    cities = [p for p in own if p.feature_class == "P" and p.country]
    if not cities:
        return None
    top = max(cities, key=lambda p: p.population)
    if top.population < (MIN_POPULATION_OF_A_GIVEN_NAME if given_name else MIN_POPULATION):
        return None
    rivals = [p.population for p in own if p.country and p.country != top.country]
    if rivals and max(rivals) * DOMINANCE > top.population:
        return None
    return City(top.name, top.country, top.population)


@lru_cache(maxsize=4096)
def city_in(name: str, country: str) -> City | None:
    """A sizeable town or city (MIN_POPULATION) of `country` whose own name is `name`: the
    other reading of a name two countries share ("Tripoli" in Lebanon, beside Libya's
    capital)."""
    try:
        from newsevents.geo.gazetteer import default_gazetteer
    except ImportError:
        return None
    for candidate in default_gazetteer().lookup(name):
        place = candidate.place
        if (
            candidate.own
            and place.feature_class == "P"
            and place.country == country
            and place.population >= MIN_POPULATION
        ):
            return City(place.name, place.country, place.population)
    return None
