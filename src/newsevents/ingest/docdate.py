"""Publication date of a news article: normalise a given date, or infer one from the text.

Pure regex + ``datetime``: the handful of formats news sites use is small and a fuzzy
parser (dateparser) would turn bare years and month names into invented dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

# Written once; every pattern below is built from this table.  "sept" is in because
# AP style abbreviates September that way ("Sept. 3, 2021").
_MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

# Longest first so "September" is not cut to "Sep"; \b stops "Mar" matching "Market".
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})(?!\d)"

# Each pattern needs day, month and year: "March 2021" or "the 2015 deal" never match.
_PATTERNS: tuple[re.Pattern[str], ...] = (
    # July 18, 2022 / Jul. 18 2022 / Sept. 3rd, 2021
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b,?\s+{_YEAR}", re.IGNORECASE),
    # 18 July 2022 / 18th of Jul 2022 / Mon 18 Jul 2022
    re.compile(rf"(?<!\d){_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", re.IGNORECASE),
    # 2022-07-18 (also the date part of an ISO datetime)
    re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
    # 7/18/2022: US order only; a day-first 18/7/2022 fails validation and is dropped.
    re.compile(r"(?<![\d/])(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})(?![\d/])"),
)

# What may precede the date on a dateline: a place ("WASHINGTON,", "Kyiv, Ukraine,"),
# a label ("Published:", "Updated"), a weekday ("Mon", "Monday,"), in that order.
_DATELINE_PREFIX = re.compile(
    r"\s*(?:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*,\s*(?:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*,\s*)?)?"
    # Only labels and weekdays ignore case: a place must be capitalised, or any clause
    # ending in a comma ("the council said, July 18, 2022") would pass as a dateline.
    r"(?i:(?:(?:first\s+|last\s+)?(?:published|updated|posted|dated?)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?)",
)
# A dateline sits in the first lines; later dates are body text ("on March 3, 2020 ...").
_HEAD_CHARS = 400
_MIN_YEAR, _MAX_YEAR = 1900, 2100
# Month names that are also ordinary lower-case English words.
_LOWERCASE_WORDS = frozenset({"may", "mar", "march"})

_ISO = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?",
    re.IGNORECASE,
)


def _to_date(match: re.Match[str]) -> date | None:
    """The match as a real calendar date in range, else None (e.g. Feb. 30)."""
    month_text = match.group("month").rstrip(".")
    if month_text.isdigit():
        month = int(month_text)
    elif month_text in _LOWERCASE_WORDS:
        # "they may 2 ..." is the verb; as months these words are capitalised.
        return None
    else:
        month = _MONTHS[month_text.lower()]
    year = int(match.group("year"))
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return date(year, month, int(match.group("day")))
    except ValueError:
        return None


def _dates(text: str) -> Iterator[tuple[int, date]]:
    """Every valid full date in the text, with its start offset (unordered)."""
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            found = _to_date(match)
            if found is not None:
                yield match.start(), found


def _is_dateline(text: str, start: int) -> bool:
    """True when the date at `start` opens its line, after only a place/label/weekday."""
    line_start = text.rfind("\n", 0, start) + 1
    return _DATELINE_PREFIX.fullmatch(text[line_start:start]) is not None


def _dateline_date(text: str, limit: int) -> date | None:
    """The earliest dateline-shaped date starting before `limit`, if any."""
    candidates = [(s, d) for s, d in _dates(text) if s < limit and _is_dateline(text, s)]
    return min(candidates)[1] if candidates else None


def normalise_date(value: str | None) -> str | None:
    """A given date (CLI flag, JSON field, HTML metadata) as 'YYYY-MM-DD', or None if absent.

    Accepts ISO dates and datetimes ('2022-07-18', '2022-07-18T10:31:00Z', '2022-07-18 10:31')
    and, since HTML metadata uses them, written dates ('Mon, 18 Jul 2022 10:31:00 GMT').
    The calendar day is kept as written, not shifted by the offset: that is the day the
    publisher dated the article.  Raises ValueError for a non-empty string it cannot read.
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    iso = _ISO.fullmatch(text)
    if iso is not None:
        found = _to_date(iso)
        if found is None:
            raise ValueError(f"not a real calendar date (years {_MIN_YEAR}-{_MAX_YEAR}): {value!r}")
        return found.isoformat()
    found = _dateline_date(text, limit=len(text))
    if found is None:
        raise ValueError(
            f"cannot read date {value!r}: expected YYYY-MM-DD, an ISO datetime"
            " or a full written date such as 'July 18, 2022'"
        )
    return found.isoformat()


def infer_date(text: str) -> str | None:
    """Infer the publication date from the (cleaned) article text; None when nothing supports one.

    1) A dateline in the first ~400 characters ("WASHINGTON, July 18, 2022 —",
       "Published: 18 July 2022", "Mon 18 Jul 2022 10.31 BST"); one without a year
       ("MOSCOW, July 18 (Reuters) -") gives nothing and we fall through.
    2) Otherwise the latest full date anywhere: an article is written after the
       events it reports, so the latest date is the closest lower bound we have.
    """
    found = _dateline_date(text, limit=_HEAD_CHARS)
    if found is None:
        found = max((d for _, d in _dates(text)), default=None)
    return found.isoformat() if found is not None else None
