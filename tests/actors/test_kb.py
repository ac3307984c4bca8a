"""Tests for newsevents.actors.kb: tokenizer, packaged tables, validation, user tables.

The names in user tables below are invented by the team.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

import pytest

from newsevents.actors import ActorResolver
from newsevents.actors.kb import (
    ENV_VAR,
    KINDS,
    SECTORS,
    TEAM_SOURCE,
    Entity,
    Role,
    load_kb,
    load_table,
    middles_agree,
    name_key,
    name_parts,
    tokenize,
)

ROOT = Path(__file__).resolve().parents[2]


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _people_table(**overrides: object) -> dict[str, object]:
    table: dict[str, object] = {
        "source": "team test fixture",
        "version": "1",
        "licence": "MIT",
        "kind": "people",
        "entries": [
            {
                "name": "Orsolya Brandvik",
                "variants": ["Brandvik"],
                "roles": [
                    {"country": "NOR", "sector": "GOV", "title": "Minister of Fisheries",
                     "start": "2020-01-01", "end": None},
                ],
            }
        ],
    }  # fmt: skip
    table.update(overrides)
    return table


def test_kb_tokenize_folds_accents_dots_and_possessives() -> None:
    tokens = tokenize("Erdoğan’s U.S. counterpart, al-Assad")
    assert [t.key for t in tokens] == ["erdogan", "us", "counterpart", "al", "assad"]
    assert tokens[1].text == "US"


def test_kb_name_key_drops_a_leading_article_only() -> None:
    assert name_key("The Hague") == "hague"
    assert (
        name_key("Islamic State of Iraq and the Levant") == "islamic state of iraq and the levant"
    )


def test_kb_packaged_tables_carry_source_version_and_licence() -> None:
    folder = resources.files("newsevents").joinpath("data", "actors")
    for kind in KINDS:
        data = json.loads(folder.joinpath(f"{kind}.json").read_text(encoding="utf-8"))
        assert data["kind"] == kind
        for key in ("source", "version", "licence"):
            assert isinstance(data[key], str) and data[key].strip(), (kind, key)
        assert data["entries"], kind


def test_kb_packaged_tables_never_cite_unlicensed_sources() -> None:
    folder = resources.files("newsevents").joinpath("data", "actors")
    for kind in KINDS:
        text = folder.joinpath(f"{kind}.json").read_text(encoding="utf-8").lower()
        head = text[:2000]
        assert "ngec" not in head and "peppercat" not in head, kind


def test_kb_load_indexes_every_kind_with_plausible_sizes() -> None:
    kb = load_kb(use_env=False)
    assert kb.sizes["countries"] >= 195
    assert kb.sizes["people"] >= 1000
    assert kb.sizes["organisations"] >= 500
    assert kb.sizes["agents"] >= 500
    assert set(kb.versions) == set(KINDS)
    assert "russia" in kb.index and "putin" in kb.surnames


def test_kb_packaged_sectors_are_plover_codes() -> None:
    kb = load_kb(use_env=False)
    for entries in kb.index.values():
        for entry in entries:
            assert entry.sector is None or entry.sector in SECTORS


def test_kb_empty_table_raises_value_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "empty.json", _people_table(entries=[]))
    with pytest.raises(ValueError, match="non-empty"):
        load_table(path)


def test_kb_malformed_json_raises_value_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"kind": "people", "entries": [', encoding="utf-8")
    with pytest.raises(ValueError, match="not valid JSON"):
        load_table(path)


def test_kb_missing_licence_raises_value_error(tmp_path: Path) -> None:
    table = _people_table()
    del table["licence"]
    with pytest.raises(ValueError, match="licence"):
        load_table(_write(tmp_path / "t.json", table))


@pytest.mark.parametrize(
    ("role", "message"),
    [
        ({"country": "NOR", "sector": "XYZ"}, "unknown sector"),
        ({"country": "norway", "sector": "GOV"}, "3-letter"),
        ({"country": "NOR", "sector": "GOV", "start": "2020/01/01"}, "YYYY-MM-DD"),
        ({"country": "NOR", "sector": "GOV", "start": "2021-01-01", "end": "2020-01-01"}, "after"),
        ({"country": None, "sector": None}, "needs a country or a sector"),
    ],
)
def test_kb_malformed_role_raises_value_error(
    tmp_path: Path, role: dict[str, object], message: str
) -> None:
    table = _people_table(entries=[{"name": "Orsolya Brandvik", "roles": [role]}])
    with pytest.raises(ValueError, match=message):
        load_table(_write(tmp_path / "t.json", table))


def test_kb_unknown_kind_raises_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="kind"):
        load_table(_write(tmp_path / "t.json", _people_table(kind="leaders")))


def test_kb_missing_file_raises_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not found"):
        load_table(tmp_path / "nowhere.json")


def test_kb_csv_table_merges_rows_into_roles(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(
        "kind,name,variants,country,sector,title,start,end\n"
        "person,Tomas Quellberg,Quellberg,SWE,LEG,Member of Parliament,2010-01-01,2018-01-01\n"
        "person,Tomas Quellberg,,SWE,GOV,Minister,2018-01-01,\n"
        "agent,harbour pilots,harbour pilot,,LAB,,,\n",
        encoding="utf-8",
    )
    kb = load_kb([path], use_env=False)
    entry = kb.index["tomas quellberg"][0]
    assert entry.entity is not None and len(entry.entity.roles) == 2
    assert kb.index["harbour pilot"][0].sector == "LAB"


def test_kb_empty_csv_raises_value_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("kind,name,country,sector\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no rows"):
        load_table(path)


def test_kb_env_var_adds_user_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path / "mine.json", _people_table())
    monkeypatch.setenv(ENV_VAR, str(path))
    kb = load_kb()
    assert "orsolya brandvik" in kb.index
    assert kb.index["orsolya brandvik"][0].tier == 0  # user entries win


def test_kb_role_at_prefers_the_dated_role_and_marks_former_officials() -> None:
    roles = (
        Role("NOR", "LEG", "Member", "2001-01-01", "2005-01-01", 1),
        Role("NOR", "GOV", "Minister", "2005-01-01", "2009-01-01", 1),
        Role("NOR", "PTY", None, None, None, 3),
    )
    person = Entity("person", "Orsolya Brandvik", None, roles, 1)
    assert person.role_at("2003-06-01")[0] == roles[0]
    assert person.role_at("2005-01-01")[0] == roles[1]  # end is exclusive
    assert person.role_at("2012-01-01")[0] == roles[2]  # the undated fallback
    former = Entity("person", "Orsolya Brandvik", None, roles[:2], 1).role_at("2012-01-01")[0]
    assert former is not None and former.sector == "ELI"


def test_kb_name_parts_drop_particles_and_suffixes() -> None:
    assert name_parts(tokenize("Omar Hassan al-Bashir")) == ["omar", "hassan", "bashir"]
    assert name_parts(tokenize("Mohammed bin Salman")) == ["mohammed", "salman"]
    assert name_parts(tokenize("Joseph R. Biden Jr.")) == ["joseph", "r", "biden"]


def test_kb_middle_names_of_a_mention_are_among_the_known_ones() -> None:
    known = frozenset({"hassan", "ahmad"})
    assert middles_agree([], known)
    assert middles_agree(["hassan"], known)
    assert middles_agree(["h"], known)  # an initial
    assert not middles_agree(["youssef"], known)


def test_kb_people_are_indexed_by_first_and_last_name() -> None:
    kb = load_kb(use_env=False)
    found = kb.people_named(tokenize("Omar El Bashir"))
    assert [e.name for e in found] == ["Omar al-Bashir"]
    assert "putin" in kb.surnames  # every full name is indexed by its last name


def _un_members() -> list[str]:
    text = (ROOT / "scripts" / "data" / "actors_curated_un_members.txt").read_text("utf-8")
    return " ".join(line for line in text.splitlines() if not line.startswith("#")).split()


@pytest.mark.parametrize("day", ["2022-01-01", "2023-07-01", "2025-07-01"])
def test_kb_every_un_member_has_a_head_of_state_or_government(day: str) -> None:
    heads = (
        "President", "Prime Minister", "King", "Queen", "Emir", "Sultan", "Chancellor",
        "Supreme Leader", "Chairman", "Head of", "Prince", "Grand Duke", "Emperor", "Premier",
        "Acting President", "Co-President", "Member of the Presidency", "General Secretary",
        "Chief Adviser", "Secretary of State for Foreign and Political Affairs",
    )  # fmt: skip
    kb = load_kb(use_env=False)
    held = set()
    for entries in kb.index.values():
        for entry in entries:
            for role in entry.entity.roles if entry.entity and entry.kind == "person" else ():
                if role.title and role.title.startswith(heads) and role.active(day):
                    held.add(role.country)
    members = _un_members()
    assert len(members) == 193
    assert set(members) - held == set()


def test_kb_team_facts_are_labelled_newsevents_team() -> None:
    folder = resources.files("newsevents").joinpath("data", "actors")
    people = json.loads(folder.joinpath("people.json").read_text(encoding="utf-8"))
    putin = next(e for e in people["entries"] if e["name"] == "Vladimir Putin")
    titled = [r for r in putin["roles"] if r["title"]]
    assert titled and {r["source"] for r in titled} == {TEAM_SOURCE}


def test_kb_peppercat_builder_writes_an_opt_in_user_table(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_peppercat_actors", ROOT / "scripts" / "build_peppercat_actors.py"
    )
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = builder  # its dataclasses look their module up
    spec.loader.exec_module(builder)
    source = tmp_path / "peppercat"
    source.mkdir()
    header = "catalog,position,person,personID,start,end,gender,DOB,DOD,image,enwiki\n"
    rows = (
        "Estonia,Minister of Fisheries,Kaarel Tammsaar,Q999999901,2019-04,2023-02-01,,,,,\n"
        "Estonia,Minister of Foreign Affairs,Liisa Orgmets,Q999999902,2023-02-01,,,,,,\n"
        "Nowhere Land,President,Ann Other,Q999999903,2020,,,,,,\n"
    )
    (source / "leaders-historic.csv").write_text(header + rows, encoding="utf-8")
    out = tmp_path / "peppercat.json"
    assert builder.main(["--peppercat", str(source), "--out", str(out)]) == 0
    table = json.loads(out.read_text(encoding="utf-8"))
    assert "CC BY-NC 4.0" in table["licence"] and "Peppercat" in table["source"]
    assert [e["name"] for e in table["entries"]] == ["Kaarel Tammsaar", "Liisa Orgmets"]
    resolver = ActorResolver.load([out], use_env=False)
    minister = resolver.resolve("Kaarel Tammsaar", "2020-01-01")
    assert minister is not None and (minister.country, minister.sector) == ("EST", "GOV")
    assert minister.wikidata == "Q999999901"
    leader = resolver.resolve("the Estonian foreign minister", "2024-01-01")
    assert leader is not None and leader.name == "Liisa Orgmets"
