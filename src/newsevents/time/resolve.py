"""Date arithmetic that the rule handlers share: numbers, years, periods relative to the anchor
or to the last mentioned time, and duration values."""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsevents.time.context import Context
from newsevents.time.dates import (
    DAY_WINDOW,
    FUTURE,
    PAST,
    SEASON_ORDER,
    SMALLER_UNIT,
    choose,
    day_value,
    month_value,
    quarter_of,
    season_of,
    shift_month,
    week_value,
)
from newsevents.time.lexicon import Lexicon, Unit

# "last night", "the next morning": days from the anchor or the reference day
DAY_SHIFTS = {
    "last": -1,
    "yesterday": -1,
    "tomorrow": 1,
    "the next": 1,
    "the following": 1,
    "the previous": -1,
}


POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my", "your"})


def vague_a(number: str) -> bool:
    """Whether the number after an article "a" needs it: "a few", "a couple of"."""
    return number.startswith(("few", "couple", "dozen", "number", "handful"))


def clean(text: str | None) -> str:
    return " ".join((text or "").lower().replace("-", " ").split())


class Resolver:
    """The helpers of the handlers; subclasses hold the handlers, `Grammar` the rules."""

    lex: Lexicon

    def _pmod(self, m: re.Match[str], *names: str) -> str | None:
        for name in names or ("pmod",):
            if name in m.re.groupindex and m.group(name):
                return self.lex.position_modifiers.get(clean(m.group(name)))
        return None

    def _number(self, text: str) -> float | None:
        """The number of `text`; None for a vague quantity ("several")."""
        words = clean(text)
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
        words = clean(text)
        if words.isdigit():
            return int(words)
        if re.fullmatch(r"[’']\d\d", words):
            two = int(words[1:])
            if ctx.anchor is None:
                return 1900 + two if two > 30 else 2000 + two
            century = ctx.anchor.year // 100 * 100
            options = [century - 100 + two, century + two]
            return min(options, key=lambda y: abs(y - ctx.anchor.year) if ctx.anchor else 0)
        if words.startswith(("nineteen", "eighteen", "twenty", "two thousand")):
            return self._spoken_year_number(words)
        if ctx.anchor is None:
            return None
        shift = {"this year": 0, "last year": -1, "next year": 1}.get(words)
        return ctx.anchor.year + shift if shift is not None else None

    def decade_words(self) -> dict[str, int]:
        """The decades in words, from the tens of the number list: {"nineties": 90, ...}."""
        tens = {w: int(n) for w, n in self.lex.numbers.items() if n in range(20, 100, 10)}
        return {w[:-1] + "ies": n for w, n in tens.items() if w.endswith("y") and " " not in w}

    def _spoken_year_number(self, text: str) -> int | None:
        """1996 from "nineteen ninety-six", 1905 from "nineteen oh five", 2001 from "two
        thousand and one", 1900 from "nineteen hundred"; None for anything else."""
        words = clean(text).replace(" and ", " ").split()
        if words[:2] == ["two", "thousand"]:
            return 2000 + int(self._number(" ".join(words[2:])) or 0)
        if not words or words[0] not in self.lex.numbers:
            return None
        century = int(self.lex.numbers[words[0]])
        rest = [w for w in words[1:] if w != "oh"]
        if rest == ["hundred"]:
            return century * 100
        number = self._number(" ".join(rest))
        if number is None or not 0 < number < 100 or number != int(number):
            return None
        return century * 100 + int(number)

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
        return choose(options, ctx.anchor, self._tense_of(ctx), rel, DAY_WINDOW)

    @staticmethod
    def _tense_of(ctx: Context) -> str | None:
        return PAST if ctx.before in ("since", "ago") else ctx.tense

    def _weekday_date(self, ctx: Context, weekday: int, rel: str) -> date | None:
        anchor = ctx.anchor
        if rel.startswith("the "):  # "the previous Friday": from the day last mentioned
            anchor = ctx.reference_day()
            rel = "last" if rel == "the previous" else "next"
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
            return day_value(day + timedelta(days=shift))
        if unit in ("week", "weekend"):
            value = week_value(day + timedelta(weeks=shift))
            return value + "-WE" if unit == "weekend" else value
        if unit == "month":
            return month_value(*shift_month(day.year, day.month, shift))
        if unit == "quarter":
            index = day.year * 4 + quarter_of(day) - 1 + shift
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
        year, current = season_of(ctx.anchor)
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

    def _latest_quarter(self, ctx: Context) -> str:
        """The latest quarter mentioned, or else the last complete quarter before the anchor.

        A quarter that has not ended by the anchor ("a fourth-quarter charge" in October) is a
        forecast, not the latest reported one.
        """
        last_complete = self._period(ctx, "quarter", -1)
        quarter = self._recent_quarter(ctx, any_distance=True)
        if quarter is None or "X" in last_complete:
            return quarter or last_complete
        return min(quarter, last_complete)

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
            return day_value(base + timedelta(hours=amount) if unit.code == "H" else base)
        if unit.code == "D":
            return day_value(base + timedelta(days=amount))
        if unit.code == "W":
            return week_value(base + timedelta(weeks=amount))
        if unit.code == "M":
            return month_value(*shift_month(base.year, base.month, amount))
        if unit.code == "Q":
            return self._period(ctx, "quarter", amount, base)
        return f"{base.year + amount:04d}"
