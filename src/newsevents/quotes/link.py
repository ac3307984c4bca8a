"""Events inside a quote or an attribution are claims: the speaker is their source."""

from __future__ import annotations

from typing import Any

# contents that claim something: a quote, a reported clause, an intention ("vowed to ...");
# not the object of a stance ("denounced the sanctions": the sanctions are no claim)
CLAIMS = frozenset({"quote", "clause", "infinitive"})


def attribute_events(events: list[dict[str, Any]], quotes: list[dict[str, Any]]) -> None:
    """Set each event's `source` (the speaker of the innermost quote or attribution content
    its trigger lies in, else None) and add `reported` to its `aux` when that speaker is not
    one of the event's actors ("Kyiv said Russian troops shelled ...")."""
    spoken = [
        q for q in quotes if q.get("speaker") is not None and q.get("form", "quote") in CLAIMS
    ]
    for event in events:
        position = event["trigger"]["start"]
        around = [q for q in spoken if q["start"] <= position < q["end"]]
        if not around:
            event.setdefault("source", None)
            continue
        speaker = min(around, key=lambda q: q["end"] - q["start"])["speaker"]
        event["source"] = speaker
        own = any(same_actor(speaker, actor) for actor in event.get("actor", []))
        if not own and "reported" not in event["aux"]:
            event["aux"].append("reported")


def same_actor(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two actor records name the same actor: the same name, the same mention, or
    (without names) the same country and sector."""
    if a.get("name") and b.get("name"):
        return bool(a["name"] == b["name"])
    if (a.get("start"), a.get("end")) == (b.get("start"), b.get("end")):
        return True
    if a.get("name") or b.get("name"):
        return False
    key_a, key_b = (a.get("country"), a.get("sector")), (b.get("country"), b.get("sector"))
    return key_a == key_b and key_a != (None, None)
