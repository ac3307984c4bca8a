"""The packaged GeoNames gazetteer: places by lookup key, loaded once per process.

`data/geo/gazetteer.json` describes the tables (source, version, licence, files, row counts)
and is read with `read_table`. `places.tsv.gz` holds one place per line, `names.tsv.gz` one
lookup key per line, sorted, with the row numbers of the places it names (see
scripts/build_gazetteer.py). Both stay in memory as the raw UTF-8 bytes plus an array of line
offsets: a quarter of a million places cost a few tens of megabytes and load in a fraction of
a second, and a lookup is a binary search over the sorted keys (a few microseconds), done only
for the place names a document mentions.
"""

from __future__ import annotations

import gzip
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsevents.datafiles import read_table
from newsevents.geo.names import place_key

REMEMBERED = 8192  # keys whose candidates a gazetteer keeps (see Gazetteer)
PLACE_COLUMNS = ["geonameid", "name", "feature_class", "feature_code", "country", "admin1",
                 "lat", "lon", "population"]


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    geonameid: int
    name: str
    feature_class: str  # GeoNames class: A (country, division), P (populated place), L (area)
    feature_code: str  # PCLI, ADM1, ADM2, PPLC, PPL, CONT
    country: str  # ISO 3166-1 alpha-3, "" for a continent
    admin1: int | None  # geonameid of the first-level division the place lies in
    lat: float
    lon: float
    population: int

    def to_dict(self, text: str, start: int, end: int) -> dict[str, Any]:
        """The place in the output contract's shape, for a mention at [start, end), plus its
        GeoNames feature class and code."""
        return {"text": text, "start": start, "end": end, "name": self.name,
                "country": self.country or None, "lat": self.lat, "lon": self.lon,
                "geonameid": self.geonameid, "feature_class": self.feature_class,
                "feature_code": self.feature_code}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may stand for; `own` when it is the place's own name, not one of the
    other languages' spellings GeoNames lists for a town."""

    place: Place
    own: bool


class _Lines:
    """The lines of a UTF-8 blob, by number, without splitting it into objects."""

    def __init__(self, blob: bytes) -> None:
        self.blob = blob if blob.endswith(b"\n") else blob + b"\n"
        # a find loop rather than blob.split: no transient list of a million pieces
        self.starts = starts = array("I", [0])
        find = self.blob.find
        end = find(b"\n")
        while end != -1:
            starts.append(end + 1)
            end = find(b"\n", end + 1)

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, i: int) -> bytes:
        return self.blob[self.starts[i] : self.starts[i + 1] - 1]


class _Keys:
    """The sorted key column of the names table, as a sequence `bisect` can search."""

    def __init__(self, lines: _Lines) -> None:
        self.lines = lines

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, i: int) -> bytes:
        return self.lines[i].split(b"\t", 1)[0]


class Gazetteer:
    """Places by lookup key (`place_key`).

    The candidates of the last `REMEMBERED` keys looked up are kept (they are frozen, so the
    lookups of a name share them): news repeats its place names, and a lookup decodes some
    twenty lines for its binary search and one line per place.
    """

    def __init__(self, places: bytes, names: bytes, version: str) -> None:
        self.version = version
        self._places = _Lines(places)
        self._names = _Lines(names)
        self._keys = _Keys(self._names)
        self._candidates_of = lru_cache(maxsize=REMEMBERED)(self._find)

    def __len__(self) -> int:
        return len(self._places)

    @property
    def name_count(self) -> int:
        return len(self._names)

    def place(self, row: int) -> Place:
        gid, name, fclass, code, country, admin1, lat, lon, pop = (
            self._places[row].decode("utf-8").split("\t")
        )
        return Place(int(gid), name, fclass, code, country, int(admin1) if admin1 else None,
                     float(lat), float(lon), int(pop))

    def lookup(self, name: str) -> list[Candidate]:
        """Every place that `name` may stand for, own names first, each group by population."""
        return self.lookup_key(place_key(name))

    def lookup_key(self, key: str) -> list[Candidate]:
        """Every place with the lookup key `key` (see `lookup`)."""
        return list(self._candidates_of(key) or ())

    def knows(self, key: str) -> bool:
        """Whether `key` names any place."""
        return self._candidates_of(key) is not None

    def _find(self, key: str) -> tuple[Candidate, ...] | None:
        """The candidates of `key` (`lookup_key`); None for a key the table does not hold."""
        wanted = key.encode("utf-8")
        i = bisect_left(self._keys, wanted)
        if i == len(self._keys) or self._keys[i] != wanted:
            return None
        _key, own, alternate = self._names[i].decode("utf-8").split("\t")
        return tuple([Candidate(self.place(int(r)), True) for r in own.split()] + [
            Candidate(self.place(int(r)), False) for r in alternate.split()
        ])


def _read_gzip(name: str, directory: Path | None) -> bytes:
    try:
        if directory is None:
            raw = resources.files("newsevents").joinpath("data", "geo", name).read_bytes()
        else:
            raw = (directory / name).read_bytes()
        return gzip.decompress(raw)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise ValueError(f"{name}: cannot be read: {exc}") from None


def load_gazetteer(directory: Path | None = None) -> Gazetteer:
    """Read the gazetteer of the package's `data/geo/` (or of `directory`).

    An unreadable, empty, truncated or malformed table is an error here, not an empty
    gazetteer.
    """
    meta = read_table("geo", "gazetteer.json", directory)
    files = meta.get("files")
    if not isinstance(files, dict) or files.get("places", {}).get("columns") != PLACE_COLUMNS:
        raise ValueError("gazetteer.json: 'files' must describe places and names")
    blobs = {}
    for table in ("places", "names"):
        spec = files.get(table) or {}
        blobs[table] = _read_gzip(str(spec.get("file")), directory)
        rows = blobs[table].count(b"\n")
        if rows == 0 or rows != spec.get("rows"):
            raise ValueError(f"{spec.get('file')}: {rows} rows, gazetteer.json says "
                             f"{spec.get('rows')}")
    gazetteer = Gazetteer(blobs["places"], blobs["names"], str(meta["version"]))
    try:  # a malformed table fails here rather than on the first document
        gazetteer.place(0), gazetteer.place(len(gazetteer) - 1)
    except ValueError as exc:
        raise ValueError(f"places: malformed row: {exc}") from None
    return gazetteer


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded on first use and kept for the life of the process."""
    return load_gazetteer()
