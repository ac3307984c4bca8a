"""What the event coder knows about a document while it walks its sentences in order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsevents.events.syntax import Token


@dataclass(slots=True)
class DocumentContext:
    """What the coder knows about the document while it walks its sentences in order."""

    doc_id: str
    published: str | None
    text: str  # the document text (spaCy rebuilds doc.text on every access)
    times_by_token: dict[int, Any]  # token index -> Timex attached there
    focus_person: dict[str, Any] | None = None  # last person named, for "he"/"she"
    mentions: dict[tuple[int, int], dict[str, Any] | None] = field(default_factory=dict)
    people_spans: set[tuple[int, int]] = field(default_factory=set)  # mentions of persons
    # mentions whose country is a guess from the rest of the sentence, not their own words
    guessed_country: set[tuple[int, int]] = field(default_factory=set)
    # sentence start -> (place | people, country) its entities name
    sentence_countries: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    # the document's entities, filled on first use: `doc.ents` and `Span.ents` build them
    # anew from every token of the document on each access
    entities: list[Any] | None = None
    person_roots: list[Token] | None = None  # PERSON entity heads, filled on first use
    recent_people: list[dict[str, Any]] = field(default_factory=list)  # named, latest last
    # the document's people for in-document coreference ("Bashir" after "Omar al-Bashir"),
    # an actors.coref.DocumentActors; None resolves every mention on its own
    people: Any = None

    def remember(self, person: dict[str, Any]) -> None:
        """Put `person` last in the list of people recently named (once)."""
        self.recent_people = [p for p in self.recent_people if p["name"] != person["name"]]
        self.recent_people.append(person)
