"""Tests for newsevents.actors.kb: tokenizer, packaged tables, validation, user tables.

The names in user tables below are invented by the team.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from newsevents.actors.kb import (
    ENV_VAR,
    KINDS,
    SECTORS,
    Entity,
    Role,
    load_kb,
    load_table,
    name_key,
    tokenize,
)


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
