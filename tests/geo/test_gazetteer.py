"""The packaged gazetteer: what it holds and how it refuses a damaged table."""

from __future__ import annotations

import gzip
import json
import shutil
from importlib import resources
from pathlib import Path

import pytest

from newsevents.geo.gazetteer import Gazetteer, default_gazetteer, load_gazetteer
from newsevents.geo.names import place_key


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


def _codes(gazetteer: Gazetteer, name: str) -> set[tuple[str, str]]:
    return {(c.place.feature_code, c.place.country) for c in gazetteer.lookup(name)}


def test_gazetteer_holds_countries_divisions_and_towns(gazetteer: Gazetteer) -> None:
    assert len(gazetteer) > 200_000
    assert {("PCLI", "GEO"), ("ADM1", "USA")} <= _codes(gazetteer, "Georgia")
    assert {("PPLC", "FRA"), ("PPL", "USA")} <= _codes(gazetteer, "Paris")
    assert ("ADM2", "USA") in _codes(gazetteer, "Rapides Parish")
    assert ("CONT", "") in _codes(gazetteer, "Europe")


def test_gazetteer_knows_the_names_news_uses(gazetteer: Gazetteer) -> None:
    # the actor tables' country names and demonyms, the team's state abbreviations
    assert ("PCLI", "USA") in _codes(gazetteer, "the U.S.")
    assert ("PCLI", "EGY") in _codes(gazetteer, "Egyptian")
    assert ("ADM1", "USA") in _codes(gazetteer, "W. Va.")
    assert ("ADM1", "GBR") in _codes(gazetteer, "England")  # a division, not the country
    assert ("ADM1", "RUS") in _codes(gazetteer, "Dagestan")  # ISO's "Dagestan, Respublika"


def test_gazetteer_places_have_coordinates_and_ids(gazetteer: Gazetteer) -> None:
    tbilisi = next(c.place for c in gazetteer.lookup("Tbilisi") if c.place.feature_code == "PPLC")
    assert tbilisi.feature_class == "P" and tbilisi.geonameid > 0
    assert 41 < tbilisi.lat < 42.5 and 44 < tbilisi.lon < 45.5
    assert tbilisi.population > 500_000


def test_gazetteer_marks_other_languages_spellings_as_alternates(gazetteer: Gazetteer) -> None:
    # Amman was Philadelphia once: an alternate name, not its own
    own = {c.place.country for c in gazetteer.lookup("Philadelphia") if c.own}
    alternates = {c.place.country for c in gazetteer.lookup("Philadelphia") if not c.own}
    assert "USA" in own and "JOR" not in own
    assert "JOR" in alternates


def test_gazetteer_unknown_name_has_no_candidates(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Qwxzvillebrook") == []
    assert not gazetteer.knows(place_key("Qwxzvillebrook"))


def test_gazetteer_repeated_lookup_gives_the_same_places_in_a_list_of_its_own(
    gazetteer: Gazetteer,
) -> None:
    first = gazetteer.lookup("Springfield")
    assert len(first) > 5
    first.clear()  # a caller may change its list; the next lookup is whole
    again = gazetteer.lookup("Springfield")
    assert again == gazetteer.lookup("springfield") and len(again) > 5
    assert gazetteer.knows(place_key("Springfield"))
    assert [c.place.name for c in again if c.own][:3] == ["Springfield"] * 3


def _copy_table(tmp_path: Path) -> Path:
    source = resources.files("newsevents").joinpath("data", "geo")
    for name in ("gazetteer.json", "places.tsv.gz", "names.tsv.gz"):
        with resources.as_file(source.joinpath(name)) as path:
            shutil.copy(path, tmp_path / name)
    return tmp_path


def test_gazetteer_truncated_table_is_an_error(tmp_path: Path) -> None:
    directory = _copy_table(tmp_path)
    rows = gzip.decompress((directory / "places.tsv.gz").read_bytes()).splitlines()
    (directory / "places.tsv.gz").write_bytes(gzip.compress(b"\n".join(rows[:10]) + b"\n"))
    with pytest.raises(ValueError, match="rows"):
        load_gazetteer(directory)


def test_gazetteer_table_without_licence_is_an_error(tmp_path: Path) -> None:
    directory = _copy_table(tmp_path)
    meta = json.loads((directory / "gazetteer.json").read_text(encoding="utf-8"))
    del meta["licence"]
    (directory / "gazetteer.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ValueError, match="licence"):
        load_gazetteer(directory)


def test_gazetteer_malformed_row_is_an_error(tmp_path: Path) -> None:
    directory = _copy_table(tmp_path)
    rows = gzip.decompress((directory / "places.tsv.gz").read_bytes()).splitlines()
    rows[0] = b"not a place"
    (directory / "places.tsv.gz").write_bytes(gzip.compress(b"\n".join(rows) + b"\n"))
    with pytest.raises(ValueError, match="malformed"):
        load_gazetteer(directory)
