"""Lexical similarity of two reports' evidence sentences (TF-IDF cosine over content words).

Paraphrases of one event keep its names, places, numbers and key nouns while the function
words change, so content words weighted by how rare they are among all the mentions compared
separate "the same attack, told twice" from "another attack by the same army". Words that say
nothing about which event is meant (function words, verbs of saying, weekdays) are listed in
`data/dedup/stopwords.json`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

from newsevents.datafiles import read_table

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_POSSESSIVE = re.compile(r"['’]s$")
_SUFFIXES = ("ing", "ed", "es", "s")

Vector = dict[str, float]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The packaged stopword list; an empty or malformed list is an error at load time."""
    data = read_table("dedup", "stopwords.json")
    words = data.get("stopwords")
    if not isinstance(words, list) or not words or not all(isinstance(w, str) for w in words):
        raise ValueError("stopwords.json: 'stopwords' must be a non-empty list of strings")
    return frozenset(w.lower() for w in words)


@lru_cache(maxsize=1 << 16)  # a store's vocabulary repeats: strip each word once
def stem(word: str) -> str:
    """A crude suffix strip, enough to meet 'attacked', 'attacks' and 'attack' in one term."""
    word = _POSSESSIVE.sub("", word)
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def terms(text: str) -> list[str]:
    """Stemmed content words of `text`, in order.

    >>> terms("Russian troops attacked the port of Odesa on Tuesday")
    ['russian', 'troop', 'attack', 'port', 'odesa']
    """
    stop = stopwords()
    words = (w.lower() for w in _WORD.findall(text))
    return [stem(w) for w in words if w not in stop]


def idf_table(df: Mapping[str, int], n: int) -> dict[str, float]:
    """Inverse document frequency from how many of the `n` documents hold each word (`df`),
    smoothed so that it stays positive for tiny collections."""
    return {word: math.log(1 + n / count) for word, count in df.items()}


def unit(weights: Vector) -> Vector:
    """`weights` scaled to length 1 (empty stays empty)."""
    norm = math.sqrt(sum(v * v for v in weights.values()))
    return {w: v / norm for w, v in weights.items()} if norm else {}


def vector(words: list[str], idf: Mapping[str, float]) -> Vector:
    """Unit-length TF-IDF vector of `words` (empty when there are none)."""
    return unit({w: count * idf.get(w, 1.0) for w, count in Counter(words).items()})


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())
