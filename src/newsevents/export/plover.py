"""PLOVER-strict JSON records (field names of the PLOVER manual's JSON table).

The manual asks a coder to return the single category that fits rather than a category plus
an auxiliary mode: a future CONSULT, SUPPORT, COOPERATE or AID is an AGREE, an announced
(future) RETREAT is a CONCEDE, and an announced coercive act (ASSAULT, COERCE, SANCTION), or
a conditional protest, is a THREATEN whose mode is the content of the threat ("THREATEN
could be ASSAULT + hypothetical": a conditional act counts as announced too). Our own output
keeps the underlying type with `future` in `aux`, which is more informative; this export
applies the manual's rules so that PLOVER consumers see what they expect. So too for
reciprocal acts (meetings, talks, signed agreements): our output names an actor and a
recipient and marks the event `reciprocal`; the manual lists all parties as the actor.
"""

from __future__ import annotations

from typing import Any

from newsevents import __version__
from newsevents.events.modes import announced
from newsevents.records import Analysis

FUTURE_AS_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
FUTURE_AS_THREAT = {"ASSAULT", "COERCE", "SANCTION"}
# a protest held out under a condition or as a possibility ("will boycott the elections
# unless ...", "may strike") is a threat of one (CAMEO 133; the manual's THREATEN `restrict`
# covers boycotts and strikes); a protest simply announced ("will march on Sunday") is not
CONDITIONAL_AS_THREAT = {"PROTEST"}
# THREATEN's mode is what is threatened (manual, THREATEN modes)
_THREAT_MODES = {
    ("COERCE", "arrest"): "arrest",
    ("COERCE", "seize"): "territory",
    ("COERCE", "deport"): "expel",
    ("ASSAULT", None): "violence",
    ("PROTEST", None): "restrict",
    ("SANCTION", "discontinue"): "relations",
    ("SANCTION", "withdraw"): "relations",
}


def strict_type(event: dict[str, Any]) -> str:
    aux = event.get("aux", [])
    future = announced(aux)
    if future and event["type"] in FUTURE_AS_AGREE:
        return "AGREE"
    if future and event["type"] == "RETREAT":
        return "CONCEDE"
    if future and event["type"] in FUTURE_AS_THREAT:
        return "THREATEN"
    if future and event["type"] in CONDITIONAL_AS_THREAT and "hypothetical" in aux:
        return "THREATEN"
    return str(event["type"])


def strict_mode(event: dict[str, Any]) -> str:
    """The mode under the strict type: a reduced threat takes the content of the threat."""
    if strict_type(event) == "THREATEN" and event["type"] != "THREATEN":
        key = (event["type"], event.get("mode") or None)
        return _THREAT_MODES.get(key) or _THREAT_MODES.get((event["type"], None)) or "restrict"
    return str(event.get("mode") or "")


def strict_slots(event: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    """Actor and recipient lists under the manual's reciprocal rule: the parties of a
    reciprocal act (a meeting, talks, a signed agreement) are all its actor, and it has no
    recipient ("all of the entities are considered as the actor and no recipient is
    included")."""
    if event.get("reciprocal"):
        return [*event["actor"], *event["recipient"]], []
    return list(event["actor"]), list(event["recipient"])


def _entity(actor: dict[str, Any]) -> dict[str, Any]:
    return {
        "actor_text": actor["text"],
        "country": actor.get("country"),
        "sector": actor.get("sector"),
        "name": actor.get("name"),
        "wikidata": actor.get("wikidata"),
    }


def plover_record(analysis: Analysis, event: dict[str, Any]) -> dict[str, Any]:
    """One PLOVER JSON record for `event` of `analysis`."""
    sentence = analysis.sentences[event["sentence"]] if analysis.sentences else None
    actors, recipients = strict_slots(event)
    return {
        "id": event["id"],
        "date": event.get("date"),
        "actor": [_entity(a) for a in actors],
        "recipient": [_entity(a) for a in recipients],
        "event": [strict_type(event)],
        "event_text": [event["trigger"]["text"]],
        "quad_code": event.get("quad"),
        "event_scale": event.get("intensity"),
        "mode": [strict_mode(event)] if strict_mode(event) else [],
        "context": list(event.get("context", [])) + list(event.get("aux", [])),
        "text": analysis.text[sentence.start : sentence.end] if sentence else None,
        "coder": f"newsevents {__version__} ({event.get('rule')})",
        "comment": f"doc {analysis.id}; cameo {event.get('cameo')}",
    }
