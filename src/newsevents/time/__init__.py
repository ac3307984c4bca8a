"""Temporal expressions: find them in a parsed document and give them TIMEX3 values.

`tag_times(doc, "2022-07-19")` lists the `Timex(text, start, end, type, value, mod)` of a parsed
spaCy document; `event_date(timex, "2022-07-19")` gives an event's calendar date and precision,
such as `('2022-07-15', 'day')`.
"""

from newsevents.time.dates import Timex, event_date
from newsevents.time.tagger import tag_times

__all__ = ["Timex", "event_date", "tag_times"]
