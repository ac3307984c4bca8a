"""Recognise temporal expressions in text and give them TIMEX3 values.

This module knows nothing of spaCy. It holds the `Timex` record, the word lists of
`data/time/expressions.json` (read and validated once), a grammar of expression rules and the
date arithmetic that resolves relative expressions against an anchor (the document date).

Each rule is a regular expression built from the word lists plus a handler that turns a match
into a TIMEX3 `(type, value, mod)`, or rejects it. The tagger (`tagger.py`) finds the matches,
checks the ambiguous ones against the parse, and passes each handler a `Context`: the anchor,
the tense of the governing verb, the word before the expression and the last calendar value
seen in the document (for anaphoric expressions such as "the quarter" or "a day earlier").

Values follow TimeML/TIMEX3 as used in TempEval-3: `2022-07-19`, `2022-07`, `2022-W28`,
`2022-W28-WE`, `2022-Q3`, `2022-H1`, `2022-SU`, `2022`, `199` (a decade), `19` (a century),
`2022-07-19T10:30`, `2022-07-19TNI`, `P2D`, `PT3H`, `PXY`, `PRESENT_REF`, `PAST_REF`,
`FUTURE_REF`, and for sets `P1W` or `XXXX-WXX-2`. Without an anchor, the calendar fields that
depend on it are `X` placeholders (`XXXX-WXX-2`, `XXXX-XX`, `XXXX-02-24`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

TYPES = ("DATE", "TIME", "DURATION", "SET")
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
PAST, PRESENT, FUTURE = "past", "present", "future"
LEXICON_RESOURCE = ("newsevents.data", "time/expressions.json")


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression: its extent in `doc.text` and its TIMEX3 type, value and mod."""

    text: str
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "value": self.value,
            "mod": self.mod,
        }


# --------------------------------------------------------------------------- word lists


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


# --------------------------------------------------------------------------- calendar values


def parse_anchor(anchor: str | None) -> date | None:
    """`YYYY-MM-DD` (anything after the day, such as a time, is ignored) as a date, or None."""
    if not anchor:
        return None
    try:
        return date.fromisoformat(anchor[:10])
    except ValueError:
        return None


def _day(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def _week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def _season_of(d: date) -> tuple[int, str]:
    """(year, code) of the season containing `d`; a winter belongs to the year it starts in."""
    if d.month in (12, 1, 2):
        return (d.year if d.month == 12 else d.year - 1), "WI"
    return d.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")


SEASON_ORDER = ("SP", "SU", "FA", "WI")
# a fraction of a unit is written in a smaller one: 1.5 years is P18M, half an hour PT30M
SMALLER_UNIT = {
    "Y": (12, "M", False),
    "D": (24, "H", True),
    "H": (60, "M", True),
    "M": (60, "S", True),
}


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    nxt = date(year + month // 12, month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


# A date without a year is the nearest such date, unless the tense points the other way and
# the nearest one is further than this many days in that other direction.
DAY_WINDOW = 60
MONTH_WINDOW = 62


def _choose(options: list[date], anchor: date, tense: str | None, rel: str, window: int) -> date:
    """The option (sorted dates) for a date without a year: "last" is the latest before the
    anchor, "next" the first after it; otherwise the nearest, a tie going to the past, unless
    the tense contradicts it by more than `window` days."""
    if rel in ("last", "past"):
        return ([d for d in options if d < anchor] or options)[-1]
    if rel in ("next", "coming"):
        return ([d for d in options if d > anchor] or options)[0]
    nearest = min(options, key=lambda d: (abs((d - anchor).days), d > anchor))
    if tense == PAST and (nearest - anchor).days > window:
        return ([d for d in options if d <= anchor] or options)[-1]
    if tense == FUTURE and (anchor - nearest).days > window:
        return ([d for d in options if d >= anchor] or options)[0]
    return nearest


def _shift_value(value: str, quarters: int) -> str:
    """A quarter value `YYYY-Qn` moved by a number of quarters."""
    index = int(value[:4]) * 4 + int(value[6]) - 1 + quarters
    return f"{index // 4:04d}-Q{index % 4 + 1}"


def granularity(value: str) -> str | None:
    """The calendar granularity of a TIMEX3 value, or None when it names no calendar period."""
    for name, pattern in _GRANULARITY:
        if pattern.fullmatch(value):
            return name
    return None


_GRANULARITY = [
    ("day", re.compile(r"\d{4}-\d\d-\d\d(?:T.*)?")),
    ("week", re.compile(r"\d{4}-W\d\d(?:-WE)?")),
    ("month", re.compile(r"\d{4}-\d\d")),
    ("quarter", re.compile(r"\d{4}-[QH]\d")),
    ("season", re.compile(r"\d{4}-(?:SP|SU|FA|WI)")),
    ("year", re.compile(r"\d{4}")),
    ("decade", re.compile(r"\d{3}")),
    ("century", re.compile(r"\d{2}")),
]


def event_date(timex: Timex | None, anchor: str | None) -> tuple[str | None, str | None]:
    """The calendar date of an event from its time expression, with its precision.

    `('2022-07-19', 'day')`, `('2022-W28', 'week')`, `('2022-06', 'month')`,
    `('2022-Q3', 'quarter')`, `('2022', 'year')`, `('199', 'decade')`, `('19', 'century')`.
    A season or half year gives its year. A value with `X` placeholders keeps its known prefix
    (`1998-XX-XX` -> `('1998', 'year')`). Without a calendar value (no timex, a duration, a
    set, `PRESENT_REF`, ...) the anchor is the date, at day precision; (None, None) when there
    is no anchor either.
    """
    if timex is not None and timex.type in ("DATE", "TIME"):
        value = timex.value.split("X", 1)[0].rstrip("-")
        if "X" in timex.value:
            value = re.sub(r"-(?:W|Q|H)?$", "", value)
        gran = granularity(value)
        if gran == "day":
            return value[:10], "day"
        if gran in ("season",) or (gran == "quarter" and value[5] == "H"):
            return value[:4], "year"
        if gran is not None:
            if gran == "week" and value.endswith("-WE"):
                value = value[:-3]
            return value, gran
    day = parse_anchor(anchor)
    return (_day(day), "day") if day is not None else (None, None)


# --------------------------------------------------------------------------- context


@dataclass
class Context:
    """What a rule handler may consult besides its match. The tagger fills it per document."""

    anchor: date | None
    tense: str | None = None  # PAST | PRESENT | FUTURE | None (unknown)
    before: str = ""  # the lower-cased word before the expression
    sentence: int = 0
    reference: str | None = None  # last calendar value of the document
    reference_sentence: int = -99
    quarter: str | None = None  # last quarter value of the document
    quarter_sentence: int = -99

    def remember(self, value: str) -> None:
        gran = granularity(value)
        if gran is None or gran in ("decade", "century"):
            return
        self.reference, self.reference_sentence = value, self.sentence
        if gran == "quarter" and value[5] == "Q":
            self.quarter, self.quarter_sentence = value, self.sentence

    def reference_date(self) -> date | None:
        """The first day of the last mentioned period when it is recent, else the anchor."""
        if self.reference and self.sentence - self.reference_sentence <= 3:
            value = self.reference
            gran = granularity(value)
            year = int(value[:4]) if gran not in ("decade", "century") else None
            if gran == "day" or gran is None or year is None:
                return self.reference_day()
            if gran == "week":
                return date.fromisocalendar(year, int(value[6:8]), 1)
            if gran == "month":
                return date(year, int(value[5:7]), 1)
            if gran == "quarter" and value[5] == "Q":
                return date(year, 3 * int(value[6]) - 2, 1)
            return date(year, 1, 1)
        return self.anchor

    def reference_day(self) -> date | None:
        """The last mentioned day when it is recent (3 sentences), else the anchor."""
        if self.reference and self.sentence - self.reference_sentence <= 3:
            found = parse_anchor(self.reference) if granularity(self.reference) == "day" else None
            if found is not None:
                return found
        return self.anchor


@dataclass(frozen=True, slots=True)
class Norm:
    """A handler's verdict. `start` names a group where the extent starts instead (to leave
    out an article or a preposition); `anchoring` False keeps the value from becoming the
    reference time of later anaphoric expressions (a comparison such as "a year ago")."""

    type: str
    value: str
    mod: str | None = None
    start: str | None = None
    anchoring: bool = True


# --------------------------------------------------------------------------- grammar


Handler = Callable[[re.Match[str], Context], Norm | None]


@dataclass(frozen=True)
class Rule:
    """An expression pattern, its handler, and what the tagger must check before using it.

    `confirm` names the group whose token the tagger checks against the parse ("month",
    "year", "weekday", "season", "unit"); `tense` says whether the handler uses the tense.
    The extent is the group `ext` when the pattern has one, else the whole match.
    """

    name: str
    regex: re.Pattern[str]
    handler: Handler
    confirm: str | None = None
    tense: bool = False


@dataclass(frozen=True, slots=True)
class Found:
    rule: Rule
    match: re.Match[str]
    start: int  # extent
    end: int


def _alt(words: Any) -> str:
    """A regex alternation of words (longest first), spaces matching any whitespace."""
    parts = sorted({w.lower() for w in words}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts) + ")"


# "last night", "the next morning": days from the anchor or the reference day
DAY_SHIFTS = {
    "last": -1,
    "yesterday": -1,
    "tomorrow": 1,
    "the next": 1,
    "the following": 1,
    "the previous": -1,
}
WINDOW = 48  # characters searched on either side of a trigger word (see Grammar.find)
POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my", "your"})


def _vague_a(number: str) -> bool:
    """Whether the number after an article "a" needs it: "a few", "a couple of"."""
    return number.startswith(("few", "couple", "dozen", "number", "handful"))


def _clean(text: str | None) -> str:
    return " ".join((text or "").lower().replace("-", " ").split())


@dataclass
class Grammar:
    """The expression rules built from the word lists, and the search over a text."""

    lex: Lexicon
    rules: list[Rule] = field(default_factory=list)
    trigger: re.Pattern[str] = field(default=re.compile("$^"))

    def __post_init__(self) -> None:
        self._build()
        lex = self.lex
        words = (
            set(lex.months)
            | set(lex.weekdays)
            | set(lex.units)
            | set(lex.seasons)
            | set(lex.parts_of_day)
            | set(lex.clock_words)
            | set(lex.day_words)
            | lex.present_ref
            | lex.past_ref
            | lex.future_ref
            | set(lex.sets)
            | {w.split()[-1] for w in lex.holidays}
            | {"weekend", "period", "nineteen", "eighteen", "twenty", "thousand", "end"}
        )
        self.trigger = re.compile(r"\d|\b" + _alt(words) + r"\b", re.IGNORECASE)

    # ---- finding

    def find(self, text: str) -> list[Found]:
        """All rule matches, longest first, without overlaps, in text order."""
        candidates: list[tuple[int, int, int, Rule, re.Match[str]]] = []
        windows = self._windows(text)
        for priority, rule in enumerate(self.rules):
            for start, end in windows:
                for m in rule.regex.finditer(text, start, end):
                    if m.end() > m.start():
                        candidates.append((m.start(), m.end(), priority, rule, m))
        candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
        taken = bytearray(len(text))
        found: list[Found] = []
        for start, end, _, rule, m in candidates:
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            if "ext" in rule.regex.groupindex and m.group("ext") is not None:
                start, end = m.span("ext")
            found.append(Found(rule, m, start, end))
        found.sort(key=lambda f: f.start)
        return found

    def _windows(self, text: str) -> list[tuple[int, int]]:
        """The parts of `text` around trigger words, merged: every expression contains one
        (a digit, a month, a unit, "now", ...) and is shorter than `WINDOW` on either side of
        it, so matching only there finds the same expressions much faster."""
        windows: list[tuple[int, int]] = []
        for m in self.trigger.finditer(text):
            start, end = max(0, m.start() - WINDOW), min(len(text), m.end() + WINDOW)
            while end < len(text) and not text[end].isspace():  # never cut a word
                end += 1
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], end)
            else:
                windows.append((start, end))
        return windows

    # ---- the rules

    def _build(self) -> None:
        lex = self.lex
        abbreviations = {
            m for m in lex.months if any(o != m and o.startswith(m) for o in lex.months)
        }
        short = _alt(abbreviations)
        month = rf"(?:{_alt(set(lex.months) - abbreviations)}|{short}\.|{short}(?=\s+\d))"
        weekday = _alt(lex.weekdays)
        pmod = _alt(lex.position_modifiers)
        qmod = _alt(lex.quantity_modifiers)
        digits = r"\d+(?:\.\d+)?(?:\s+1/2)?"
        small = _alt(w for w in lex.numbers if " " not in w and lex.numbers[w] < 20)
        tens = _alt(w for w in lex.numbers if lex.numbers[w] in (20, 30, 40, 50, 60, 70, 80, 90))
        multi = _alt(w for w in lex.numbers if " " in w)
        number = (
            rf"(?:{digits}|{tens}(?:[\s-]+{small})?|{multi}|{small}|{_alt(lex.vague_numbers)})"
            r"(?:\s+and\s+a\s+half)?"
        )
        unit = _alt(lex.units)
        plural = _alt(lex.plurals)
        calendar_unit = r"(?:week|weekend|month|quarter|year|decade|century)"
        season = _alt(lex.seasons)
        pod = _alt(lex.parts_of_day)
        year = r"(?:1[0-9]|20)\d\d"
        ordinal = _alt(lex.ordinals)
        zone = _alt(lex.time_zones)
        relative = _alt(lex.relative)
        dayref = rf"(?:{weekday}|yesterday|today|tomorrow|{month}\s+\d{{1,2}}(?!\d))"
        end = r"(?![\w'’-]*\w)"  # a word ends here
        end_noapos = r"(?![\w-])"
        flags = re.IGNORECASE

        def add(
            name: str,
            pattern: str,
            handler: Handler,
            confirm: str | None = None,
            tense: bool = False,
        ) -> None:
            regex = re.compile(r"(?<![\w'’-])" + pattern, flags)
            self.rules.append(Rule(name, regex, handler, confirm, tense))

        add(
            "iso",
            r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:T(?P<h>\d\d):(?P<mi>\d\d)(?::\d\d)?)?(?![\d-])",
            self._iso,
        )
        add(
            "month_day",
            rf"(?:(?P<pmod>{pmod})[\s-]+)?(?:(?P<rel>last|next|this)\s+)?(?:{weekday},?\s+)?"
            rf"(?P<month>{month})\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"(?:,?\s+(?P<year>{year}))?(?![\d:.,]\d|\w)",
            self._month_day,
            confirm="month",
            tense=True,
        )
        add(
            "day_month",
            rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{month})"
            rf"(?:,?\s+(?P<year>{year}))?{end}",
            self._month_day,
            confirm="month",
            tense=True,
        )
        add(
            "month",
            rf"(?:(?P<pmod>{pmod})[\s-]+)?(?:(?P<rel>last|next|this|past|coming)\s+)?"
            rf"(?P<month>{month})(?:,?\s+(?:of\s+)?(?P<year>{year}|this\s+year|last\s+year|"
            rf"next\s+year))?{end_noapos}",
            self._month,
            confirm="month",
            tense=True,
        )
        add(
            "year",
            rf"(?:(?P<pmod>{pmod})[\s-]+)?(?:(?P<pre>(?:the\s+)?(?:fiscal|calendar|model)"
            rf"(?:\s+year)?|the\s+year|FY)[\s-]*)?(?P<year>{year})(?![\d,.:/]\d|\w|%|-\d)",
            self._year,
            confirm="year",
        )
        add(
            "spoken_year",
            rf"(?:(?P<pre>the\s+year)\s+)?(?P<spoken>(?:nineteen|eighteen|twenty)[\s-]+(?:hundred|"
            rf"{tens}(?:[\s-]+{small})?|(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
            rf"seventeen|eighteen|nineteen)|oh[\s-]+{small})|two\s+thousand(?:\s+(?:and\s+)?"
            rf"{small})?)(?![\s-]+(?:{unit}|percent|dollars|people|of)\b){end_noapos}",
            self._spoken_year,
        )
        add(
            "year_end",
            r"(?:(?P<pre>around|at|by|until)\s+)?(?P<ext>year[\s-]end|year[’']s\s+end)"
            + end_noapos,
            self._year_end,
        )
        add(
            "short_year",
            r"(?:(?P<pre>fiscal|FY)\s*)?(?P<year>[’']\d\d)(?!\w|s)",
            self._year,
        )
        add(
            "decade",
            rf"(?:(?P<pmod>{pmod})[\s-]+)?(?:(?P<the>the)\s+)?(?:(?P<pmod2>early|mid|late)[\s-]+)?"
            rf"(?P<dec>(?:1[0-9]|20)\d0|[’']\d0|\d0(?=s))[’']?s{end}",
            self._decade,
        )
        add(
            "century",
            rf"(?:(?P<pmod>{pmod})[\s-]+)?(?:the\s+)?(?P<ord>{ordinal})[\s-]+century{end}",
            self._century,
        )
        add(
            "weekday",
            rf"(?:(?P<pmod>early|late|earlier|later|mid)[\s-]+)?"
            rf"(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<weekday>{weekday})(?P<plural>s)?"
            rf"(?:\s+(?P<pod>{pod}))?{end_noapos}",
            self._weekday,
            confirm="weekday",
            tense=True,
        )
        add(
            "day_word",
            rf"(?:(?P<pmod>early|late|earlier|later|mid)[\s-]+)?(?:the\s+day\s+(?P<dir>before|after)"
            rf"\s+)?(?P<dw>yesterday|today|tomorrow|tonight)(?:\s+(?P<pod>{pod}))?{end_noapos}",
            self._day_word,
        )
        add(
            "part_of_day",
            rf"(?:(?P<pmod>early|late|earlier|later|mid)[\s-]+)?(?P<rel>this|last|tomorrow|"
            rf"yesterday|that|the\s+next|the\s+following|the\s+previous)\s+(?P<pod>{pod})"
            + end_noapos,
            self._part_of_day,
        )
        add(
            "overnight",
            r"(?P<pod>overnight)(?!\s+(?:rate|loan|bank|lending|market))" + end_noapos,
            self._part_of_day,
        )
        add(
            "mid_pod",
            rf"(?P<pmod>mid|early|late)[\s-]*(?P<pod>morning|afternoon|evening){end_noapos}",
            self._part_of_day,
        )
        add(
            "clock",
            r"(?:(?P<qmod>about|around|approximately)\s+)?"
            rf"(?P<core>(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm|"
            rf"a\.m|p\.m)(?:\s+(?P<zone>{zone}))?|(?P<cw>{_alt(lex.clock_words)})|(?P<h24>\d\d?):"
            rf"(?P<mi24>\d\d)\s+(?P<zone24>{zone}))(?:,?\s+(?:on\s+)?(?P<dayref>{dayref}))?"
            rf"(?![\w-])",
            self._clock,
            tense=True,
        )
        add(
            "relative",
            rf"(?:(?P<pmod>{pmod})[\s-]+)?(?:(?P<the>the)\s+)?(?P<rel>{relative})\s+"
            rf"(?P<unit>{calendar_unit}|{season})(?:\s+(?P<ord>{ordinal})\s+"
            rf"(?P<qunit>quarter|half))?{end_noapos}",
            self._relative,
            tense=True,
        )
        add(
            "the_unit",
            rf"(?:(?P<pmod>{pmod})[\s-]+)?(?P<det>the|that|this|the\s+same|that\s+same)\s+"
            rf"(?:(?P<adj>latest|most\s+recent|year[\s-]ago|year[\s-]earlier|previous|prior|"
            rf"following|same|preceding|comparable|fiscal|full)\s+)?"
            rf"(?P<unit>day|week|weekend|month|quarter|year|period)"
            rf"(?:\s+(?P<dir>before|after|earlier|later))?{end_noapos}(?=\s+end(?:ed|ing)\s+"
            rf"(?P<endmonth>{month})\s*(?P<endday>\d{{1,2}})(?!\d)|)",
            self._the_unit,
            tense=True,
        )
        add(
            "year_ago_adj",
            r"(?P<adj>year[\s-]ago|year[\s-]earlier)" + end_noapos,
            self._the_unit,
        )
        add(
            "quarter",
            rf"(?:(?P<pmod>{pmod})[\s-]+)?(?:(?P<det>the|its|their|this\s+year[’']s|last\s+"
            rf"year[’']s|next\s+year[’']s|(?P<dyear>{year})[’']s|fiscal\s+(?P<fyear>{year})[’']?s?)"
            rf"\s+)?(?P<core>(?:(?:fiscal|calendar)[\s-]+)?(?P<ord>{ordinal})[\s-]+(?:(?:fiscal|"
            rf"calendar)[\s-]+)?(?P<unit>quarter|half)(?P<plural>s)?(?:\s+(?:of|in)\s+(?:(?:fiscal|"
            rf"calendar)\s+)?(?P<year>{year}|this\s+year|last\s+year|next\s+year))?){end_noapos}",
            self._quarter,
            tense=True,
        )
        add("q_code", rf"Q(?P<q>[1-4])(?:\s+(?P<year>{year}))?\b", self._q_code)
        add(
            "duration",
            rf"(?:(?P<qmod>{qmod})\s+)?(?:(?P<det>the|its|his|her|their|a|an)\s+)?"
            rf"(?P<core>(?:(?P<rel>past|last|next|first|latest|previous|coming|following|final|"
            rf"initial|recent|another|additional|further)\s+)?(?P<num>{number})[\s-]+(?:(?:more|other|"
            rf"additional|full|straight|consecutive|trading|business|long|successive)[\s-]+)?"
            rf"(?P<unit>{unit})(?P<half>\s+and\s+a\s+half)?(?P<long>-long)?(?![\w-]*[\s-]+old\b)"
            rf"(?:\s+(?P<dir>ago|earlier|"
            rf"later|from\s+now|hence|or\s+so|in\s+advance))?){end_noapos}",
            self._duration,
            confirm="duration",
            tense=True,
        )
        add(
            "bare_units",
            rf"(?:(?P<qmod>{qmod})\s+)?(?:(?P<det>the)\s+)?(?:(?P<rel>past|last|next|coming|"
            rf"recent|previous|following|few)\s+)?(?P<unit>{plural})(?P<long>-long)?"
            rf"(?![\s-]+old\b)(?:\s+(?P<dir>ago|earlier|later))?{end_noapos}",
            self._bare_units,
            confirm="unit",
        )
        add(
            "relative_past",
            rf"(?:(?P<det>the)\s+)?(?P<rel>past|last|next|coming|first|previous|following)\s+"
            rf"(?P<unit>day|week|month|year|decade|century|hour|minute|quarter){end_noapos}",
            self._relative_duration,
        )
        add("ref", _alt(lex.present_ref | lex.past_ref | lex.future_ref) + end_noapos, self._ref)
        add(
            "set",
            rf"(?P<q>every|each|per)\s+(?:(?P<num>other|{number})\s+)?(?P<what>{unit}|{weekday}|"
            rf"{month}|{season})(?P<pod>\s+{pod})?{end_noapos}",
            self._set,
        )
        add(
            "times_per",
            rf"(?:once|twice|thrice|\w+\s+times)\s+(?P<ext>(?:a|an|per)\s+(?P<what>{unit})"
            rf"){end_noapos}",
            self._set,
        )
        add("set_word", _alt(lex.sets) + end_noapos, self._set_word)
        add(
            "holiday",
            rf"(?:(?P<rel>last|next|this)\s+)?(?P<hol>{_alt(lex.holidays)})(?:\s+(?P<year>{year}))?"
            + end_noapos,
            self._holiday,
            confirm="holiday",
            tense=True,
        )
        add(
            "season",
            rf"(?:(?P<pmod>{pmod})[\s-]+)?(?:(?:in|during|by|until|over|through|since|for)\s+)"
            rf"(?P<ext>(?:(?P<pmod2>{pmod})[\s-]+)?the\s+(?P<season>{season}))(?!\s+of)"
            + end_noapos,
            self._season,
            tense=True,
        )
        add(
            "season_year",
            rf"(?:(?P<pmod>{pmod})[\s-]+)?(?P<season>{season})\s+(?:of\s+)?(?P<year>{year})"
            + end_noapos,
            self._season,
            confirm="season",
        )

    # ---- helpers for handlers

    def _pmod(self, m: re.Match[str], *names: str) -> str | None:
        for name in names or ("pmod",):
            if name in m.re.groupindex and m.group(name):
                return self.lex.position_modifiers.get(_clean(m.group(name)))
        return None

    def _number(self, text: str) -> float | None:
        """The number of `text`; None for a vague quantity ("several")."""
        words = _clean(text)
        half = words.endswith(" and a half")
        if half:
            words = words[: -len(" and a half")].strip()
        if words in self.lex.vague_numbers:
            return None
        if re.fullmatch(r"\d+(?:\.\d+)?", words):
            number = float(words)
        elif re.fullmatch(r"\d+ 1/2", words):
            number = float(words.split()[0]) + 0.5
        elif words in self.lex.numbers:
            number = self.lex.numbers[words]
        else:
            number = sum(self.lex.numbers.get(w, 0.0) for w in words.split())
            if number == 0:
                return None
        return number + 0.5 if half else number

    def _year_of(self, text: str | None, ctx: Context) -> int | None:
        """A year from `2015`, `'98`, `this year`, `last year`, `next year`."""
        if not text:
            return None
        words = _clean(text)
        if words.isdigit():
            return int(words)
        if re.fullmatch(r"[’']\d\d", words):
            two = int(words[1:])
            if ctx.anchor is None:
                return 1900 + two if two > 30 else 2000 + two
            century = ctx.anchor.year // 100 * 100
            options = [century - 100 + two, century + two]
            return min(options, key=lambda y: abs(y - ctx.anchor.year) if ctx.anchor else 0)
        if ctx.anchor is None:
            return None
        shift = {"this year": 0, "last year": -1, "next year": 1}.get(words)
        return ctx.anchor.year + shift if shift is not None else None

    # ---- handlers: explicit dates

    def _iso(self, m: re.Match[str], ctx: Context) -> Norm | None:
        try:
            day = date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            return None
        if m["h"]:
            return Norm("TIME", f"{_day(day)}T{m['h']}:{m['mi']}")
        return Norm("DATE", _day(day))

    def _month_day(self, m: re.Match[str], ctx: Context) -> Norm | None:
        month = self.lex.months[_clean(m["month"]).rstrip(".")]
        day = int(m["day"])
        if not 1 <= day <= 31:
            return None
        mod = self._pmod(m) if "pmod" in m.re.groupindex else None
        if m["year"]:
            try:
                return Norm("DATE", _day(date(int(m["year"]), month, day)), mod)
            except ValueError:
                return None
        if ctx.anchor is None:
            return Norm("DATE", f"XXXX-{month:02d}-{day:02d}", mod)
        rel = _clean(m.groupdict().get("rel"))
        found = self._resolve_in_year(ctx, month, day, rel)
        return Norm("DATE", _day(found), mod) if found else None

    def _resolve_in_year(self, ctx: Context, month: int, day: int, rel: str = "") -> date | None:
        """A month and day without a year: the nearest such date, unless the tense or `rel`
        ("last", "next") points the other way (see `_choose`)."""
        assert ctx.anchor is not None
        options = []
        for year in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1):
            try:
                options.append(date(year, month, day))
            except ValueError:
                continue
        if not options:
            return None
        return _choose(options, ctx.anchor, self._tense_of(ctx), rel, DAY_WINDOW)

    @staticmethod
    def _tense_of(ctx: Context) -> str | None:
        return PAST if ctx.before in ("since", "ago") else ctx.tense

    def _month(self, m: re.Match[str], ctx: Context) -> Norm | None:
        word = _clean(m["month"]).rstrip(".")
        month = self.lex.months[word]
        mod = self._pmod(m)
        year = self._year_of(m["year"], ctx)
        if year is not None:
            return Norm("DATE", _month(year, month), mod)
        rel = _clean(m["rel"])
        if ctx.anchor is None:
            return Norm("DATE", f"XXXX-{month:02d}", mod)
        if rel == "this":
            return Norm("DATE", _month(ctx.anchor.year, month), mod)
        anchor = ctx.anchor.replace(day=1)
        options = [date(y, month, 1) for y in range(anchor.year - 1, anchor.year + 2)]
        found = _choose(options, anchor, self._tense_of(ctx), rel, MONTH_WINDOW)
        return Norm("DATE", _month(found.year, found.month), mod)

    def _year(self, m: re.Match[str], ctx: Context) -> Norm | None:
        year = self._year_of(m["year"], ctx)
        if year is None:
            return None
        mod = self._pmod(m) if "pmod" in m.re.groupindex else None
        return Norm("DATE", f"{year:04d}", mod)

    def _spoken_year(self, m: re.Match[str], ctx: Context) -> Norm | None:
        """Spoken years: "nineteen ninety-six", "nineteen oh five", "two thousand and one"."""
        words = _clean(m["spoken"]).replace(" and ", " ").split()
        if words[:2] == ["two", "thousand"]:
            return Norm("DATE", f"{2000 + int(self._number(' '.join(words[2:])) or 0):04d}")
        century = int(self.lex.numbers[words[0]])
        rest = [w for w in words[1:] if w != "oh"]
        if rest == ["hundred"]:
            return Norm("DATE", f"{century * 100:04d}")
        number = self._number(" ".join(rest))
        if number is None or not 0 < number < 100:
            return None
        if not m["pre"] and number < 10 and "oh" not in words:
            return None
        return Norm("DATE", f"{century * 100 + int(number):04d}")

    def _year_end(self, m: re.Match[str], ctx: Context) -> Norm | None:
        """The end of the current (or referred-to) year: "year-end", "year's end"."""
        base = ctx.reference_date()
        if base is None:
            return Norm("DATE", "XXXX", "END")
        return Norm("DATE", f"{base.year:04d}", "END")

    def _decade(self, m: re.Match[str], ctx: Context) -> Norm | None:
        """Decades: "the 1990s" -> 199, "the '90s" -> 199; "the 1800s" -> 18 (a century)."""
        digits = m["dec"].lstrip("’'")
        mod = self._pmod(m, "pmod", "pmod2")
        if len(digits) == 2:  # the 90s, the '90s; "in his 60s" is an age
            if not m["the"] and not m["dec"].startswith(("'", "’")):
                return None
            if ctx.anchor is None:
                return Norm("DATE", f"19{digits[0]}", mod)
            start = ctx.anchor.year // 100 * 100 + int(digits)
            if start > ctx.anchor.year:
                start -= 100
            return Norm("DATE", f"{start // 10:03d}", mod)
        if digits.endswith("00"):
            return Norm("DATE", digits[:2], mod)
        return Norm("DATE", digits[:3], mod)

    def _century(self, m: re.Match[str], ctx: Context) -> Norm | None:
        number = self.lex.ordinals.get(_clean(m["ord"]))
        if number is None or number < 1:
            return None
        return Norm("DATE", f"{number - 1:02d}", self._pmod(m))

    def _holiday(self, m: re.Match[str], ctx: Context) -> Norm | None:
        key = " ".join(m["hol"].lower().replace("’", "'").split())
        spec = self.lex.holidays.get(key)
        if spec is None:
            return None

        def on(year: int) -> date:
            if "day" in spec:
                return date(year, spec["month"], spec["day"])
            return _nth_weekday(year, spec["month"], spec["weekday"], spec["nth"])

        if m["year"]:
            return Norm("DATE", _day(on(int(m["year"]))))
        if ctx.anchor is None:
            fixed = f"XXXX-{spec['month']:02d}-{spec['day']:02d}" if "day" in spec else "XXXX-XX-XX"
            return Norm("DATE", fixed)
        options = [on(y) for y in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1)]
        chosen = _choose(options, ctx.anchor, self._tense_of(ctx), _clean(m["rel"]), DAY_WINDOW)
        return Norm("DATE", _day(chosen))

    # ---- handlers: days and times of day

    def _weekday_date(self, ctx: Context, weekday: int, rel: str) -> date | None:
        anchor = ctx.anchor
        if anchor is None:
            return None
        today = anchor.isoweekday()
        back = (today - weekday) % 7
        ahead = (weekday - today) % 7
        if rel in ("last", "past"):
            return anchor - timedelta(days=back or 7)
        if rel in ("next", "coming"):
            return anchor + timedelta(days=ahead or 7)
        if rel == "this":
            return anchor + timedelta(days=weekday - today)
        tense = ctx.tense
        if ctx.before == "since":
            tense = PAST
        if tense == PAST:
            return anchor - timedelta(days=back)
        if tense == FUTURE:
            return anchor + timedelta(days=ahead)
        return anchor - timedelta(days=back) if back <= ahead else anchor + timedelta(days=ahead)

    def _weekday(self, m: re.Match[str], ctx: Context) -> Norm | None:
        weekday = self.lex.weekdays[_clean(m["weekday"])]
        pod = self.lex.parts_of_day.get(_clean(m["pod"])) if m["pod"] else None
        suffix = f"T{pod}" if pod else ""
        if m["plural"]:
            return Norm("SET", f"XXXX-WXX-{weekday}{suffix}")
        mod = self._pmod(m)
        found = self._weekday_date(ctx, weekday, _clean(m["rel"]))
        value = _day(found) if found else f"XXXX-WXX-{weekday}"
        return Norm("TIME" if pod else "DATE", value + suffix, mod)

    def _day_word(self, m: re.Match[str], ctx: Context) -> Norm | None:
        word = _clean(m["dw"])
        shift = self.lex.day_words[word] + {"before": -1, "after": 1, None: 0}[m["dir"]]
        pod = "NI" if word == "tonight" else None
        if m["pod"]:
            pod = self.lex.parts_of_day.get(_clean(m["pod"]))
        mod = self._pmod(m)
        value = "XXXX-XX-XX" if ctx.anchor is None else _day(ctx.anchor + timedelta(days=shift))
        if pod:
            return Norm("TIME", f"{value}T{pod}", mod)
        return Norm("DATE", value, mod)

    def _part_of_day(self, m: re.Match[str], ctx: Context) -> Norm | None:
        pod = self.lex.parts_of_day[_clean(m["pod"])]
        rel = _clean(m["rel"]) if "rel" in m.re.groupindex else ""
        shift = DAY_SHIFTS.get(rel, 0)
        if rel == "last" and pod != "NI":
            return None
        mod = self._pmod(m) if "pmod" in m.re.groupindex else None
        day = (
            ctx.anchor if rel in ("this", "last", "yesterday", "tomorrow") else ctx.reference_day()
        )
        value = _day(day + timedelta(days=shift)) if day else "XXXX-XX-XX"
        return Norm("TIME", f"{value}T{pod}", mod)

    def _clock(self, m: re.Match[str], ctx: Context) -> Norm | None:
        if m["cw"]:
            clock = self.lex.clock_words[_clean(m["cw"])]
        elif m["h24"]:
            hour, minute = int(m["h24"]), int(m["mi24"])
            if hour > 24 or minute > 59:
                return None
            clock = f"{hour:02d}:{minute:02d}"
        else:
            hour, minute = int(m["h"]), int(m["mi"] or 0)
            if not 1 <= hour <= 12 or minute > 59:
                return None
            pm = m["ampm"].lower().startswith("p")
            hour = hour % 12 + (12 if pm else 0)
            clock = f"{hour:02d}:{minute:02d}"
        mod = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX"}.get(
            _clean(m["qmod"])
        )
        day: date | None
        if m["dayref"]:
            ref = _clean(m["dayref"])
            if ref in self.lex.day_words:
                day = ctx.anchor + timedelta(days=self.lex.day_words[ref]) if ctx.anchor else None
            elif ref in self.lex.weekdays:
                day = self._weekday_date(ctx, self.lex.weekdays[ref], "")
            else:
                parts = ref.split()
                month = self.lex.months.get(parts[0].rstrip("."))
                day = (
                    self._resolve_in_year(ctx, month, int(parts[1]))
                    if month and ctx.anchor
                    else None
                )
        else:
            day = ctx.reference_day()
        value = _day(day) if day else "XXXX-XX-XX"
        return Norm("TIME", f"{value}T{clock}", mod)

    # ---- handlers: relative calendar periods

    def _period(self, ctx: Context, unit: str, shift: int, base: date | None = None) -> str:
        """The value of the calendar `unit` containing `base` (default: the anchor) + shift."""
        day = base or ctx.anchor
        if day is None:
            return {
                "day": "XXXX-XX-XX",
                "week": "XXXX-WXX",
                "weekend": "XXXX-WXX-WE",
                "month": "XXXX-XX",
                "quarter": "XXXX-QX",
                "year": "XXXX",
                "decade": "XXX",
                "century": "XX",
            }.get(unit, "XXXX")
        if unit == "day":
            return _day(day + timedelta(days=shift))
        if unit in ("week", "weekend"):
            value = _week(day + timedelta(weeks=shift))
            return value + "-WE" if unit == "weekend" else value
        if unit == "month":
            return _month(*_shift_month(day.year, day.month, shift))
        if unit == "quarter":
            index = day.year * 4 + _quarter_of(day) - 1 + shift
            return f"{index // 4:04d}-Q{index % 4 + 1}"
        if unit == "decade":
            return f"{day.year // 10 + shift:03d}"
        if unit == "century":
            return f"{day.year // 100 + shift:02d}"
        return f"{day.year + shift:04d}"

    def _season_value(self, ctx: Context, code: str, shift: int | None) -> str:
        """`shift` -1/0/1 for last/this/next; None chooses by tense (past: the latest one)."""
        if ctx.anchor is None:
            return f"XXXX-{code}"
        year, current = _season_of(ctx.anchor)
        order = SEASON_ORDER.index
        if shift is None:
            if ctx.tense == FUTURE:
                shift = 1 if order(code) < order(current) else 0
            elif ctx.tense == PAST or order(code) <= order(current):
                shift = -1 if order(code) > order(current) else 0
            else:
                shift = 0
        if shift == -1:
            year -= 1 if order(code) >= order(current) else 0
        elif shift == 1:
            year += 1 if order(code) <= order(current) else 0
        return f"{year:04d}-{code}"

    def _relative(self, m: re.Match[str], ctx: Context) -> Norm | None:
        rel = _clean(m["rel"])
        unit = _clean(m["unit"])
        shift = self.lex.relative[rel]
        mod = self._pmod(m)
        if m["the"] and rel in ("past", "last", "next", "first"):
            code = self.lex.units.get(unit)
            if unit == "weekend":
                return Norm("DURATION", "P2D", mod)
            if code is None:
                return None
            return Norm("DURATION", f"P{code.factor}{code.code}", mod)
        if rel == "past" and unit not in ("week", "weekend"):
            code = self.lex.units.get(unit)
            return Norm("DURATION", f"P{code.factor}{code.code}", mod) if code else None
        if unit in self.lex.seasons:
            return Norm("DATE", self._season_value(ctx, self.lex.seasons[unit], shift), mod)
        if rel in ("following", "previous"):
            base = ctx.reference_day()
            return Norm("DATE", self._period(ctx, unit, shift, base), mod)
        if m["ord"]:  # this year's third quarter
            number = self.lex.ordinals.get(_clean(m["ord"]))
            if unit != "year" or number is None or number < 1:
                return None
            year = self._period(ctx, "year", shift)
            kind = "Q" if _clean(m["qunit"]) == "quarter" else "H"
            return Norm("DATE", f"{year}-{kind}{number}", mod)
        return Norm("DATE", self._period(ctx, unit, shift), mod)

    def _relative_duration(self, m: re.Match[str], ctx: Context) -> Norm | None:
        rel = _clean(m["rel"])
        unit = self.lex.units[_clean(m["unit"])]
        if not m["det"] and rel not in ("past", "first"):
            return None  # "last week" and "next day" are handled by other rules
        value = f"PT{unit.factor}{unit.code}" if unit.time else f"P{unit.factor}{unit.code}"
        return Norm("DURATION", value)

    def _the_unit(self, m: re.Match[str], ctx: Context) -> Norm | None:
        """Anaphoric periods: "the quarter", "the year-ago period", "that day", "the weekend"."""
        groups = m.groupdict()
        unit = _clean(groups.get("unit")) or "period"
        adj = _clean(groups.get("adj"))
        det = _clean(groups.get("det"))
        direction = _clean(groups.get("dir"))
        mod = self._pmod(m) if "pmod" in m.re.groupindex else None
        shift = {"before": -1, "earlier": -1, "after": 1, "later": 1}.get(direction, 0)
        shift += {"previous": -1, "prior": -1, "preceding": -1, "following": 1}.get(adj, 0)
        if adj in ("year ago", "year earlier"):  # a comparison: the same period a year before
            quarter = self._recent_quarter(ctx)
            if quarter and unit in ("quarter", "period"):
                return Norm("DATE", _shift_value(quarter, -4), mod, anchoring=False)
            if unit == "period":
                return None
            if unit == "quarter":
                return Norm("DATE", self._period(ctx, "quarter", -5), mod, anchoring=False)
            return Norm("DATE", self._period(ctx, "year", -1), mod, anchoring=False)
        if unit == "period":
            if adj in ("latest", "most recent"):
                return Norm("DATE", self._latest_quarter(ctx), mod)
            if adj in ("same", "comparable") and self._recent_quarter(ctx):
                return Norm("DATE", str(self._recent_quarter(ctx)), mod)
            return None
        if unit == "day":
            if det == "the" and not adj and not direction:
                return None  # "the day" alone is too vague
            return Norm("DATE", self._period(ctx, "day", shift, ctx.reference_day()), mod)
        if unit == "weekend":
            if det == "this":
                return Norm("DATE", self._period(ctx, "weekend", 0), mod)
            return Norm("DATE", self._weekend(ctx), mod)
        if groups.get("endmonth") and unit in ("quarter", "year", "month", "week"):
            # "the quarter ended Sept. 30": the period that ends on that day
            month = self.lex.months[_clean(groups["endmonth"]).rstrip(".")]
            if ctx.anchor is None:
                return Norm("DATE", self._period(ctx, unit, 0), mod)
            saved, ctx.tense = ctx.tense, PAST
            end_day = self._resolve_in_year(ctx, month, int(groups["endday"]))
            ctx.tense = saved
            if end_day is not None:
                return Norm("DATE", self._period(ctx, unit, 0, end_day), mod)
        if unit == "quarter":
            if det == "this" or adj in ("current", "fiscal"):
                return Norm("DATE", self._period(ctx, "quarter", 0), mod)
            if adj in ("latest", "most recent"):
                return Norm("DATE", self._latest_quarter(ctx), mod)
            quarter = self._recent_quarter(ctx, any_distance=True)
            if quarter:
                return Norm("DATE", _shift_value(quarter, shift), mod)
            return Norm("DATE", self._period(ctx, "quarter", shift - 1), mod)
        # week, month, year
        if det == "this" and not adj:
            return Norm("DATE", self._period(ctx, unit, shift), mod)
        if adj in ("full", "fiscal", "current", "latest"):
            return Norm("DATE", self._period(ctx, unit, 0), mod)
        return Norm("DATE", self._period(ctx, unit, shift, ctx.reference_date()), mod)

    def _latest_quarter(self, ctx: Context) -> str:
        """The latest quarter mentioned, or else the last complete quarter before the anchor."""
        last_complete = self._period(ctx, "quarter", -1)
        quarter = self._recent_quarter(ctx, any_distance=True)
        return (
            max(quarter, last_complete)
            if quarter and "X" not in last_complete
            else (quarter or last_complete)
        )

    def _weekend(self, ctx: Context) -> str:
        if ctx.anchor is None:
            return "XXXX-WXX-WE"
        today = ctx.anchor.isoweekday()
        if today >= 6:
            return self._period(ctx, "weekend", 0)
        if ctx.tense == PAST:
            return self._period(ctx, "weekend", -1)
        if ctx.tense == FUTURE:
            return self._period(ctx, "weekend", 0)
        return self._period(ctx, "weekend", -1 if today <= 3 else 0)

    def _recent_quarter(self, ctx: Context, any_distance: bool = False) -> str | None:
        if ctx.quarter and (any_distance or ctx.sentence - ctx.quarter_sentence <= 3):
            return ctx.quarter
        return None

    def _quarter(self, m: re.Match[str], ctx: Context) -> Norm | None:
        number = self.lex.ordinals.get(_clean(m["ord"]))
        kind = "Q" if _clean(m["unit"]) == "quarter" else "H"
        mod = self._pmod(m)
        if number is None or number == 0 or (kind == "H" and number > 2) or number > 4:
            return None
        if m["plural"]:
            if number < 0:
                return None
            return Norm("SET", f"XXXX-{kind}{number}", mod)
        det = _clean(m["det"])
        norm = self._quarter_norm(m, ctx, number, kind, mod, det)
        joined = m.string[m.end("ord") : m.start("unit")].strip() == "-"
        if norm is not None and (det in POSSESSIVES or (det and joined)):
            # "its third quarter", "the third-quarter profit": the determiner is the noun's
            return replace(norm, start="core")
        return norm

    def _quarter_norm(
        self, m: re.Match[str], ctx: Context, number: int, kind: str, mod: str | None, det: str
    ) -> Norm | None:
        year: int | None = None
        if m["year"]:
            year = self._year_of(m["year"], ctx)
        elif m["dyear"] or m["fyear"]:
            year = int(m["dyear"] or m["fyear"])
        elif det.endswith("year's") or det.endswith("year s"):
            year = self._year_of(det.replace("'s", "").replace(" s", ""), ctx)
        if number < 0:  # the last quarter: the latest complete one (or of the given year)
            if year is not None:
                return Norm("DATE", f"{year:04d}-{kind}{4 if kind == 'Q' else 2}", mod)
            if kind == "Q":
                return Norm("DATE", self._period(ctx, "quarter", -1), mod)
            return None
        if year is None:
            if ctx.anchor is None:
                return Norm("DATE", f"XXXX-{kind}{number}", mod)
            current = _quarter_of(ctx.anchor) if kind == "Q" else (ctx.anchor.month > 6) + 1
            year = ctx.anchor.year - (number > current and ctx.tense != FUTURE)
        return Norm("DATE", f"{year:04d}-{kind}{number}", mod)

    def _q_code(self, m: re.Match[str], ctx: Context) -> Norm | None:
        if m["year"]:
            return Norm("DATE", f"{m['year']}-Q{m['q']}")
        if ctx.anchor is None:
            return Norm("DATE", f"XXXX-Q{m['q']}")
        number = int(m["q"])
        year = ctx.anchor.year - (number > _quarter_of(ctx.anchor))
        return Norm("DATE", f"{year:04d}-Q{number}")

    def _season(self, m: re.Match[str], ctx: Context) -> Norm | None:
        code = self.lex.seasons[_clean(m["season"])]
        mod = self._pmod(m, "pmod2", "pmod") if "pmod2" in m.re.groupindex else self._pmod(m)
        if "year" in m.re.groupindex and m["year"]:
            return Norm("DATE", f"{m['year']}-{code}", mod)
        return Norm("DATE", self._season_value(ctx, code, None), mod)

    # ---- handlers: durations and sets

    def _duration_value(self, number: float | None, unit: Unit) -> str:
        """`P2D`, `PT3H`, `P1Y6M`, `PT5H30M`; `PXM` for a vague number ("several months")."""
        prefix = "PT" if unit.time else "P"
        if number is None:
            return f"{prefix}X{unit.vague or unit.code}"
        amount = number * unit.factor
        whole = int(amount)
        if amount == whole:
            return f"{prefix}{whole}{unit.code}"
        if unit.code == "W":  # ISO 8601 does not mix weeks with other units
            return f"P{amount * 7:g}D"
        if unit.code in SMALLER_UNIT and (unit.time or unit.code != "M"):
            factor, code, time = SMALLER_UNIT[unit.code]
            rest = round((amount - whole) * factor)
            part = f"{rest}{code}"
            if whole == 0:
                return ("PT" if time else "P") + part
            return f"{prefix}{whole}{unit.code}" + ("T" if time and not unit.time else "") + part
        return f"{prefix}{amount:g}{unit.code}"

    def _offset(self, ctx: Context, number: float, unit: Unit, sign: int, base: date | None) -> str:
        """The calendar value `number` units before (-1) or after (+1) `base`."""
        if base is None:
            return {"W": "XXXX-WXX", "M": "XXXX-XX", "Q": "XXXX-QX", "Y": "XXXX"}.get(
                unit.code if not unit.time else "D", "XXXX-XX-XX"
            )
        amount = int(number * unit.factor) * sign
        if unit.time:
            return _day(base + timedelta(hours=amount) if unit.code == "H" else base)
        if unit.code == "D":
            return _day(base + timedelta(days=amount))
        if unit.code == "W":
            return _week(base + timedelta(weeks=amount))
        if unit.code == "M":
            return _month(*_shift_month(base.year, base.month, amount))
        if unit.code == "Q":
            return self._period(ctx, "quarter", amount, base)
        return f"{base.year + amount:04d}"

    def _duration(self, m: re.Match[str], ctx: Context) -> Norm | None:
        """Counted units: "two days", "a four-day visit", "the past three months", "a year ago"."""
        det = _clean(m["det"])
        if _clean(m["num"]) in ("a", "an") and det:
            return None
        joined = m.string[m.end("num") : m.start("unit")].strip() == "-"
        if joined and _clean(m["unit"]) == "quarters":
            return None  # "three-quarters": a fraction
        norm = self._duration_norm(m, ctx)
        if norm is None:
            return None
        number = _clean(m["num"])
        if m["qmod"] and _clean(m["qmod"]) in ("over", "under") and number not in ("a", "an"):
            # "over the past two years", "over several years": a preposition, not a modifier
            norm = replace(norm, start="det" if det else "core", mod=None)
        if det in POSSESSIVES or (det and joined) or (det in ("a", "an") and not _vague_a(number)):
            # "its two-year term", "the 14-day truce", "a five year low": the noun's determiner
            return replace(norm, start="core")
        return norm

    def _duration_norm(self, m: re.Match[str], ctx: Context) -> Norm | None:
        unit = self.lex.units[_clean(m["unit"])]
        number = self._number(m["num"])
        if number is not None and m["half"]:
            number += 0.5  # "a minute and a half"
        det, rel, direction = _clean(m["det"]), _clean(m["rel"]), _clean(m["dir"])
        mod = self.lex.quantity_modifiers.get(_clean(m["qmod"])) if m["qmod"] else None
        if direction in ("ago", "earlier", "later", "from now", "hence"):
            forward = direction in ("later", "from now", "hence")
            if number is None:
                if unit.time and direction in ("later", "earlier"):  # "minutes later"
                    return Norm("DATE", self._period(ctx, "day", 0, ctx.reference_day()), mod)
                return Norm("DATE", "FUTURE_REF" if forward else "PAST_REF", mod)
            if unit.code == "Y" and unit.factor == 1 and number == 1 and not forward:
                quarter = self._recent_quarter(ctx)
                if quarter:  # "profit rose in the quarter from a year ago"
                    return Norm("DATE", _shift_value(quarter, -4), mod, anchoring=False)
            if direction in ("ago", "from now", "hence"):
                base = ctx.anchor
            else:  # "two days later", "four years earlier": from the last mentioned time
                base = ctx.reference_day() if unit.code in ("D", "W") else ctx.reference_date()
            return Norm("DATE", self._offset(ctx, number, unit, 1 if forward else -1, base), mod)
        if direction == "or so":
            mod = "APPROX"
        if (
            ctx.before in ("in", "within")
            and ctx.tense == FUTURE
            and number is not None
            and not (det or rel or mod)
        ):
            # "will vote in two weeks": a date, the extent leaving out "in"
            return Norm("DATE", self._offset(ctx, number, unit, 1, ctx.anchor))
        return Norm("DURATION", self._duration_value(number, unit), mod)

    def _bare_units(self, m: re.Match[str], ctx: Context) -> Norm | None:
        unit = self.lex.units[_clean(m["unit"])]
        rel = _clean(m["rel"])
        direction = _clean(m["dir"])
        mod = self.lex.quantity_modifiers.get(_clean(m["qmod"])) if m["qmod"] else None
        if unit.time and not rel and not direction:
            return None  # "hours", "minutes": rarely a time expression
        if direction == "ago" or direction == "earlier":
            return Norm("DATE", "PAST_REF", mod)
        if direction == "later":
            return Norm("DATE", "FUTURE_REF", mod)
        start = "unit" if m["det"] and not (rel or m["qmod"]) else None  # "(the) weeks before"
        return Norm("DURATION", self._duration_value(None, unit), mod, start=start)

    def _ref(self, m: re.Match[str], ctx: Context) -> Norm | None:
        words = _clean(m.group(0))
        if words in self.lex.present_ref:
            return Norm("DATE", "PRESENT_REF")
        if words in self.lex.past_ref:
            return Norm("DATE", "PAST_REF")
        return Norm("DATE", "FUTURE_REF")

    def _set(self, m: re.Match[str], ctx: Context) -> Norm | None:
        what = _clean(m["what"]).rstrip(".")
        groups = m.groupdict()
        count = _clean(groups.get("num"))
        pod = self.lex.parts_of_day.get(_clean(groups.get("pod"))) if groups.get("pod") else None
        if what in self.lex.weekdays:
            return Norm("SET", f"XXXX-WXX-{self.lex.weekdays[what]}" + (f"T{pod}" if pod else ""))
        if what in self.lex.months:
            return Norm("SET", f"XXXX-{self.lex.months[what]:02d}")
        if what in self.lex.seasons:
            return Norm("SET", f"XXXX-{self.lex.seasons[what]}")
        unit = self.lex.units[what]
        number: float | None = 1.0
        if count == "other":
            number = 2.0
        elif count:
            number = self._number(count)
        return Norm("SET", self._duration_value(number, unit))

    def _set_word(self, m: re.Match[str], ctx: Context) -> Norm | None:
        return Norm("SET", self.lex.sets[_clean(m.group(0))])


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The grammar built from the packaged word lists, once per process."""
    return Grammar(load_lexicon())
