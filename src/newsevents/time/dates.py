"""TIMEX3 records and calendar values: the `Timex` record, date arithmetic on ISO values, the
granularity of a value and the date of an event from its expression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

TYPES = ("DATE", "TIME", "DURATION", "SET")
PAST, PRESENT, FUTURE = "past", "present", "future"  # the tense that directs a date


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


def parse_anchor(anchor: str | None) -> date | None:
    """`YYYY-MM-DD` (anything after the day, such as a time, is ignored) as a date, or None."""
    if not anchor:
        return None
    try:
        return date.fromisoformat(anchor[:10])
    except ValueError:
        return None


def day_value(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def week_value(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def season_of(d: date) -> tuple[int, str]:
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


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
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


def choose(options: list[date], anchor: date, tense: str | None, rel: str, window: int) -> date:
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


def shift_quarter(value: str, quarters: int) -> str:
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
    return (day_value(day), "day") if day is not None else (None, None)
