"""Grouping mentions into events at scale: exact copies collapsed, pairs blocked by participant.

The rules of `cluster.py` decide which two mentions may be one event; this module decides
which pairs are looked at, and keeps little of each mention while it does:
- a mention is kept as its evidence terms (no sentence) and what the rules compare; mentions
  that agree on all of that (the same story carried by many outlets, a wire copy) are kept
  once, with their count: the count weighs them in the rarity of words and in the evidence
  of their group, as the copies would, and a copy's pair with itself always holds, so
  the result is the one of comparing every copy;
- the rarity of words (IDF) is measured within the type and modality, so the words every
  report of the type uses ("met", "talks" for CONSULT) weigh little and what tells one event
  from another weighs most;
- a mention that can never join a group stays alone without being compared: its date spans
  more than twice the window (a month- or year-precision date), it names no participant, or
  its evidence has no content word;
- mentions are compared only within one type and modality, and only when they share a block:
  a participant of one slot (the actor or the recipient; either slot for symmetric types),
  known by its country (or by name for a generic organisation). The rules ask for a shared
  participant, and two keys that can be one actor ("RUS", "RUS/vladimir putin") share the
  country, so no pair the rules could accept is missed. A pair sharing several blocks is
  compared once, in the first of them.
Within a block, a date-sorted sweep keeps the mentions within the window. When a block holds
more than `max_neighbours` mentions within one window (a pathological block: one country's
statements of one type in a few days of a very large store), a mention is compared with the
`max_neighbours` nearest in date only; pairs further apart are then found only through
another block they share. Pairs are joined most similar first, exactly as in `cluster.py`.
"""

from __future__ import annotations

import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

from newsevents.dedup.cluster import (
    SYMMETRIC_TYPES,
    DedupParams,
    Group,
    Mention,
    Place,
    participants_compatible,
    places_compatible,
    within_window,
)
from newsevents.dedup.similarity import Vector, cosine, idf_table, terms, vector

_ALONE = -1  # the item of a mention that can join no group
_SELF_SIMILARITY = 0.999  # below what a vector's cosine with itself is, rounding included
T = TypeVar("T")


@dataclass(slots=True)
class _Item:
    """One or more mentions that agree on everything the rules compare."""

    mention: Mention  # the first of them, its evidence left out
    words: tuple[str, ...]  # evidence terms, participants' words left out
    keys: frozenset[str]  # the blocks it belongs to
    count: int = 1
    first: int = 0  # rank of its first mention in the input order (set by `labels`)


class Clusterer:
    """Takes mentions one at a time, keeps them compactly, then groups them: `add` each
    mention, then `labels(ranks)` gives each mention's group."""

    def __init__(self, params: DedupParams | None = None) -> None:
        self.params = params or DedupParams()
        self._items: list[_Item] = []
        self._item_of = array("q")  # per mention: its item, or _ALONE
        self._index: dict[tuple[object, ...], int] = {}
        # per (type, modality): how many dated mentions hold each word, and how many there are
        self._df: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        self._dated: Counter[tuple[str, str]] = Counter()
        self._shared: dict[Any, Any] = {}  # one copy of equal values (sets, places)

    def __len__(self) -> int:
        return len(self._item_of)

    def _one(self, value: T) -> T:
        return self._shared.setdefault(value, value)

    def add(self, m: Mention) -> None:
        """Take the next mention (its position is the number taken before it)."""
        words = [sys.intern(t) for t in terms(m.evidence) if t not in m.names]
        if m.start is not None:
            partition = (m.type, m.modality)
            self._dated[partition] += 1
            self._df[partition].update(set(words))
        if not self._can_join(m, words):
            self._item_of.append(_ALONE)
            return
        key: tuple[object, ...] = (m.type, m.modality, m.actors, m.recipients, m.start, m.end,
                                   m.place, *sorted(words))  # fmt: skip
        if self.params.min_similarity > _SELF_SIMILARITY:
            key = (len(self._item_of),)  # a copy might not pass: never collapse
        found = self._index.get(key)
        if found is not None:
            self._items[found].count += 1
            self._item_of.append(found)
            return
        compact = Mention(
            id="", doc_id="", type=sys.intern(m.type), modality=sys.intern(m.modality),
            actors=self._one(m.actors), recipients=self._one(m.recipients),
            start=m.start, end=m.end, evidence="", place=self._one(m.place) if m.place else None,
        )  # fmt: skip
        self._index[key] = len(self._items)
        self._item_of.append(len(self._items))
        self._items.append(_Item(compact, tuple(words), block_keys(m)))

    def _can_join(self, m: Mention, words: list[str]) -> bool:
        """False for a mention the rules keep alone whatever else is in the store."""
        if m.start is None or m.end is None or not (m.actors or m.recipients):
            return False
        if (m.end - m.start).days > 2 * self.params.window_days:
            return False  # a group never spans more than twice the window
        return bool(words) or self.params.min_similarity <= 0

    def labels(self, ranks: Sequence[int] | None = None) -> array[int]:
        """Per mention, the rank of the first mention of its group (equal labels: one event).

        `ranks` gives each mention's place in the input order that breaks ties (by default
        the order they were added in).
        """
        rank = ranks if ranks is not None else range(len(self._item_of))
        for item in self._items:
            item.first = len(self._item_of)
        for position, item_index in enumerate(self._item_of):
            if item_index != _ALONE:
                item = self._items[item_index]
                item.first = min(item.first, rank[position])
        by_partition: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, item in enumerate(self._items):
            by_partition[(item.mention.type, item.mention.modality)].append(i)
        root_first = array("q", (item.first for item in self._items))
        for partition, members in by_partition.items():
            for root, member in self._cluster(partition, members):
                root_first[member] = self._items[root].first
        return array("q", (rank[p] if i == _ALONE else root_first[i]
                           for p, i in enumerate(self._item_of)))  # fmt: skip

    def _vectors(self, partition: tuple[str, str], members: list[int]) -> dict[int, Vector]:
        idf = idf_table(self._df[partition], self._dated[partition])
        return {i: vector(list(self._items[i].words), idf) for i in members}

    def _cluster(self, partition: tuple[str, str], members: list[int]) -> list[tuple[int, int]]:
        """(root, member) of every item of one type and modality, most similar joined first."""
        vectors = self._vectors(partition, members)
        items = self._items
        parent = {i: i for i in members}
        groups = {}
        for i in members:
            group = Group.of(items[i].mention)
            group.evidence = {w: v * items[i].count for w, v in vectors[i].items()}
            groups[i] = group

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for _, i, j in self._pairs(members, vectors):
            ri, rj = find(i), find(j)
            if ri != rj and groups[ri].agrees(groups[rj], self.params):
                keep, drop = sorted((ri, rj), key=lambda k: items[k].first)
                parent[drop] = keep
                groups[keep].merge(groups.pop(drop))
        return [(find(i), i) for i in members]

    def _pairs(
        self, members: list[int], vectors: dict[int, Vector]
    ) -> list[tuple[float, int, int]]:
        """(similarity, i, j) of the pairs that pass every rule, most similar first (ties in
        input order)."""
        items, params = self._items, self.params
        blocks: dict[str, list[int]] = defaultdict(list)
        for i in members:
            for key in items[i].keys:
                blocks[key].append(i)
        window = timedelta(days=params.window_days)
        pairs = []
        for key, block in blocks.items():
            block.sort(key=lambda i: (items[i].mention.start, items[i].first))
            active: list[int] = []  # earlier members whose period ends within the window
            for i in block:
                mi = items[i].mention
                start: date = mi.start  # type: ignore[assignment]
                active = [j for j in active if items[j].mention.end >= start - window]  # type: ignore[operator]
                for j in active[-params.max_neighbours :]:
                    if min(items[i].keys & items[j].keys) != key:
                        continue  # compared in the first block they share
                    mj = items[j].mention
                    if (
                        within_window(mi, mj, params.window_days)
                        and participants_compatible(
                            mi.type, (mi.actors, mi.recipients), (mj.actors, mj.recipients)
                        )
                        and places_compatible(mi.place, mj.place, params.max_km)
                    ):
                        similarity = cosine(vectors[i], vectors[j])
                        if similarity >= params.min_similarity:
                            a, b = sorted((i, j), key=lambda k: items[k].first)
                            pairs.append((similarity, a, b))
                active.append(i)
        pairs.sort(key=lambda p: (-p[0], items[p[1]].first, items[p[2]].first))
        return pairs


def block_keys(m: Mention) -> frozenset[str]:
    """The participant blocks of a mention: "slot|who", or "who" for symmetric types, where
    who is the country of a key (or the whole key of an actor known by name)."""
    symmetric = m.type in SYMMETRIC_TYPES
    slots = (("a", m.actors), ("r", m.recipients))
    return frozenset(
        who if symmetric else f"{slot}|{who}"
        for slot, keys in slots
        for who in (key.partition("/")[0] for key in keys)
    )


def cluster(mentions: Sequence[Mention], params: DedupParams | None = None) -> list[list[int]]:
    """Groups of indices into `mentions`, one group per real event, each in input order."""
    clusterer = Clusterer(params)
    for m in mentions:
        clusterer.add(m)
    members: dict[int, list[int]] = defaultdict(list)
    for position, label in enumerate(clusterer.labels()):
        members[label].append(position)
    return sorted(members.values(), key=lambda g: g[0])


__all__ = ["Clusterer", "Place", "block_keys", "cluster"]
