"""Tests for newsevents.events.ontology: the packaged tables and the loader's checks."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from newsevents.events.ontology import PLOVER_TYPES, PloverCoding, load_ontology

FILES = ("plover.json", "cameo.json", "cameo_to_plover.json", "cameo_families.json")


def _copy_tables(tmp_path: Path) -> Path:
    """The packaged tables in a temporary directory, to be broken by a test."""
    for name in FILES:
        src = resources.files("newsevents").joinpath("data", "ontology", name)
        with resources.as_file(src) as path:
            shutil.copy(path, tmp_path / name)
    return tmp_path


def _edit(directory: Path, name: str, change: Callable[[dict[str, Any]], None]) -> None:
    path = directory / name
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_ontology_has_the_16_plover_types_in_manual_order() -> None:
    onto = load_ontology()
    assert set(onto.types) == PLOVER_TYPES
    assert onto.types[:4] == ("AGREE", "CONSULT", "SUPPORT", "CONCEDE")
    assert "military" in onto.contexts and "economic" in onto.contexts


def test_ontology_modes_per_type_follow_the_manual() -> None:
    onto = load_ontology()
    assert onto.modes("CONSULT") == ("visit", "third-party", "multilateral", "phone")
    assert onto.modes("AGREE") == ()
    assert "return" not in onto.modes("RETREAT")  # commented out of the 2.0 manual


def test_ontology_crosswalk_codes_0311_as_agree_economic() -> None:
    assert load_ontology().to_plover("0311") == PloverCoding("AGREE", "", ("economic",))


def test_ontology_crosswalk_falls_back_to_the_parent_code(tmp_path: Path) -> None:
    tables = _copy_tables(tmp_path)

    def drop(data: dict[str, Any]) -> None:
        del data["codes"]["0311"], data["codes"]["031"]

    _edit(tables, "cameo_to_plover.json", drop)
    onto = load_ontology(tables)
    assert onto.to_plover("0311") == PloverCoding("AGREE", "", ())  # from root 03
    assert onto.to_plover("0312") == PloverCoding("AGREE", "", ("military",))


def test_ontology_statements_have_no_plover_event() -> None:
    onto = load_ontology()
    assert onto.to_plover("01") is None
    assert onto.to_plover("010") is None
    assert onto.cameo("010").quad == 1


def test_ontology_appeals_are_requests_like_demands() -> None:
    onto = load_ontology()
    assert onto.to_plover("0231") == PloverCoding("REQUEST", "assist", ("economic",))
    assert onto.to_plover("026").mode == onto.to_plover("106").mode == "meet"  # type: ignore[union-attr]


def test_ontology_modes_are_brought_to_plover_2() -> None:
    onto = load_ontology()
    assert onto.to_plover("186") == PloverCoding("ASSAULT", "targeted", ())
    assert onto.to_plover("163") == PloverCoding("SANCTION", "discontinue", ("economic",))
    assert onto.to_plover("0874") == PloverCoding("RETREAT", "withdraw", ("military",))


def test_ontology_lifting_a_curfew_is_a_concession() -> None:
    # the manual treats "removing curfews" as a verbal concession, not a material retreat
    onto = load_ontology()
    assert onto.to_plover("0813").type == "CONCEDE"  # type: ignore[union-attr]
    assert onto.to_plover("0814").type == "CONCEDE"  # type: ignore[union-attr]
    assert onto.to_plover("0872").type == "RETREAT"  # type: ignore[union-attr]


def test_ontology_resignation_is_retreat_resign() -> None:
    # "RETREAT also covers resignations of government officials" (PLOVER 2.0 manual)
    coding = load_ontology().to_plover("0831")
    assert coding is not None and (coding.type, coding.mode) == ("RETREAT", "resign")


def test_ontology_unknown_code_raises_keyerror() -> None:
    onto = load_ontology()
    with pytest.raises(KeyError):
        onto.cameo("999")
    with pytest.raises(KeyError):
        onto.to_plover("1214")  # in the 2021 crosswalk, but not a CAMEO code


def test_ontology_cameo_codes_keep_leading_zeros_and_goldstein() -> None:
    code = load_ontology().cameo("0231")
    assert (code.code, code.root, code.quad) == ("0231", "02", 1)
    assert code.goldstein == pytest.approx(3.4)
    assert load_ontology().cameo("190").quad == 4


def test_ontology_intensity_lookups() -> None:
    onto = load_ontology()
    assert onto.intensity("ASSAULT") == -9.0
    assert onto.intensity("CONSULT", "visit") == 4.0
    assert onto.intensity("PROTEST", "vandalize") == onto.intensity("PROTEST")  # no own score
    assert onto.intensity("ACCUSE") < 0  # the manual prints +3: erratum applied by the builder
    with pytest.raises(KeyError):
        onto.intensity("ASSAULT", "phone")
    with pytest.raises(KeyError):
        onto.intensity("FIGHT")


def test_ontology_quad_classes_per_type() -> None:
    onto = load_ontology()
    quads = {t: onto.quad(t) for t in onto.types}
    assert quads["AGREE"] == quads["CONSULT"] == 1
    assert quads["AID"] == quads["RETREAT"] == 2
    assert quads["REQUEST"] == quads["THREATEN"] == 3
    assert quads["SANCTION"] == quads["ASSAULT"] == 4


def test_ontology_every_cameo_code_has_a_valid_coding() -> None:
    onto = load_ontology()
    for code in [c for c in _codes() if not c.startswith("01")]:
        coding = onto.to_plover(code)
        assert coding is not None, code
        assert coding.mode == "" or coding.mode in onto.modes(coding.type), code
        assert set(coding.context) <= set(onto.contexts), code


def test_ontology_versions_name_each_table() -> None:
    versions = load_ontology().versions
    assert set(versions) == set(FILES)
    assert all(versions.values())


def _codes() -> list[str]:
    text = resources.files("newsevents").joinpath("data", "ontology", "cameo.json").read_text()
    return list(json.loads(text)["codes"])


def _set(*path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        ("cameo.json", _set("codes", value={}), "non-empty"),
        ("cameo_to_plover.json", _set("codes", value=[]), "non-empty"),
        ("plover.json", _set("licence", value=""), "licence"),
        ("cameo.json", _set("codes", "3a1", value={"name": "x"}), "CAMEO code"),
        ("cameo.json", _set("codes", "190", "goldstein", value=11), "goldstein"),
        ("plover.json", _set("intensity", "AID", "", value=12.5), r"\[-10, 10\]"),
        ("plover.json", _set("types", "FIGHT", value={"quad": 4}), "16 PLOVER"),
        (
            "cameo_to_plover.json",
            _set("codes", "190", value={"type": "FIGHT", "mode": "", "context": []}),
            "PLOVER types",
        ),
        (
            "cameo_to_plover.json",
            _set("codes", "190", value={"type": "ASSAULT", "mode": "phone", "context": []}),
            "no mode",
        ),
        (
            "cameo_to_plover.json",
            _set("codes", "190", value={"type": "ASSAULT", "mode": "", "context": ["war"]}),
            "unknown contexts",
        ),
        ("cameo_to_plover.json", _set("codes", "999", value=None), "not a CAMEO code"),
    ],
)
def test_ontology_loader_errors_on_malformed_tables(
    tmp_path: Path, name: str, change: Callable[[dict[str, Any]], None], message: str
) -> None:
    tables = _copy_tables(tmp_path)
    _edit(tables, name, change)
    with pytest.raises(ValueError, match=message):
        load_ontology(tables)


def test_ontology_loader_errors_on_unreadable_table(tmp_path: Path) -> None:
    tables = _copy_tables(tmp_path)
    (tables / "plover.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match=r"plover\.json"):
        load_ontology(tables)


def test_ontology_loader_errors_on_missing_root(tmp_path: Path) -> None:
    tables = _copy_tables(tmp_path)

    def drop_root_20(data: dict[str, Any]) -> None:
        data["codes"] = {k: v for k, v in data["codes"].items() if not k.startswith("20")}

    _edit(tables, "cameo_to_plover.json", drop_root_20)
    with pytest.raises(ValueError, match="roots"):
        load_ontology(tables)
