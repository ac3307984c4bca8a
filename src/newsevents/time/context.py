"""What a rule handler may consult besides its match (`Context`), and its verdict (`Norm`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from newsevents.time.dates import granularity, parse_anchor, quarter_of


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
        if gran == "quarter" and value[5] == "Q" and self._ended(value):
            # a quarter not over yet is a forecast; "the quarter" and "a year ago" refer to
            # the quarter being reported
            self.quarter, self.quarter_sentence = value, self.sentence

    def _ended(self, quarter: str) -> bool:
        if self.anchor is None:
            return True
        return quarter < f"{self.anchor.year:04d}-Q{quarter_of(self.anchor)}"

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
