"""Quotes and attributions: who said what, linked to actors and events.

`find_quotes(doc)` reads a parsed document; `TagQuotes` is its pipeline step;
`attribute_events(events, quotes)` gives the events inside a quote or an attribution the
speaker as the source of the claim.
"""

from __future__ import annotations

from newsevents.quotes.find import find_quotes
from newsevents.quotes.link import attribute_events

__all__ = ["attribute_events", "find_quotes"]
