"""The event ontology: PLOVER 2.0 types, modes, contexts and scores, CAMEO codes, and the crosswalk.

The tables live in `data/ontology/` and are built by `scripts/build_ontology.py`:
`plover.json` (CC BY-SA 4.0), `cameo.json` and `cameo_to_plover.json` (CC BY-SA 4.0); the
team's `cameo_families.json` (MIT) names the CAMEO code of promising, threatening or halting
an act. They are checked when loaded, so that a broken table fails at start-up with a clear
`ValueError` instead of producing wrong events later.

>>> onto = load_ontology()
>>> onto.to_plover("0311")
PloverCoding(type='AGREE', mode='', context=('economic',))
>>> onto.quad("ASSAULT"), onto.cameo("190").quad
(4, 4)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsevents.datafiles import non_empty_object, read_table

# The 16 types of the output contract (docs/ARCHITECTURE.md): a table with other types would
# produce records that break every consumer, so the loader insists on exactly these.
PLOVER_TYPES = frozenset([
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
])  # fmt: skip
_FILES = ("plover.json", "cameo.json", "cameo_to_plover.json", "cameo_families.json")
_CODE = re.compile(r"\d{2,4}")


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str  # two to four digits, leading zeros kept
    name: str
    goldstein: float
    root: str  # the two-digit cue category
    quad: int  # GDELT QuadClass of the root: 1 verbal coop .. 4 material conflict


@dataclass(frozen=True, slots=True)
class PloverCoding:
    type: str
    mode: str  # "" when the CAMEO code implies no PLOVER mode
    context: tuple[str, ...]


class Ontology:
    """Read-only lookups over the validated tables (build it with `load_ontology`)."""

    __slots__ = (
        "_cameo", "_crosswalk", "_intensity", "_intent", "_modes", "_quads", "contexts", "types",
        "versions",
    )  # fmt: skip

    def __init__(
        self,
        types: tuple[str, ...],
        contexts: tuple[str, ...],
        modes: dict[str, tuple[str, ...]],
        quads: dict[str, int],
        intensity: dict[tuple[str, str], float],
        cameo: dict[str, CameoCode],
        crosswalk: dict[str, PloverCoding | None],
        intent: dict[str, dict[str, str]],
        versions: dict[str, str],
    ) -> None:
        self.types = types
        self.contexts = contexts
        self.versions = versions
        self._modes = modes
        self._quads = quads
        self._intensity = intensity
        self._cameo = cameo
        self._crosswalk = crosswalk
        self._intent = intent

    def modes(self, type: str) -> tuple[str, ...]:
        return self._modes[type]

    def cameo(self, code: str) -> CameoCode:
        """The CAMEO code; KeyError when it does not exist."""
        return self._cameo[code]

    def to_plover(self, code: str) -> PloverCoding | None:
        """PLOVER coding of a CAMEO code, from its most specific crosswalk entry (0311, then 031,
        then 03). None for codes with no PLOVER event (01x statements); KeyError for a code that
        is not CAMEO."""
        if code not in self._cameo:
            raise KeyError(code)
        for end in range(len(code), 1, -1):
            if code[:end] in self._crosswalk:
                return self._crosswalk[code[:end]]
        raise KeyError(code)  # unreachable: the loader checks that every root has an entry

    def announced(self, code: str) -> str:
        """The CAMEO code of announcing or promising the act `code` (its most specific entry
        in cameo_intent.json); the code itself for acts that are statements already.

        >>> onto = load_ontology()
        >>> onto.announced("0874"), onto.announced("190"), onto.announced("112")
        ('0356', '1384', '112')
        """
        return self._derived("announced", code) or code

    def halted(self, code: str) -> str | None:
        """The CAMEO code of halting the act `code` ("ended mediation efforts": 045 -> 165),
        or None when CAMEO has none.

        >>> load_ontology().halted("045"), load_ontology().halted("190")
        ('165', None)
        """
        return self._derived("halted", code)

    def _derived(self, family: str, code: str) -> str | None:
        table = self._intent[family]
        for end in range(len(code), 1, -1):
            if code[:end] in table:
                return table[code[:end]]
        return None

    def intensity(self, type: str, mode: str = "") -> float:
        """PLOVER score of a type and mode; a mode without its own score has the type's."""
        if mode and mode not in self._modes[type]:
            raise KeyError(f"{type} has no mode {mode!r}")
        return self._intensity.get((type, mode), self._intensity[(type, "")])

    def quad(self, type: str) -> int:
        return self._quads[type]


def _read(directory: Path | None, name: str) -> dict[str, Any]:
    return read_table("ontology", name, directory)


def _table(data: dict[str, Any], key: str, name: str) -> dict[str, Any]:
    return non_empty_object(data, key, name)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"{where} must be a list of non-empty strings")
    return tuple(value)


def _number(value: Any, where: str, low: float = -10.0, high: float = 10.0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ValueError(f"{where} must be a number in [{low:g}, {high:g}], not {value!r}")
    return float(value)


def _plover(data: dict[str, Any]) -> tuple[Any, ...]:
    types = _table(data, "types", "plover.json")
    if set(types) != PLOVER_TYPES:
        raise ValueError(f"plover.json: types must be the 16 PLOVER 2.0 types, not {sorted(types)}")
    modes, quads = {}, {}
    for type_, spec in types.items():
        where = f"plover.json: types.{type_}"
        if not isinstance(spec, dict) or spec.get("quad") not in (1, 2, 3, 4):
            raise ValueError(f"{where} must have a quad class 1..4")
        modes[type_] = _strings(spec.get("modes", []), f"{where}.modes")
        quads[type_] = int(spec["quad"])
    contexts = _strings(data.get("contexts"), "plover.json: contexts")
    if not contexts:
        raise ValueError("plover.json: contexts must not be empty")
    intensity = {}
    for type_, scores in _table(data, "intensity", "plover.json").items():
        if type_ not in types or not isinstance(scores, dict) or "" not in scores:
            raise ValueError(f"plover.json: intensity.{type_} must score a known type and ''")
        for mode, value in scores.items():
            if mode and mode not in modes[type_]:
                raise ValueError(f"plover.json: intensity for unknown mode {type_}:{mode}")
            intensity[(type_, mode)] = _number(value, f"plover.json: intensity.{type_}.{mode}")
    if {t for t, _ in intensity} != PLOVER_TYPES:
        raise ValueError("plover.json: every type needs an intensity")
    return tuple(types), contexts, modes, quads, intensity


def _cameo(data: dict[str, Any]) -> dict[str, CameoCode]:
    codes = {}
    for code, spec in _table(data, "codes", "cameo.json").items():
        where = f"cameo.json: {code!r}"
        if not _CODE.fullmatch(code) or not isinstance(spec, dict):
            raise ValueError(f"{where} is not a 2-4 digit CAMEO code")
        if spec.get("root") != code[:2] or spec.get("quad") not in (1, 2, 3, 4):
            raise ValueError(f"{where} needs root {code[:2]!r} and a quad class 1..4")
        if not isinstance(spec.get("name"), str) or not spec["name"].strip():
            raise ValueError(f"{where} needs a name")
        goldstein = _number(spec.get("goldstein"), f"{where} goldstein")
        codes[code] = CameoCode(code, spec["name"], goldstein, code[:2], int(spec["quad"]))
    for code, entry in codes.items():
        parent = code[:-1] if len(code) == 4 else code[:2]
        if parent not in codes or codes[code[:2]].quad != entry.quad:
            raise ValueError(f"cameo.json: {code!r} lacks its parent or disagrees on its quad")
    return codes


def _crosswalk(
    data: dict[str, Any],
    cameo: Mapping[str, CameoCode],
    modes: Mapping[str, tuple[str, ...]],
    contexts: frozenset[str],
) -> dict[str, PloverCoding | None]:
    crosswalk: dict[str, PloverCoding | None] = {}
    for code, spec in _table(data, "codes", "cameo_to_plover.json").items():
        where = f"cameo_to_plover.json: {code!r}"
        if code not in cameo:
            raise ValueError(f"{where} is not a CAMEO code")
        if spec is None:
            crosswalk[code] = None
            continue
        if not isinstance(spec, dict) or spec.get("type") not in modes:
            raise ValueError(f"{where} must map to one of the 16 PLOVER types")
        mode = spec.get("mode", "")
        if mode != "" and mode not in modes[spec["type"]]:
            raise ValueError(f"{where}: {spec['type']} has no mode {mode!r}")
        context = _strings(spec.get("context", []), f"{where} context")
        if not set(context) <= contexts:
            raise ValueError(f"{where}: unknown contexts {sorted(set(context) - contexts)}")
        crosswalk[code] = PloverCoding(spec["type"], mode, context)
    missing = sorted({c.root for c in cameo.values()} - set(crosswalk))
    if missing:
        raise ValueError(f"cameo_to_plover.json: no entry for CAMEO roots {missing}")
    return crosswalk


@lru_cache(maxsize=4)
def load_ontology(directory: Path | None = None) -> Ontology:
    """The packaged ontology (or the three tables in `directory`), validated, once per process."""
    raw = {name: _read(directory, name) for name in _FILES}
    types, contexts, modes, quads, intensity = _plover(raw["plover.json"])
    cameo = _cameo(raw["cameo.json"])
    crosswalk = _crosswalk(raw["cameo_to_plover.json"], cameo, modes, frozenset(contexts))
    families = raw["cameo_families.json"]
    intent = {
        family: _family(families, family, cameo, prefixes)
        for family, prefixes in (("announced", ("03", "13")), ("halted", ("08", "16")))
    }
    versions = {name: data["version"] for name, data in raw.items()}
    return Ontology(types, contexts, modes, quads, intensity, cameo, crosswalk, intent, versions)


def _family(
    data: dict[str, Any], family: str, cameo: Mapping[str, CameoCode], roots: tuple[str, ...]
) -> dict[str, str]:
    table = {}
    for code, derived in _table(data, family, "cameo_families.json").items():
        where = f"cameo_families.json: {family}.{code}"
        if code not in cameo or derived not in cameo:
            raise ValueError(f"{where} -> {derived!r}: both must be CAMEO codes")
        if derived[:2] not in roots:
            raise ValueError(f"{where}: must map into the CAMEO roots {roots}, not {derived!r}")
        table[code] = derived
    return table
