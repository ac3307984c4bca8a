"""Handlers of explicit dates, years, decades, holidays, weekdays, days and times of day."""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsevents.time.context import Context, Norm
from newsevents.time.dates import (
    DAY_WINDOW,
    MONTH_WINDOW,
    choose,
    day_value,
    month_value,
    nth_weekday,
)
from newsevents.time.resolve import DAY_SHIFTS, Resolver, clean


class DayHandlers(Resolver):
    """Turn matches of calendar dates and days into TIMEX3 values."""

    def _iso(self, m: re.Match[str], ctx: Context) -> Norm | None:
        try:
            day = date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            return None
        if m["h"]:
            return Norm("TIME", f"{day_value(day)}T{m['h']}:{m['mi']}")
        return Norm("DATE", day_value(day))

    def _month_day(self, m: re.Match[str], ctx: Context) -> Norm | None:
        month = self.lex.months[clean(m["month"]).rstrip(".")]
        day = int(m["day"])
        if not 1 <= day <= 31:
            return None
        mod = self._pmod(m) if "pmod" in m.re.groupindex else None
        if m["year"]:
            try:
                return Norm("DATE", day_value(date(int(m["year"]), month, day)), mod)
            except ValueError:
                return None
        if ctx.anchor is None:
            return Norm("DATE", f"XXXX-{month:02d}-{day:02d}", mod)
        rel = clean(m.groupdict().get("rel"))
        found = self._resolve_in_year(ctx, month, day, rel)
        return Norm("DATE", day_value(found), mod) if found else None

    def _month(self, m: re.Match[str], ctx: Context) -> Norm | None:
        word = clean(m["month"]).rstrip(".")
        month = self.lex.months[word]
        mod = self._pmod(m)
        year = self._year_of(m["year"], ctx)
        if year is not None:
            return Norm("DATE", month_value(year, month), mod)
        rel = clean(m["rel"])
        if ctx.anchor is None:
            return Norm("DATE", f"XXXX-{month:02d}", mod)
        if rel == "this":
            return Norm("DATE", month_value(ctx.anchor.year, month), mod)
        anchor = ctx.anchor.replace(day=1)
        options = [date(y, month, 1) for y in range(anchor.year - 1, anchor.year + 2)]
        found = choose(options, anchor, self._tense_of(ctx), rel, MONTH_WINDOW)
        return Norm("DATE", month_value(found.year, found.month), mod)

    def _year(self, m: re.Match[str], ctx: Context) -> Norm | None:
        year = self._year_of(m["year"], ctx)
        if year is None:
            return None
        mod = self._pmod(m) if "pmod" in m.re.groupindex else None
        return Norm("DATE", f"{year:04d}", mod)

    def _spoken_year(self, m: re.Match[str], ctx: Context) -> Norm | None:
        """Spoken years: "nineteen ninety-six", "nineteen oh five", "two thousand and one"."""
        year = self._spoken_year_number(m["spoken"])
        if year is None or (not m["pre"] and 0 < year % 100 < 10 and "oh" not in m["spoken"]):
            return None  # "nineteen five" is more likely two numbers than a year
        return Norm("DATE", f"{year:04d}")

    def _year_end(self, m: re.Match[str], ctx: Context) -> Norm | None:
        """The end of the current (or referred-to) year: "year-end", "year's end"."""
        base = ctx.reference_date()
        if base is None:
            return Norm("DATE", "XXXX", "END")
        return Norm("DATE", f"{base.year:04d}", "END")

    def _decade(self, m: re.Match[str], ctx: Context) -> Norm | None:
        """Decades: "the 1990s" -> 199, "the '90s" -> 199; "the 1800s" -> 18 (a century)."""
        if "decword" in m.re.groupindex:  # "the nineties"
            digits = str(self.decade_words()[clean(m["decword"])])
        else:
            digits = m["dec"].lstrip("’'")
        mod = self._pmod(m, "pmod", "pmod2")
        if len(digits) == 2:  # the 90s, the '90s; "in his 60s" is an age
            if not m["the"] and not m.group(0).lstrip().startswith(("'", "’")):
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
        number = self.lex.ordinals.get(clean(m["ord"]))
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
            return nth_weekday(year, spec["month"], spec["weekday"], spec["nth"])

        if m["year"]:
            return Norm("DATE", day_value(on(int(m["year"]))))
        if ctx.anchor is None:
            fixed = f"XXXX-{spec['month']:02d}-{spec['day']:02d}" if "day" in spec else "XXXX-XX-XX"
            return Norm("DATE", fixed)
        options = [on(y) for y in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1)]
        chosen = choose(options, ctx.anchor, self._tense_of(ctx), clean(m["rel"]), DAY_WINDOW)
        return Norm("DATE", day_value(chosen))

    def _weekday(self, m: re.Match[str], ctx: Context) -> Norm | None:
        weekday = self.lex.weekdays[clean(m["weekday"])]
        pod = self.lex.parts_of_day.get(clean(m["pod"])) if m["pod"] else None
        suffix = f"T{pod}" if pod else ""
        if m["plural"]:
            return Norm("SET", f"XXXX-WXX-{weekday}{suffix}")
        mod = self._pmod(m)
        found = self._weekday_date(ctx, weekday, clean(m["rel"]))
        value = day_value(found) if found else f"XXXX-WXX-{weekday}"
        return Norm("TIME" if pod else "DATE", value + suffix, mod)

    def _day_word(self, m: re.Match[str], ctx: Context) -> Norm | None:
        word = clean(m["dw"])
        shift = self.lex.day_words[word] + {"before": -1, "after": 1, None: 0}[m["dir"]]
        pod = "NI" if word == "tonight" else None
        if m["pod"] or m["pod0"]:  # "yesterday afternoon", "mid-afternoon yesterday"
            pod = self.lex.parts_of_day.get(clean(m["pod"] or m["pod0"]))
        mod = self._pmod(m)
        value = (
            "XXXX-XX-XX" if ctx.anchor is None else day_value(ctx.anchor + timedelta(days=shift))
        )
        if pod:
            return Norm("TIME", f"{value}T{pod}", mod)
        return Norm("DATE", value, mod)

    def _part_of_day(self, m: re.Match[str], ctx: Context) -> Norm | None:
        pod = self.lex.parts_of_day[clean(m["pod"])]
        rel = clean(m["rel"]) if "rel" in m.re.groupindex else ""
        shift = DAY_SHIFTS.get(rel, 0)
        if rel == "last" and pod != "NI":
            return None
        mod = self._pmod(m) if "pmod" in m.re.groupindex else None
        day = (
            ctx.anchor if rel in ("this", "last", "yesterday", "tomorrow") else ctx.reference_day()
        )
        value = day_value(day + timedelta(days=shift)) if day else "XXXX-XX-XX"
        return Norm("TIME", f"{value}T{pod}", mod)

    def _clock(self, m: re.Match[str], ctx: Context) -> Norm | None:
        if m["cw"]:
            clock = self.lex.clock_words[clean(m["cw"])]
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
            clean(m["qmod"])
        )
        day: date | None
        if m["dayref"]:
            ref = clean(m["dayref"])
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
        value = day_value(day) if day else "XXXX-XX-XX"
        return Norm("TIME", f"{value}T{clock}", mod)
