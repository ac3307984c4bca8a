"""The evidence of an event: each mention's sentence with its actor, trigger and recipient.

Offsets in the store point into the document's cleaned text; here they become offsets into
the sentence, in code points (as in the output contract). A span that is not inside the
sentence (an actor named in an earlier sentence, reached through coreference) is left out
of the highlights rather than drawn in the wrong place.
"""

from __future__ import annotations

import json
from typing import Any

# storage details a client has no use for
_HIDDEN = frozenset({"shard", "event_json", "provenance_json", "sentence_start", "month"})
ROLES = ("actor", "trigger", "recipient")


def _spans(event: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    spans = [("actor", a.get("start"), a.get("end")) for a in event.get("actor") or []]
    trigger = event.get("trigger") or {}
    spans.append(("trigger", trigger.get("start"), trigger.get("end")))
    spans += [("recipient", r.get("start"), r.get("end")) for r in event.get("recipient") or []]
    return spans


def highlights(mention: dict[str, Any]) -> list[dict[str, Any]]:
    """The spans of actor, trigger and recipient inside the mention's sentence, in order."""
    sentence = mention.get("sentence_text") or ""
    base = mention.get("sentence_start")
    try:
        event = json.loads(mention.get("event_json") or "{}")
    except ValueError:
        return []
    if not isinstance(event, dict) or not isinstance(base, int):
        return []
    found = []
    for role, start, end in _spans(event):
        if not isinstance(start, int) or not isinstance(end, int):
            continue
        start, end = start - base, end - base
        if 0 <= start < end <= len(sentence):
            found.append({"role": role, "start": start, "end": end, "text": sentence[start:end]})
    unique = {(h["role"], h["start"], h["end"]): h for h in found}  # a name listed twice
    return sorted(unique.values(), key=lambda h: (h["start"], -h["end"]))


def mention_view(mention: dict[str, Any]) -> dict[str, Any]:
    """A stored mention as the API shows it: provenance as an object, the evidence highlighted."""
    view = {k: v for k, v in mention.items() if k not in _HIDDEN}
    try:
        view["provenance"] = json.loads(mention.get("provenance_json") or "{}")
    except ValueError:
        view["provenance"] = {}
    view["evidence"] = {"sentence": mention.get("sentence_text"), "highlights": highlights(mention)}
    return view


def listed(row: dict[str, Any]) -> dict[str, Any]:
    """A row of an event list without the storage columns."""
    return {k: v for k, v in row.items() if k not in _HIDDEN}
