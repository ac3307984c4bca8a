"""Handlers of relative and anaphoric periods, quarters, seasons, durations and sets."""

from __future__ import annotations

import re
from dataclasses import replace

from newsevents.time.context import Context, Norm
from newsevents.time.dates import FUTURE, PAST, quarter_of, shift_quarter
from newsevents.time.resolve import POSSESSIVES, Resolver, clean, vague_a


class PeriodHandlers(Resolver):
    """Turn matches of periods, durations and sets into TIMEX3 values."""

    def _relative(self, m: re.Match[str], ctx: Context) -> Norm | None:
        rel = clean(m["rel"])
        unit = clean(m["unit"])
        shift = self.lex.relative[rel]
        mod = self._pmod(m)
        if m["the"] and unit == "weekend":
            return Norm("DURATION", "P2D", mod)
        if m["the"] and rel in ("past", "last", "next") and unit not in self.lex.seasons:
            # "over the past year", "in the next decade": TimeML dates them as the period
            # before (after) the current one, like "last year"
            return Norm("DATE", self._period(ctx, unit, -1 if rel != "next" else 1), mod)
        if m["the"] and rel == "first":
            code = self.lex.units.get(unit)
            return Norm("DURATION", f"P{code.factor}{code.code}", mod) if code else None
        if rel == "past" and unit not in ("week", "weekend"):
            code = self.lex.units.get(unit)
            return Norm("DURATION", f"P{code.factor}{code.code}", mod) if code else None
        if unit in self.lex.seasons:
            return Norm("DATE", self._season_value(ctx, self.lex.seasons[unit], shift), mod)
        if rel in ("following", "previous"):
            # from the time last mentioned: "in March ... the following month" is April
            base = ctx.reference_day() if unit == "day" else ctx.reference_date()
            return Norm("DATE", self._period(ctx, unit, shift, base), mod)
        if m["ord"]:  # this year's third quarter
            number = self.lex.ordinals.get(clean(m["ord"]))
            if unit != "year" or number is None or number < 1:
                return None
            year = self._period(ctx, "year", shift)
            kind = "Q" if clean(m["qunit"]) == "quarter" else "H"
            return Norm("DATE", f"{year}-{kind}{number}", mod)
        return Norm("DATE", self._period(ctx, unit, shift), mod)

    def _relative_duration(self, m: re.Match[str], ctx: Context) -> Norm | None:
        rel = clean(m["rel"])
        unit = self.lex.units[clean(m["unit"])]
        if not m["det"] and rel not in ("past", "first"):
            return None  # "last week" and "next day" are handled by other rules
        value = f"PT{unit.factor}{unit.code}" if unit.time else f"P{unit.factor}{unit.code}"
        return Norm("DURATION", value)

    def _the_unit(self, m: re.Match[str], ctx: Context) -> Norm | None:
        """Anaphoric periods: "the quarter", "the year-ago period", "that day", "the weekend"."""
        groups = m.groupdict()
        unit = clean(groups.get("unit")) or "period"
        adj = clean(groups.get("adj"))
        adj2 = clean(groups.get("adj2"))
        if adj2 and (adj2 != "fiscal" or not adj):
            adj = adj2  # "the comparable year-ago quarter" compares; "the current fiscal year"
        det = clean(groups.get("det"))
        direction = clean(groups.get("dir"))
        mod = self._pmod(m) if "pmod" in m.re.groupindex else None
        shift = {"before": -1, "earlier": -1, "after": 1, "later": 1}.get(direction, 0)
        shift += {"previous": -1, "prior": -1, "preceding": -1, "following": 1}.get(adj, 0)
        if adj in ("year ago", "year earlier"):  # a comparison: the same period a year before
            quarter = self._recent_quarter(ctx, any_distance=unit in ("quarter", "period"))
            if quarter and unit in ("quarter", "period"):
                return Norm("DATE", shift_quarter(quarter, -4), mod, anchoring=False)
            if unit == "period":
                return None
            if unit == "quarter":
                return Norm("DATE", self._period(ctx, "quarter", -5), mod, anchoring=False)
            return Norm("DATE", self._period(ctx, "year", -1), mod, anchoring=False)
        if groups.get("uyear"):  # "the 1988 quarter": the quarter in question, in that year
            quarter = self._recent_quarter(ctx)
            if quarter and unit in ("quarter", "period"):
                return Norm("DATE", f"{groups['uyear']}{quarter[4:]}", mod, anchoring=False)
            return Norm("DATE", groups["uyear"], mod) if unit in ("year", "period") else None
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
        if groups.get("ending") and unit == "year" and not self._ends_in_december(groups):
            # "the year ended March 31": a fiscal year, twelve months that no calendar year
            # names
            return Norm("DURATION", "P1Y", mod)
        if groups.get("endmonth") and unit in ("quarter", "year", "month", "week"):
            # "the quarter ended Sept. 30": the period that ends on that day
            month = self.lex.months[clean(groups["endmonth"]).rstrip(".")]
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
                return Norm("DATE", shift_quarter(quarter, shift), mod)
            return Norm("DATE", self._period(ctx, "quarter", shift - 1), mod)
        # week, month, year
        if det == "this" and not adj:
            return Norm("DATE", self._period(ctx, unit, shift), mod)
        if adj in ("full", "fiscal", "current"):
            return Norm("DATE", self._period(ctx, unit, 0), mod)
        if adj in ("latest", "most recent"):  # the last complete one
            return Norm("DATE", self._period(ctx, unit, -1), mod)
        return Norm("DATE", self._period(ctx, unit, shift, ctx.reference_date()), mod)

    def _ends_in_december(self, groups: dict[str, str | None]) -> bool:
        month = clean(groups.get("endmonth")).rstrip(".")
        return self.lex.months.get(month) == 12 and groups.get("endday") == "31"

    def _quarter(self, m: re.Match[str], ctx: Context) -> Norm | None:
        number = self.lex.ordinals.get(clean(m["ord"]))
        kind = "Q" if clean(m["unit"]) == "quarter" else "H"
        mod = self._pmod(m)
        if number is None or number == 0 or (kind == "H" and number > 2) or number > 4:
            return None
        if m["plural"]:
            if number < 0:
                return None
            return Norm("SET", f"XXXX-{kind}{number}", mod)
        det = clean(m["det"])
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
        elif m["dyear"] or m["fyear"] or m["tyear"]:
            year = int(m["dyear"] or m["fyear"] or m["tyear"])
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
            current = quarter_of(ctx.anchor) if kind == "Q" else (ctx.anchor.month > 6) + 1
            year = ctx.anchor.year - (number > current and ctx.tense != FUTURE)
            if m["yago"]:  # "the year-ago third quarter": a comparison, not a reference
                return Norm("DATE", f"{year - 1:04d}-{kind}{number}", mod, anchoring=False)
        return Norm("DATE", f"{year:04d}-{kind}{number}", mod)

    def _q_code(self, m: re.Match[str], ctx: Context) -> Norm | None:
        if m["year"]:
            return Norm("DATE", f"{m['year']}-Q{m['q']}")
        if ctx.anchor is None:
            return Norm("DATE", f"XXXX-Q{m['q']}")
        number = int(m["q"])
        year = ctx.anchor.year - (number > quarter_of(ctx.anchor))
        return Norm("DATE", f"{year:04d}-Q{number}")

    def _season(self, m: re.Match[str], ctx: Context) -> Norm | None:
        code = self.lex.seasons[clean(m["season"])]
        names = ("pmod3", "pmod2", "pmod") if "pmod2" in m.re.groupindex else ("pmod",)
        mod = self._pmod(m, *names)
        if "year" in m.re.groupindex and m["year"]:
            year = self._year_of(m["year"], ctx)
            return Norm("DATE", f"{year:04d}-{code}", mod) if year is not None else None
        return Norm("DATE", self._season_value(ctx, code, None), mod)

    def _duration(self, m: re.Match[str], ctx: Context) -> Norm | None:
        """Counted units: "two days", "a four-day visit", "the past three months", "a year ago"."""
        det = clean(m["det"])
        if clean(m["num"]) in ("a", "an") and det:
            return None
        joined = m.string[m.end("num") : m.start("unit")].strip() == "-"
        if joined and clean(m["unit"]) == "quarters":
            return None  # "three-quarters": a fraction
        norm = self._duration_norm(m, ctx)
        if norm is None:
            return None
        number = clean(m["num"])
        if m["qmod"] and clean(m["qmod"]) in ("over", "under") and number not in ("a", "an"):
            # "over the past two years", "over several years": a preposition, not a modifier
            norm = replace(norm, start="det" if det else "core", mod=None)
        if det in POSSESSIVES or (det and joined) or (det in ("a", "an") and not vague_a(number)):
            # "its two-year term", "the 14-day truce", "a five year low": the noun's determiner
            return replace(norm, start="core")
        return norm

    def _duration_norm(self, m: re.Match[str], ctx: Context) -> Norm | None:
        unit = self.lex.units[clean(m["unit"])]
        number = self._number(m["num"])
        if number is not None and m["half"]:
            number += 0.5  # "a minute and a half"
        det, rel, direction = clean(m["det"]), clean(m["rel"]), clean(m["dir"])
        mod = self.lex.quantity_modifiers.get(clean(m["qmod"])) if m["qmod"] else None
        if direction in ("ago", "earlier", "later", "from now", "hence"):
            forward = direction in ("later", "from now", "hence")
            if number is None:
                if unit.time and direction in ("later", "earlier"):  # "minutes later"
                    return Norm("DATE", self._period(ctx, "day", 0, ctx.reference_day()), mod)
                return Norm("DATE", "FUTURE_REF" if forward else "PAST_REF", mod)
            if unit.code == "Y" and unit.factor == 1 and number == 1 and not forward:
                quarter = self._recent_quarter(ctx)
                if quarter:  # "profit rose in the quarter from a year ago"
                    return Norm("DATE", shift_quarter(quarter, -4), mod, anchoring=False)
            if direction in ("ago", "from now", "hence"):
                base = ctx.anchor
            else:  # "two days later", "four years earlier": from the last mentioned time
                base = ctx.reference_day() if unit.code in ("D", "W") else ctx.reference_date()
            return Norm("DATE", self._offset(ctx, number, unit, 1 if forward else -1, base), mod)
        if direction == "or so":
            mod = "APPROX"
        if (
            ctx.before == "in"
            and ctx.tense == FUTURE
            and number is not None
            and clean(m["num"]) not in ("a", "an")
            and not (det or rel or mod)
        ):
            # "will vote in two weeks": a date, the extent leaving out "in"; but "within two
            # weeks" is a span, and "in a year" mostly a generic length
            return Norm("DATE", self._offset(ctx, number, unit, 1, ctx.anchor))
        return Norm("DURATION", self._duration_value(number, unit), mod)

    def _bare_units(self, m: re.Match[str], ctx: Context) -> Norm | None:
        unit = self.lex.units[clean(m["unit"])]
        rel = clean(m["rel"])
        direction = clean(m["dir"])
        mod = self.lex.quantity_modifiers.get(clean(m["qmod"])) if m["qmod"] else None
        if unit.time and not rel and not direction:
            return None  # "hours", "minutes": rarely a time expression
        if direction == "ago" or direction == "earlier":
            return Norm("DATE", "PAST_REF", mod)
        if direction == "later":
            return Norm("DATE", "FUTURE_REF", mod)
        start = "unit" if m["det"] and not (rel or m["qmod"]) else None  # "(the) weeks before"
        return Norm("DURATION", self._duration_value(None, unit), mod, start=start)

    def _ref(self, m: re.Match[str], ctx: Context) -> Norm | None:
        words = clean(m.group(0))
        if words in self.lex.present_ref:
            return Norm("DATE", "PRESENT_REF")
        if words in self.lex.past_ref:
            return Norm("DATE", "PAST_REF")
        return Norm("DATE", "FUTURE_REF")

    def _set(self, m: re.Match[str], ctx: Context) -> Norm | None:
        what = clean(m["what"]).rstrip(".")
        groups = m.groupdict()
        count = clean(groups.get("num"))
        pod = self.lex.parts_of_day.get(clean(groups.get("pod"))) if groups.get("pod") else None
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
        return Norm("SET", self.lex.sets[clean(m.group(0))])
