"""Recognise temporal expressions in text and give them TIMEX3 values: the grammar of rules.

The package knows spaCy only in `tagger.py`. Here: the expression rules built from the word
lists (`lexicon.py`, from `data/time/expressions.json`) and the search over a text. The
handlers that turn a match into a value are in `days.py` and `periods.py`, the arithmetic they
share in `resolve.py` and `dates.py`.

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

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import lru_cache

from newsevents.time.context import Context, Norm
from newsevents.time.days import DayHandlers
from newsevents.time.lexicon import Lexicon, load_lexicon
from newsevents.time.periods import PeriodHandlers
from newsevents.time.search import DIGIT, alternation, fold, present, trie_alternation, windows

Handler = Callable[[re.Match[str], Context], Norm | None]


@dataclass(frozen=True)
class Rule:
    """An expression pattern, its handler, and what the tagger must check before using it.

    `confirm` names the group whose token the tagger checks against the parse ("month",
    "year", "weekday", "season", "unit"); `tense` says whether the handler uses the tense.
    The extent is the group `ext` when the pattern has one, else the whole match. `needs`
    holds groups of words (lower case, or `search.DIGIT`): every match contains a word of
    each group, so the rule is not tried where a group has none (`Grammar.find`).
    """

    name: str
    regex: re.Pattern[str]
    handler: Handler
    confirm: str | None = None
    tense: bool = False
    needs: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True, slots=True)
class Found:
    rule: Rule
    match: re.Match[str]
    start: int  # extent
    end: int


@dataclass
class Grammar(DayHandlers, PeriodHandlers):
    """The expression rules built from the word lists, and the search over a text."""

    lex: Lexicon
    rules: list[Rule] = field(default_factory=list)
    trigger: re.Pattern[str] = field(default=re.compile("$^"))
    _needed_words: frozenset[str] = field(default=frozenset(), init=False)

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
            | set(self.decade_words())
        )
        self.trigger = re.compile(r"\d|\b" + trie_alternation(words) + r"\b", re.IGNORECASE)
        needed = set().union(*(group for rule in self.rules for group in rule.needs))
        self._needed_words = frozenset(needed - {DIGIT})

    def find(self, text: str) -> list[Found]:
        """All rule matches, longest first, without overlaps, in text order."""
        candidates: list[tuple[int, int, int, Rule, re.Match[str]]] = []
        folded = fold(text)
        for start, end in windows(text, self.trigger):
            here = present(folded, start, end, self._needed_words)
            for priority, rule in enumerate(self.rules):
                if any(group.isdisjoint(here) for group in rule.needs):
                    continue
                for m in rule.regex.finditer(text, start, end):
                    if m.end() > m.start():
                        candidates.append((m.start(), m.end(), priority, rule, m))
        # the key orders every pair of candidates (one rule matches a span once), so the
        # order in which they were found does not matter
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

    def _build(self) -> None:
        lex = self.lex
        abbreviations = {
            m for m in lex.months if any(o != m and o.startswith(m) for o in lex.months)
        }
        short = alternation(abbreviations)
        month = rf"(?:{alternation(set(lex.months) - abbreviations)}|{short}\.|{short}(?=\s+\d))"
        weekday = alternation(lex.weekdays)
        pmod = alternation(lex.position_modifiers)
        qmod = alternation(lex.quantity_modifiers)
        digits = r"\d+(?:\.\d+)?(?:\s+1/2)?"
        small = alternation(w for w in lex.numbers if " " not in w and lex.numbers[w] < 20)
        tens = alternation(
            w for w in lex.numbers if lex.numbers[w] in (20, 30, 40, 50, 60, 70, 80, 90)
        )
        multi = alternation(w for w in lex.numbers if " " in w)
        number = (
            rf"(?:{digits}|{tens}(?:[\s-]+{small})?|{multi}|{small}|{alternation(lex.vague_numbers)})"
            r"(?:\s+and\s+a\s+half)?"
        )
        unit = alternation(lex.units)
        plural = alternation(lex.plurals)
        calendar_unit = r"(?:week|weekend|month|quarter|year|decade|century)"
        season = alternation(lex.seasons)
        pod = alternation(lex.parts_of_day)
        year = r"(?:1[0-9]|20)\d\d"
        ordinal = alternation(lex.ordinals)
        zone = alternation(lex.time_zones)
        relative = alternation(lex.relative)
        dayref = rf"(?:{weekday}|yesterday|today|tomorrow|{month}\s+\d{{1,2}}(?!\d))"
        # "nineteen ninety-six", "nineteen oh five", "two thousand and one" (transcripts)
        spoken_year = (
            rf"(?:(?:nineteen|eighteen|twenty)[\s-]+(?:hundred|{tens}(?:[\s-]+{small})?|(?:ten|"
            rf"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|oh"
            rf"[\s-]+{small})|two\s+thousand(?:\s+(?:and\s+)?{small})?)"
        )
        end = r"(?![\w'’-]*\w)"  # a word ends here
        end_noapos = r"(?![\w-])"
        flags = re.IGNORECASE

        def add(
            name: str,
            pattern: str,
            handler: Handler,
            confirm: str | None = None,
            tense: bool = False,
            needs: tuple[Collection[str], ...] = (),
        ) -> None:
            regex = re.compile(r"(?<![\w'’-])" + pattern, flags)
            groups = tuple(frozenset(w.lower() for w in group) for group in needs)
            self.rules.append(Rule(name, regex, handler, confirm, tense, groups))

        # what the rules need (see Rule.needs): one word of each group is in every match; of
        # a phrase its last word will do
        months, units, seasons = set(lex.months), set(lex.units), set(lex.seasons)
        pods, digit = set(lex.parts_of_day), {DIGIT}
        spoken = {"nineteen", "eighteen", "twenty", "thousand"}
        year_or_spoken = digit | spoken
        day_words = {"yesterday", "today", "tomorrow", "tonight"}
        refs = {w.split()[-1] for w in lex.present_ref | lex.past_ref | lex.future_ref}

        add(
            "iso",
            r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:T(?P<h>\d\d):(?P<mi>\d\d)(?::\d\d)?)?(?![\d-])",
            self._iso,
            needs=(digit,),
        )
        add(
            "month_day",
            rf"(?:(?P<pmod>{pmod})[\s-]+)?(?:(?P<rel>last|next|this)\s+)?(?:{weekday},?\s+)?"
            rf"(?P<month>{month})\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"(?:,?\s+(?P<year>{year}))?(?![\d:.,]\d|\w)",
            self._month_day,
            confirm="month",
            tense=True,
            needs=(months, digit),
        )
        add(
            "day_month",
            rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{month})"
            rf"(?:,?\s+(?P<year>{year}))?{end}",
            self._month_day,
            confirm="month",
            tense=True,
            needs=(months, digit),
        )
        add(
            "month",
            rf"(?:(?P<pmod>{pmod})[\s-]+)?(?:(?P<rel>last|next|this|past|coming)\s+)?"
            rf"(?P<month>{month})(?:,?\s+(?:of\s+)?(?P<year>{year}|this\s+year|last\s+year|"
            rf"next\s+year|{spoken_year}))?{end_noapos}",
            self._month,
            confirm="month",
            tense=True,
            needs=(months,),
        )
        add(
            "year",
            rf"(?:(?P<pmod>{pmod})[\s-]+)?(?:(?P<pre>(?:the\s+)?(?:fiscal|calendar|model)"
            rf"(?:\s+year)?|the\s+year|FY)[\s-]*)?(?P<year>{year})(?![\d,.:/]\d|\w|%|-\d)",
            self._year,
            confirm="year",
            needs=(digit,),
        )
        add(
            "spoken_year",
            rf"(?:(?P<pre>the\s+year)\s+)?(?P<spoken>{spoken_year})"
            rf"(?![\s-]+(?:{unit}|percent|dollars|people|of)\b){end_noapos}",
            self._spoken_year,
            needs=(spoken,),
        )
        add(
            "year_end",
            r"(?:(?P<pre>around|at|by|until)\s+)?(?P<ext>year[\s-]end|year[’']s\s+end)"
            + end_noapos,
            self._year_end,
            needs=({"year"}, {"end"}),
        )
        add(
            "short_year",
            r"(?:(?P<pre>fiscal|FY)\s*)?(?P<year>[’']\d\d)(?!\w|s)",
            self._year,
            needs=(digit,),
        )
        add(
            "decade",
            rf"(?:(?P<pmod>{pmod})[\s-]+)?(?:(?P<the>the)\s+)?(?:(?P<pmod2>early|mid|late)[\s-]+)?"
            rf"(?P<dec>(?:1[0-9]|20)\d0|[’']\d0|\d0(?=s))[’']?s{end}",
            self._decade,
            needs=(digit,),
        )
        add(  # "the nineties", "the early sixties" ("in their sixties" is an age: no article)
            "decade_word",
            rf"(?:(?P<pmod>{pmod})[\s-]+)?(?P<the>the)\s+(?:(?P<pmod2>early|mid|late)[\s-]+)?"
            rf"(?P<decword>{alternation(self.decade_words())}){end_noapos}",
            self._decade,
            needs=(set(self.decade_words()),),
        )
        add(
            "century",
            rf"(?:(?P<pmod>{pmod})[\s-]+)?(?:the\s+)?(?P<ord>{ordinal})[\s-]+century{end}",
            self._century,
            needs=({"century"},),
        )
        add(
            "weekday",
            rf"(?:(?P<pmod>early|late|earlier|later|mid)[\s-]+)?"
            rf"(?:(?P<rel>last|next|this|past|coming|the\s+(?:previous|following|next))\s+)?"
            rf"(?P<weekday>{weekday})(?P<plural>s)?"
            rf"(?:\s+(?P<pod>{pod}))?{end_noapos}",
            self._weekday,
            confirm="weekday",
            tense=True,
            needs=(set(lex.weekdays),),
        )
        add(
            "day_word",
            rf"(?:(?P<pmod>early|late|earlier|later|mid)[\s-]+)?(?:(?P<pod0>{pod})\s+)?(?:the\s+"
            rf"day\s+(?P<dir>before|after)\s+)?(?P<dw>yesterday|today|tomorrow|tonight)"
            rf"(?:\s+(?P<pod>{pod}))?{end_noapos}",
            self._day_word,
            needs=(day_words,),
        )
        add(
            "part_of_day",
            rf"(?:(?P<pmod>early|late|earlier|later|mid)[\s-]+)?(?P<rel>this|last|tomorrow|"
            rf"yesterday|that|the\s+next|the\s+following|the\s+previous)\s+(?P<pod>{pod})"
            + end_noapos,
            self._part_of_day,
            needs=(pods,),
        )
        add(
            "overnight",
            r"(?P<pod>overnight)(?!\s+(?:rate|loan|bank|lending|market))" + end_noapos,
            self._part_of_day,
            needs=({"overnight"},),
        )
        add(
            "mid_pod",
            rf"(?P<pmod>mid|early|late)[\s-]*(?P<pod>morning|afternoon|evening){end_noapos}",
            self._part_of_day,
            needs=({"morning", "afternoon", "evening"},),
        )
        add(
            "clock",
            r"(?:(?P<qmod>about|around|approximately)\s+)?"
            rf"(?P<core>(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm|"
            rf"a\.m|p\.m)(?:\s+(?P<zone>{zone}))?|(?P<cw>{alternation(lex.clock_words)})|(?P<h24>\d\d?):"
            rf"(?P<mi24>\d\d)\s+(?P<zone24>{zone}))(?:,?\s+(?:on\s+)?(?P<dayref>{dayref}))?"
            rf"(?![\w-])",
            self._clock,
            tense=True,
            needs=(digit | set(lex.clock_words),),
        )
        add(
            "relative",
            rf"(?:(?P<pmod>{pmod})[\s-]+)?(?:(?P<the>the)\s+)?(?P<rel>{relative})\s+"
            rf"(?P<unit>{calendar_unit}|{season})(?:\s+(?P<ord>{ordinal})\s+"
            rf"(?P<qunit>quarter|half))?{end_noapos}",
            self._relative,
            tense=True,
            needs=({"week", "month", "quarter", "year", "decade", "century"} | seasons,),
        )
        add(
            "the_unit",
            rf"(?:(?P<pmod>{pmod})[\s-]+)?(?P<det>the|that|this|the\s+same|that\s+same)\s+"
            rf"(?:(?P<adj>latest|most\s+recent|current|year[\s-]ago|year[\s-]earlier|previous|"
            rf"prior|following|same|preceding|comparable|fiscal|full)\s+)?"
            rf"(?:(?P<adj2>fiscal|year[\s-]ago|year[\s-]earlier)\s+)?(?:(?P<uyear>{year})\s+)?"
            rf"(?P<unit>day|week|weekend|month|quarter|year|period)"
            rf"(?:\s+(?P<dir>before|after|earlier|later))?{end_noapos}(?=\s+(?P<ending>end(?:ed|ing))"
            rf"(?:\s+(?P<endmonth>{month})\s*(?P<endday>\d{{1,2}})(?!\d))?|)",
            self._the_unit,
            tense=True,
            needs=({"day", "week", "month", "quarter", "year", "period"},),
        )
        add(
            "year_ago_adj",
            r"(?P<adj>year[\s-]ago|year[\s-]earlier)" + end_noapos,
            self._the_unit,
            needs=({"year"}, {"ago", "earlier"}),
        )
        add(
            "quarter",
            rf"(?:(?P<pmod>{pmod})[\s-]+)?(?:(?P<det>the\s+(?P<yago>year[\s-]ago|year[\s-]earlier|"
            rf"prior[\s-]year)|the\s+(?P<tyear>{year})|the|its|their|this\s+year[’']s|last\s+"
            rf"year[’']s|next\s+year[’']s|(?P<dyear>{year})[’']s|fiscal\s+(?P<fyear>{year})[’']?s?)"
            rf"\s+)?(?P<core>(?:(?:fiscal|calendar)[\s-]+)?(?P<ord>{ordinal})[\s-]+(?:(?:fiscal|"
            rf"calendar)[\s-]+)?(?P<unit>quarter|half)(?P<plural>s)?(?:\s+(?:of|in)\s+(?:(?:fiscal|"
            rf"calendar)\s+)?(?P<year>{year}|this\s+year|last\s+year|next\s+year))?){end_noapos}",
            self._quarter,
            tense=True,
            needs=({"quarter", "half"}, set(lex.ordinals)),
        )
        add("q_code", rf"Q(?P<q>[1-4])(?:\s+(?P<year>{year}))?\b", self._q_code, needs=(digit,))
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
            needs=(units,),
        )
        add(
            "bare_units",
            rf"(?:(?P<qmod>{qmod})\s+)?(?:(?P<det>the)\s+)?(?:(?P<rel>past|last|next|coming|"
            rf"recent|previous|following|few)\s+)?(?P<unit>{plural})(?P<long>-long)?"
            rf"(?![\s-]+old\b)(?:\s+(?P<dir>ago|earlier|later))?{end_noapos}",
            self._bare_units,
            confirm="unit",
            needs=(set(lex.plurals),),
        )
        add(
            "relative_past",
            rf"(?:(?P<det>the)\s+)?(?P<rel>past|last|next|coming|first|previous|following)\s+"
            rf"(?P<unit>day|week|month|year|decade|century|hour|minute|quarter){end_noapos}",
            self._relative_duration,
            needs=({"day", "week", "month", "year", "decade", "century", "hour", "minute",
                    "quarter"},),
        )
        add(
            "ref",
            alternation(lex.present_ref | lex.past_ref | lex.future_ref) + end_noapos,
            self._ref,
            needs=(refs,),
        )
        add(
            "set",
            rf"(?P<q>every|each|per)\s+(?:(?P<num>other|{number})\s+)?(?P<what>{unit}|{weekday}|"
            rf"{month}|{season})(?P<pod>\s+{pod})?{end_noapos}",
            self._set,
            needs=({"every", "each", "per"}, units | set(lex.weekdays) | months | seasons),
        )
        add(
            "times_per",
            rf"(?:once|twice|thrice|\w+\s+times)\s+(?P<ext>(?:a|an|per)\s+(?P<what>{unit})"
            rf"){end_noapos}",
            self._set,
            needs=({"once", "twice", "thrice", "times"}, units),
        )
        add("set_word", alternation(lex.sets) + end_noapos, self._set_word, needs=(set(lex.sets),))
        add(
            "holiday",
            rf"(?:(?P<rel>last|next|this)\s+)?(?P<hol>{alternation(lex.holidays)})(?:\s+(?P<year>{year}))?"
            + end_noapos,
            self._holiday,
            confirm="holiday",
            tense=True,
            needs=({w.split()[-1] for w in lex.holidays},),
        )
        add(
            "season",
            rf"(?:(?P<pmod>{pmod})[\s-]+)?(?:(?:in|into|during|by|until|over|through|"
            rf"throughout|since|for|from|of)\s+)(?P<ext>(?:(?P<pmod2>{pmod})[\s-]+)?the\s+"
            rf"(?:(?P<pmod3>early|mid|late)[\s-]+)?(?P<season>{season}))(?!\s+of)" + end_noapos,
            self._season,
            tense=True,
            needs=(seasons,),
        )
        add(
            "season_year",
            rf"(?:(?P<pmod>{pmod})[\s-]+)?(?P<season>{season})\s+(?:of\s+)?"
            rf"(?P<year>{year}|{spoken_year})" + end_noapos,
            self._season,
            confirm="season",
            needs=(seasons, year_or_spoken),
        )
        add(  # "the winter of 1994": the article makes the season word a noun, whatever its case
            "the_season_of_year",
            rf"(?:(?P<pmod>{pmod})[\s-]+)?the\s+(?P<season>{season})\s+of\s+"
            rf"(?P<year>{year}|{spoken_year})" + end_noapos,
            self._season,
            needs=(seasons, year_or_spoken),
        )


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The grammar built from the packaged word lists, once per process."""
    return Grammar(load_lexicon())
