"""Who a source mention is: a speaker resolved to an actor of the actors module.

The local mention ("he", "Ushakov", "the adviser") often does not name the speaker fully, so a
document keeps the people it has named so far (spaCy PERSON entities outside quotes, with
their appositions) and resolves:

- "he"/"she" to the last person in focus: the last person named as a grammatical subject
  before the pronoun (else the last person named), as news writing keeps its speaker as
  subject ("Ushakov, Putin's adviser, told reporters ... he added");
- a surname or title plus surname ("Ushakov", "Mr. Barrett") to the earlier full name
  ending in it, before the knowledge base's own guess for the surname;
- a title alone ("the adviser") to the last person introduced with that title, when the
  knowledge base does not name its holder itself ("the Russian leader" in 2022 is Putin);
- anything else through `ActorResolver.resolve` at the document date.

The speaker's `text`/`start`/`end` are those of the mention that names the actor (for a
pronoun or a surname, the earlier full name); the quote's own `source` keeps the local one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from newsevents.events.syntax import phrase, with_appositions

Token = Any  # spacy.tokens.Token
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_ROLE_FIELDS = ("country", "sector", "role")
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


@dataclass(slots=True)
class Person:
    """A person named in the document; what the name resolves to is worked out on demand."""

    start: int
    end: int
    root: Token | None  # head of the name; None for a remembered speaker
    last: str  # lower-case last word of the name: its surname
    subject: bool
    actor: dict[str, Any] | None = None
    words: frozenset[str] | None = None  # the name, its appositions and its role


def actor_record(text: str, start: int, end: int, resolved: Any) -> dict[str, Any]:
    """An actor in the output contract's shape; the fields are null when nothing resolved."""
    return {
        "text": text,
        "start": start,
        "end": end,
        "name": resolved.name if resolved else None,
        "country": resolved.country if resolved else None,
        "sector": resolved.sector if resolved else None,
        "wikidata": resolved.wikidata if resolved else None,
        "role": resolved.role if resolved else None,
    }


class Speakers:
    """Resolve source mentions of one document (build one per document)."""

    def __init__(self, doc: Any, text: str, date: str | None, resolver: Any, quoted: Any) -> None:
        self.text = text
        self.date = date
        self.resolver = resolver
        self._cache: dict[str, Any] = {}
        self.people: list[Person] = []
        for ent in doc.ents:
            if ent.label_ == "PERSON" and quoted(ent.start_char) is None:
                root = ent.root
                subject = root.dep_ in SUBJECT_DEPS or root.head.dep_ in SUBJECT_DEPS
                last = ent[-1].lower_ if ent[-1].lower_ not in _POSSESSIVE else ent[0].lower_
                self.people.append(Person(ent.start_char, ent.end_char, root, last, subject))

    def speaker(self, token: Token) -> dict[str, Any] | None:
        """The actor the source mention headed by `token` refers to, or None."""
        lower = token.lower_
        if token.pos_ == "PRON" or lower in PERSON_PRONOUNS:
            if lower in RELATIVE_PRONOUNS:  # "Smith, who said ...": Smith
                clause = token.head
                relative = clause.dep_ == "relcl" and clause.head.pos_ in {"PROPN", "NOUN"}
                return self.speaker(clause.head) if relative else None
            return self._in_focus(token) if lower in PERSON_PRONOUNS else None
        start, end = phrase(token)
        found = self._mention(token, start, end)
        if found is not None and found["name"]:
            return found
        for appos in with_appositions(token)[1:]:
            described = self._mention(appos, *phrase(appos))
            if described is None:
                continue
            if token.pos_ == "PROPN":
                # an unknown name: its apposition says what the person is, not who
                base = found or actor_record(self.text[start:end], start, end, None)
                return {**base, **{k: base[k] or described[k] for k in _ROLE_FIELDS}}
            if described["name"] or found is None:
                found = described
        return found

    # -- mentions -------------------------------------------------------------------------
    def _mention(self, head: Token, start: int, end: int) -> dict[str, Any] | None:
        earlier = self._earlier_name(head, start, end)
        if earlier is not None:
            return earlier
        resolved = self._resolve(self.text[start:end])
        named = resolved is not None and resolved.name and head.pos_ == "PROPN"
        if named and _fold(head.text) not in _fold(resolved.name):
            # "Foreign Minister Ali Bagheri": the title's holder is somebody else
            record = actor_record(self.text[start:end], start, end, resolved)
            return {**record, "name": None, "wikidata": None}
        if resolved is not None and resolved.name:
            return actor_record(self.text[start:end], start, end, resolved)
        if head.tag_ == "NN":  # "the adviser" (not "the two leaders"): the last one named
            titled = self._titled(head.lemma_.lower(), start)
            if titled is not None:
                return titled
        if resolved is not None or head.pos_ == "PROPN":
            return actor_record(self.text[start:end], start, end, resolved)
        return None

    def _resolve(self, text: str) -> Any:
        if text not in self._cache:
            self._cache[text] = self.resolver.resolve(text, self.date)
        return self._cache[text]

    def _earlier_name(self, head: Token, start: int, end: int) -> dict[str, Any] | None:
        """ "Ushakov", "Mr. Barrett": the earlier, longer name that ends in this surname."""
        if head.pos_ != "PROPN":
            return None
        last = head.lower_
        names = [t for t in head.doc.char_span(start, end, alignment_mode="expand") or []
                 if t.pos_ == "PROPN" and t.i != head.i]  # fmt: skip
        for person in reversed(self.people):
            if person.start >= start or person.last != last:
                continue
            if all(self._compatible(t, person) for t in names):
                return self._actor(person)
        return None

    def _compatible(self, token: Token, person: Person) -> bool:
        """A word before a surname that does not contradict the earlier full name: the
        same first name, an abbreviation ("Sen."), or a title the knowledge base knows."""
        if token.lower_ in self._words(person) or token.text.endswith("."):
            return True
        resolved = self._resolve(token.text)
        return resolved is not None and not resolved.name and not resolved.country

    def _titled(self, title: str, before: int) -> dict[str, Any] | None:
        for person in reversed(self.people):
            if person.start < before and title in self._words(person):
                return self._actor(person)
        return None

    def _in_focus(self, pronoun: Token) -> dict[str, Any] | None:
        """The person a "he"/"she" refers to: named earlier in its sentence, else in focus;
        among several, the last one named as a subject, else the last one."""
        before = pronoun.idx
        sentence = pronoun.sent.start_char
        earlier = [p for p in self.people if p.start < before]
        for pool in ([p for p in earlier if p.start >= sentence], earlier):
            subjects = [p for p in pool if p.subject]
            chosen = subjects or pool
            if chosen:
                return self._actor(chosen[-1])
        return None

    def _actor(self, person: Person) -> dict[str, Any]:
        if person.actor is None:
            text = self.text[person.start : person.end]
            single = person.root is not None and person.end - person.start == len(person.root)
            earlier = None
            if single:  # a surname alone: the person named in full before
                earlier = self._earlier_name(person.root, person.start, person.end)
            person.actor = earlier or actor_record(
                text, person.start, person.end, self._resolve(text)
            )
        return person.actor

    def _words(self, person: Person) -> frozenset[str]:
        if person.words is None:
            actor = self._actor(person)
            words = {w.lower() for w in self.text[person.start : person.end].split()}
            if person.root is not None:
                for appos in with_appositions(person.root)[1:]:
                    a_start, a_end = phrase(appos)
                    words.update(w.lower() for w in self.text[a_start:a_end].split())
                    words.add(appos.lemma_.lower())
            if actor["role"]:
                words.update(actor["role"].lower().split())
            person.words = frozenset(words)
        return person.words

    def remember(self, token: Token, actor: dict[str, Any]) -> None:
        """Keep a resolved speaker in focus (a speaker the parser did not tag PERSON)."""
        if any(p.start <= token.idx < p.end for p in self.people):
            return
        text = actor["text"]
        last = text.split()[-1].lower() if text.split() else ""
        person = Person(token.idx, token.idx + len(token.text), None, last, True, actor)
        self.people.append(person)
        self.people.sort(key=lambda p: p.start)


def _fold(text: str) -> str:
    """Lower case without accents: "Erdoğan" and "Erdogan" are one name."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
