"""Toponym recognition: the place names of a parsed document and the places each may stand for.

A toponym is first a spaCy GPE, LOC or FAC entity (the parser's view of what is a name and
where it ends), looked up in the gazetteer by its key. The article ("the Gambia") and a
possessive ("Syria's") are trimmed; an entity the parser ran across a comma ("Alexandria, Va.")
is looked up whole and, when unknown, part by part. A GPE or LOC the gazetteer does not know is
still a toponym, without a place ("Kafr Sousah"); so is a FAC ("Cairo Stadium").

The small parser often calls a town a person or an organisation ("in Alexandria" as PERSON), or
leaves it unlabelled. Such a name (another entity, or a run of proper nouns outside any entity)
is a toponym when it is a place's own name in the gazetteer and the text says it is a place:
a locative preposition before it ("in", "near", "from" ...), a place after it in "X, Y" that
contains it, the same name as a toponym elsewhere in the document (one sense per discourse),
a place noun around it ("the capital Grozny", "the western sector of Aleppo", "Tbilisi's
streets"), or, for an organisation or nationality, the name or demonym of a country or
first-level division ("Minnesota", "Egyptian"). A direction or a space between the preposition
and the name does not count ("in northern Aleppo"); after a locative preposition a name the
gazetteer knows only as another spelling counts too ("near Samarra"); a name may start with a
lower-case Arabic article ("al-Bab"). A name the gazetteer does not know is a place also when
it starts with a word for a kind of place ("Jabal Al-Zafit", "Kafr Nabuda", "Mount Vlasic";
not an organisation named after a known place, "Mount Pleasant Police Department") or
follows a lower-case compass adjective ("eastern Ghouta"). A capitalised word the tagger took
for an adjective or a common noun is looked at like a proper noun, when the gazetteer knows it
("the southern Aleppo districts"). A "State" after an organisation or a nationality is no
place noun ("Islamic State").

A name the document also gives as a person's surname ("Henry Farrin" ... "Farrin said") is
that person, whatever the parser called it, unless it is a prominent place (a country, a
division, a capital or a city of 100,000). Each name costs one gazetteer lookup (an
organisation that starts with a place word, a few): no scan of the text against the
gazetteer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.attrs import ENT_TYPE, ORTH, POS, SENT_START
from spacy.symbols import ADJ, NOUN, PROPN

from newsevents.geo.gazetteer import Candidate, Gazetteer
from newsevents.geo.names import place_key

TOPONYM_LABELS = frozenset({"GPE", "LOC", "FAC"})
# names the parser may have mislabelled; numbers, dates and amounts are never places
OTHER_NAME_LABELS = frozenset({"ORG", "PERSON", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT",
                               "LAW", "LANGUAGE"})
LOCATIVE = frozenset({"in", "at", "near", "outside", "around", "across", "throughout",
                      "within", "from", "into", "inside", "toward", "towards"})
# "northern Syria", "Northeast Georgia": the direction is not part of the place's name
DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                        "western", "northeast", "northwest", "southeast", "southwest",
                        "northeastern", "northwestern", "southeastern", "southwestern",
                        "central", "upper", "lower", "greater", "downtown", "rural"})
# "Fargo City": a generic head after a known name
GENERIC_HEADS = frozenset({"city", "town", "township", "village", "area", "metro"})
# a name the parser took for a person or an organisation: only where no person stands
# ("shot at Mengistu", "a letter from Smith" are people)
LOCATIVE_FOR_PEOPLE = frozenset({"in", "near", "inside", "outside", "across", "throughout",
                                 "within", "around", "into"})
COUNTRY_LIKE = frozenset({"PCLI", "ADM1"})
PROMINENT_CODES = COUNTRY_LIKE | {"PPLC"}
PROMINENT_POPULATION = 100_000
# verbs whose object is a place when it is a place name: "entered Zabdeen", "patrolled Katmandu"
PLACE_OBJECT_VERBS = frozenset({
    "attack", "target", "strike", "hit", "storm", "capture", "seize", "recapture", "enter",
    "invade", "occupy", "shell", "bomb", "bombard", "raid", "besiege", "liberate", "patrol",
    "visit", "tour", "overrun", "surround", "encircle", "cross", "reach", "infiltrate",
    "ambush", "assault", "control", "secure", "take"})
# nouns that make the name beside them a place
PLACE_NOUNS = frozenset({
    "village", "villages", "town", "towns", "city", "district", "districts", "province",
    "governorate", "region", "area", "neighborhood", "neighbourhood", "suburb", "county",
    "camp", "airport", "airbase", "base", "hill", "hills", "mountain", "mountains", "valley",
    "plain", "plains", "square", "street", "road", "highway", "bridge", "checkpoint",
    "crossing", "commune", "municipality", "island", "peninsula", "river", "lake", "gorge",
    "countryside", "outskirts", "quarter", "state", "locality", "settlement", "port",
    "capital", "sector", "suburbs", "streets", "vicinity", "environs", "cities",
    "provinces", "regions", "areas", "neighborhoods", "neighbourhoods", "islands",
    "township", "townships", "colony", "coast", "zone"})
PLACE_NOUNS_AFTER_GROUPS = PLACE_NOUNS - {"state"}  # "Islamic State" is no place
# the first word of many place names: mount, lake; Arabic hill, mountain, village, valley,
# monastery, spring, well, house, ruin, palace
PLACE_WORDS = frozenset({"mount", "lake", "fort", "cape", "jabal", "jebel", "jabel", "tal",
                         "tall", "tell", "kafr", "kfar", "wadi", "deir", "dayr", "ain", "ayn",
                         "bir", "beit", "bayt", "khirbet", "khirbat", "qasr", "mazraat"})
# "eastern Khattab": only the lower-case compass adjectives, not "Western Union"
DIRECTION_WORDS = frozenset({"northern", "southern", "eastern", "western", "northeastern",
                             "northwestern", "southeastern", "southwestern"})
# "al-Bab", "el-Ain", "ad-Dana": lower-case articles that start a name
ARTICLE_WORDS = frozenset({"al", "el", "ad", "ar", "as", "an", "at", "ash", "az"})
ARABIC_ARTICLE = re.compile(f"(?:{'|'.join(sorted(ARTICLE_WORDS))})-[A-Z]")
HYPHENS = frozenset({"-", "‐", "‑", "–"})
LEADING = frozenset({"the", "The", "THE"})
TRAILING = frozenset({"'s", "’s", "'", "’"})
WORD = "WORD"  # a capitalised word tagged ADJ or NOUN, outside any entity
MAX_CANDIDATES = 40  # the largest places of a very common name ("Springfield") are enough
_place_key = lru_cache(maxsize=8192)(place_key)  # news repeats its names


@dataclass
class Mention:
    """A toponym: its characters in the text and the places it may stand for."""

    text: str
    start: int
    end: int
    candidates: list[Candidate]
    first_token: int
    last_token: int  # inclusive
    label: str
    next_in_list: int | None = field(default=None)  # index of "Y" in "X, Y"
    key: str = field(default="")

    def __post_init__(self) -> None:
        self.key = self.key or _place_key(self.text)


def find_mentions(doc: Any, gazetteer: Gazetteer) -> list[Mention]:
    """The toponyms of `doc`, in text order, with their gazetteer candidates."""
    mentions: list[Mention] = []
    others: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ in TOPONYM_LABELS:
            mentions.extend(_mentions_of(doc, ent.start, ent.end, ent.label_, gazetteer))
        elif ent.label_ in OTHER_NAME_LABELS:
            others.append((ent.start, ent.end, ent.label_))
    others += _unlabelled_names(doc)
    known = {m.key for m in mentions}
    mentions += [m for start, end, label in others
                 if (m := _other_name(doc, start, end, label, gazetteer, known)) is not None]
    people = _surnames(doc)
    mentions = [m for m in mentions if m.key not in people or _prominent(m.candidates)]
    mentions.sort(key=lambda m: m.start)
    _link_lists(doc, mentions)
    return mentions


def _surnames(doc: Any) -> set[str]:
    """The last names of the people the document names in full ("Henry Farrin"): alone
    elsewhere, such a name is the person, whatever the parser called it."""
    return {_place_key(ent[-1].text) for ent in doc.ents
            if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text[:1].isupper()}


def _prominent(candidates: list[Candidate]) -> bool:
    """Whether one of the places is a country, a division, a capital or a city of
    PROMINENT_POPULATION or more."""
    return any(c.own and (c.place.feature_code in PROMINENT_CODES
                          or c.place.population >= PROMINENT_POPULATION)
               for c in candidates)


def proper_noun_runs(doc: Any) -> list[tuple[int, int]]:
    """The (start, end) token spans of the runs of proper nouns outside any entity."""
    if not len(doc):
        return []
    return _proper_noun_runs(doc.to_array([POS, ENT_TYPE]))


def _proper_noun_runs(columns: Any) -> list[tuple[int, int]]:
    # the parse's arrays, not Token objects: building one per word would cost more than all
    # the rest of the search
    outside = ((columns[:, 0] == PROPN) & (columns[:, 1] == 0)).tolist()
    runs = []
    i = 0
    while i < len(outside):
        if outside[i]:
            j = i + 1
            while j < len(outside) and outside[j]:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _unlabelled_names(doc: Any) -> list[tuple[int, int, str]]:
    """Runs of proper nouns outside any entity, and capitalised words outside any entity
    that the tagger took for an adjective or a common noun ("the southern Aleppo districts",
    "in Durres"), labelled WORD."""
    if not len(doc):
        return []
    columns = doc.to_array([POS, ENT_TYPE, SENT_START, ORTH])
    names = [(start, end, "") for start, end in _proper_noun_runs(columns)]
    pos = columns[:, 0]
    # Token.is_sent_start is true for 1 only (the array holds -1 as an unsigned number)
    wanted = ((pos == ADJ) | (pos == NOUN)) & (columns[:, 1] == 0) & (columns[:, 2] != 1)
    indices = wanted.nonzero()[0].tolist()
    strings = doc.vocab.strings
    for i, orth in zip(indices, columns[indices, 3].tolist(), strict=True):
        text = strings[orth]
        if text[:1].isupper() and not text.isupper():
            names.append((i, i + 1, WORD))
    return names


def _other_name(doc: Any, start: int, end: int, label: str, gazetteer: Gazetteer,
                known: set[str]) -> Mention | None:
    """A mislabelled or unlabelled name, as a toponym when the text says it is a place."""
    start, end = _trimmed(doc, start, end)
    if start >= end:
        return None
    key = _place_key(doc[start:end].text)
    found = gazetteer.lookup_key(key)
    candidates = [c for c in found if c.own]
    if not candidates and label == WORD:
        return None
    locative = _word_before(doc, start) in (
        LOCATIVE if label in {"", WORD} else LOCATIVE_FOR_PEOPLE)
    place_noun = _place_noun_says_so(doc, start, end, label)
    if not candidates:
        # a name the gazetteer knows only in another spelling, or not at all: a place only
        # when a place noun says so ("the village of Sharifah", "Bemal village"), or a
        # person-looking name sits where only a place can ("inside Kafr Sousah", "near
        # Samarra"); "in NATO" keeps an organisation one
        if place_noun or (label in {"PERSON", "NORP", ""} and locative) or (
                label != "NORP" and _place_word_says_so(doc, start, end)
                and not (label == "ORG" and _named_after_place(doc, start, end, gazetteer))):
            return _mention(doc, start, end, found, label or "PROPN")
        return None
    after = doc[end : end + 2]
    place_follows = (len(after) == 2 and after[0].text == ","
                     and (after[1].ent_type_ in TOPONYM_LABELS or after[1].ent_type_ == ""))
    root = doc[start:end].root
    acted_on = root.dep_ == "dobj" and root.head.lemma_.lower() in PLACE_OBJECT_VERBS
    if (key in known or locative or place_noun or place_follows or acted_on
            or (label in {"ORG", "NORP"}
                and any(c.place.feature_code in COUNTRY_LIKE for c in candidates))):
        return _mention(doc, start, end, candidates, label or "PROPN")
    return None


def _named_after_place(doc: Any, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """"Mount Pleasant Police Department": an organisation that starts with a known place's
    name of two words or more."""
    return any(gazetteer.knows(_place_key(doc[start:stop].text))
               for stop in range(start + 2, end))


def _place_word_says_so(doc: Any, start: int, end: int) -> bool:
    """"Jabal Al-Akrad", "Kafr Nabuda", "Mount Vlasic": a name that starts with a word for a
    kind of place; "eastern Khattab": a lower-case direction before a name."""
    if end - start > 1 and doc[start].lower_ in PLACE_WORDS:
        return True
    return start > 0 and doc[start - 1].text in DIRECTION_WORDS


def _word_before(doc: Any, start: int) -> str:
    """The word before a name, past spaces and a direction ("in northern Aleppo")."""
    i = start - 1
    while i >= 0 and (doc[i].is_space or doc[i].lower_ in DIRECTIONS):
        i -= 1
    return doc[i].lower_ if i >= 0 else ""


def _trimmed(doc: Any, start: int, end: int) -> tuple[int, int]:
    """The name without a leading article or lower-case direction, or a trailing possessive
    or punctuation; empty when it does not start with a capital (a lower-case "metro" is no
    name)."""
    # "west Baghdad": a lower-case direction the parser put inside the entity is no part of
    # the name
    while start < end and (doc[start].text in LEADING or (
            doc[start].text.islower() and doc[start].lower_ in DIRECTIONS)):
        start += 1
    while end > start and (doc[end - 1].text in TRAILING or doc[end - 1].is_punct):
        end -= 1
    if start < end and not (doc[start].text[:1].isupper() or _arabic_article(doc, start, end)):
        return start, start
    return start, end


def _mentions_of(doc: Any, start: int, end: int, label: str, gazetteer: Gazetteer
                 ) -> Iterator[Mention]:
    """The toponym of a GPE, LOC or FAC entity, or those of its comma-separated parts."""
    start, end = _trimmed(doc, start, end)
    if start >= end:
        return
    candidates, start, end = _lookup(doc, start, end, gazetteer)
    if candidates or not any(doc[i].text == "," for i in range(start, end)):
        if doc[start:end].text.lower() not in DIRECTIONS:  # a bare "North" is no place
            yield _mention(doc, start, end, candidates, label)
        return
    part = start
    for i in range(start, end + 1):
        if i == end or doc[i].text == ",":
            yield from _mentions_of(doc, part, i, label, gazetteer)
            part = i + 1


def _arabic_article(doc: Any, start: int, end: int) -> bool:
    """"al-Bab", "el-Ain": a lower-case article joined to a capitalised name."""
    return ARABIC_ARTICLE.match(doc[start:end].text) is not None


def _lookup(doc: Any, start: int, end: int, gazetteer: Gazetteer
            ) -> tuple[list[Candidate], int, int]:
    """The candidates of doc[start:end], with the span of the name that was found. Failing
    the whole name: the name without a leading direction ("Northeast Georgia") or a trailing
    generic head ("Fargo City"), else a known place's own name at the start of an unknown one
    ("Henderson County Jail", "Vancouver International Airport")."""
    candidates = gazetteer.lookup_key(_place_key(doc[start:end].text))
    if candidates or end - start < 2:
        return candidates, start, end
    if doc[start].lower_ in DIRECTIONS:
        return _lookup(doc, start + 1, end, gazetteer)
    if doc[end - 1].lower_ in GENERIC_HEADS:
        found = gazetteer.lookup_key(_place_key(doc[start : end - 1].text))
        if found:
            return found, start, end - 1
    for stop in range(end - 1, start, -1):
        # "Al-Hasakah Governorate" does not start with a place "Al"
        article = doc[stop - 1].lower_ in ARTICLE_WORDS and doc[stop].text in HYPHENS
        if not doc[stop - 1].is_punct and not article:
            found = [c for c in gazetteer.lookup_key(_place_key(doc[start:stop].text))
                     if c.own]
            if found:
                return found, start, stop
    return [], start, end


def _mention(doc: Any, start: int, end: int, candidates: list[Candidate], label: str
             ) -> Mention:
    span = doc[start:end]
    return Mention(span.text, span.start_char, span.end_char, candidates[:MAX_CANDIDATES],
                   start, end - 1, label)


def _place_noun_says_so(doc: Any, start: int, end: int, label: str = "") -> bool:
    """"Bemal village", "Yarmouk Refugee Camp", "the town of Sirmeen", "districts of
    Al-Baghiliyah and X", "the capital Grozny", "Tbilisi's central streets". A "State" after
    an organisation or a nationality names a movement ("Islamic State"), not a place."""
    nouns = PLACE_NOUNS_AFTER_GROUPS if label in {"ORG", "NORP"} else PLACE_NOUNS
    if (end < len(doc) and doc[end].lower_ in nouns) or (
            end - start > 1 and doc[end - 1].lower_ in nouns) or (
            start > 0 and doc[start - 1].lower_ == "capital"):
        return True
    root = doc[start:end].root
    head = root.head
    if root.dep_ == "poss":
        return is_place_noun(head)
    if head.lower_ == "of" or head.dep_ == "conj":
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        if head.lower_ == "of":
            head = head.head
        return is_place_noun(head)
    return False


def is_place_noun(token: Any) -> bool:
    """Whether `token` is a noun that names a kind of place ("village", "districts")."""
    return token.lower_ in PLACE_NOUNS or token.lemma_.lower() in PLACE_NOUNS


def _link_lists(doc: Any, mentions: list[Mention]) -> None:
    """Mark "X, Y" pairs ("Alexandria, Louisiana"), where Y often says which X is meant."""
    for i in range(len(mentions) - 1):
        here, there = mentions[i], mentions[i + 1]
        gap = doc[here.last_token + 1 : there.first_token]
        if len(gap) == 1 and gap[0].text == ",":
            here.next_in_list = i + 1
