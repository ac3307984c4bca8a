"""Where an event happened: the place syntactically attached to its trigger, or none.

The attachment rules (`attachment.py`) find the place attached to the trigger, its verb chain
or its clause ("in northern Syria", "to Iran" for a visit), preferring the most specific of
nested places. Only places of the trigger's own sentence are considered; captions and credits
were removed by cleaning before any place was tagged. Named sites that are no toponyms ("the
Al-Quds Hospital", `facilities.py`) count here too, below any toponym of the same phrase.

No model is trained here on purpose: the only labelled event locations we have are an
evaluation set whose notes keep it out of the shipped product.
"""

from __future__ import annotations

from typing import Any

from newsevents.geo.attachment import attached_place
from newsevents.geo.facilities import site_places


def event_location(
    doc: Any, trigger_index: int, places: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """The place (a dict of `places`) where the event whose trigger is token `trigger_index`
    of the parsed `doc` happened, or None."""
    place_of_token = places_by_token(doc, places)
    return attached_place(doc[trigger_index], place_of_token) if place_of_token else None


def locate_events(doc: Any, events: list[dict[str, Any]], places: list[dict[str, Any]]) -> None:
    """Set the `location` of each event (by its trigger's character offsets) in place."""
    place_of_token = places_by_token(doc, places)
    for event in events:
        trigger = event.get("trigger") or {}
        span = doc.char_span(
            trigger.get("start", 0), trigger.get("end", 0), alignment_mode="expand"
        )
        found = None
        if span is not None and place_of_token:
            found = attached_place(span.root, place_of_token)
        event["location"] = found


def places_by_token(doc: Any, places: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """Token index -> the place of `places` whose mention covers the token, or else the
    named site (`facilities`) that does."""
    found = _by_token(doc, places)
    found.update(_by_token(doc, site_places(doc, set(found))))
    return found


def places_and_sites(doc: Any, places: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`places` and the named sites of `doc` outside them: what an event may be located at."""
    return places + site_places(doc, set(_by_token(doc, places)))


def _by_token(doc: Any, places: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    for place in places:
        span = doc.char_span(place["start"], place["end"], alignment_mode="expand")
        if span is not None:
            for token in span:
                found[token.i] = place
    return found
