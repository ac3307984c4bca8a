"""The word lists of the temporal tagger: `data/time/expressions.json`, read and validated once.

An empty or malformed table is an error at load time (`LexiconError`), never an empty rule.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

MODS = (
    "START",
    "MID",
    "END",
    "APPROX",
    "BEFORE",
    "AFTER",
    "ON_OR_BEFORE",
    "ON_OR_AFTER",
    "LESS_THAN",
    "MORE_THAN",
    "EQUAL_OR_LESS",
    "EQUAL_OR_MORE",
)


LEXICON_RESOURCE = ("newsevents.data", "time/expressions.json")


class LexiconError(ValueError):
    """The packaged word lists are malformed."""


@dataclass(frozen=True, slots=True)
class Unit:
    code: str  # S M H (time) or D W M Q Y (date)
    time: bool = False
    factor: int = 1
    vague: str | None = None  # code for "several decades": DE -> PXDE


@dataclass(frozen=True)
class Lexicon:
    version: str
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    vague_numbers: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, Unit]  # singular and plural forms
    plurals: frozenset[str]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    clock_words: dict[str, str]
    day_words: dict[str, int]
    position_modifiers: dict[str, str]
    quantity_modifiers: dict[str, str]
    relative: dict[str, int]
    present_ref: frozenset[str]
    past_ref: frozenset[str]
    future_ref: frozenset[str]
    sets: dict[str, str]
    holidays: dict[str, dict[str, int]]
    year_context: frozenset[str]
    duration_context: frozenset[str]
    time_zones: frozenset[str]


def _need(raw: dict[str, Any], key: str, kind: type) -> Any:
    if key not in raw:
        raise LexiconError(f"expressions.json: missing key {key!r}")
    value = raw[key]
    if not isinstance(value, kind):
        raise LexiconError(f"expressions.json: {key!r} must be a {kind.__name__}")
    return value


def _int_map(raw: dict[str, Any], key: str, low: int, high: int) -> dict[str, int]:
    table = _need(raw, key, dict)
    for word, number in table.items():
        if not isinstance(number, int) or isinstance(number, bool) or not low <= number <= high:
            raise LexiconError(f"expressions.json: {key}[{word!r}] = {number!r} is out of range")
    return {k.lower(): v for k, v in table.items()}


def _code_map(raw: dict[str, Any], key: str, allowed: tuple[str, ...] | None) -> dict[str, str]:
    table = _need(raw, key, dict)
    for word, code in table.items():
        if not isinstance(code, str) or (allowed is not None and code not in allowed):
            raise LexiconError(f"expressions.json: {key}[{word!r}] = {code!r} is not allowed")
    return {k.lower(): v for k, v in table.items()}


def _words(raw: dict[str, Any], key: str) -> frozenset[str]:
    items = _need(raw, key, list)
    if not all(isinstance(item, str) and item.strip() for item in items):
        raise LexiconError(f"expressions.json: {key!r} must list non-empty strings")
    return frozenset(item.lower() for item in items)


def validate_lexicon(raw: Any) -> Lexicon:
    """Check the JSON word lists and build the `Lexicon`; raise `LexiconError` on any problem."""
    if not isinstance(raw, dict):
        raise LexiconError("expressions.json: the top level must be an object")
    for key in ("source", "version", "licence"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise LexiconError(f"expressions.json: missing provenance field {key!r}")
    units: dict[str, Unit] = {}
    plurals: set[str] = set()
    for name, spec in _need(raw, "units", dict).items():
        if not isinstance(spec, dict) or spec.get("code") not in (
            "S",
            "M",
            "H",
            "D",
            "W",
            "Q",
            "Y",
        ):
            raise LexiconError(f"expressions.json: units[{name!r}] needs a code S M H D W Q Y")
        time = bool(spec.get("time", False))
        if time != (spec["code"] in ("S", "H") or (spec["code"] == "M" and time)):
            raise LexiconError(f"expressions.json: units[{name!r}] has an inconsistent 'time'")
        factor = spec.get("factor", 1)
        if not isinstance(factor, int) or factor < 1:
            raise LexiconError(f"expressions.json: units[{name!r}] factor must be a positive int")
        unit = Unit(spec["code"], time, factor, spec.get("vague"))
        plural = spec.get("plural")
        if not isinstance(plural, str):
            raise LexiconError(f"expressions.json: units[{name!r}] needs its plural")
        units[name.lower()] = unit
        units[plural.lower()] = unit
        plurals.add(plural.lower())
    numbers = _need(raw, "numbers", dict)
    for word, number in numbers.items():
        if not isinstance(number, int | float) or isinstance(number, bool) or number <= 0:
            raise LexiconError(f"expressions.json: numbers[{word!r}] must be a positive number")
    holidays = _need(raw, "holidays", dict)
    for name, spec in holidays.items():
        ok = isinstance(spec, dict) and 1 <= spec.get("month", 0) <= 12
        ok = ok and (1 <= spec.get("day", 0) <= 31 or 1 <= spec.get("weekday", 0) <= 7)
        if not ok or ("weekday" in spec and spec.get("nth", 0) not in (1, 2, 3, 4, -1)):
            raise LexiconError(f"expressions.json: holidays[{name!r}] is malformed")
    return Lexicon(
        version=raw["version"],
        months=_int_map(raw, "months", 1, 12),
        weekdays=_int_map(raw, "weekdays", 1, 7),
        numbers={k.lower(): float(v) for k, v in numbers.items()},
        vague_numbers=_words(raw, "vague_numbers"),
        ordinals=_int_map(raw, "ordinals", -1, 21),
        units=units,
        plurals=frozenset(plurals),
        seasons=_code_map(raw, "seasons", ("SP", "SU", "FA", "WI")),
        parts_of_day=_code_map(raw, "parts_of_day", ("MO", "AF", "EV", "NI", "DT")),
        clock_words=_code_map(raw, "clock_words", None),
        day_words=_int_map(raw, "day_words", -2, 2),
        position_modifiers=_code_map(raw, "position_modifiers", ("START", "MID", "END")),
        quantity_modifiers=_code_map(raw, "quantity_modifiers", MODS),
        relative=_int_map(raw, "relative", -1, 1),
        present_ref=_words(raw, "present_ref"),
        past_ref=_words(raw, "past_ref"),
        future_ref=_words(raw, "future_ref"),
        sets=_code_map(raw, "sets", None),
        holidays={k.lower(): v for k, v in holidays.items()},
        year_context=_words(raw, "year_context"),
        duration_context=_words(raw, "duration_context"),
        time_zones=_words(raw, "time_zones"),
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged word lists, read and validated once per process."""
    package, name = LEXICON_RESOURCE
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return validate_lexicon(json.loads(text))
