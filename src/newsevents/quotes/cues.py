"""The cue lexicon of quotes and attributions (`data/quotes/cues.json`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from newsevents.datafiles import non_empty_object, read_table

CUES_FILE = "cues.json"


@dataclass(frozen=True)
class Frames:
    """Cue verbs whose content is not a clause; see cues.json's notes."""

    object: frozenset[str]
    naming: frozenset[str]
    infinitive: frozenset[str]
    preposition: dict[str, frozenset[str]]

    @cached_property
    def verbs(self) -> frozenset[str]:
        """Every verb with a frame."""
        return self.object | self.naming | self.infinitive | frozenset(self.preposition)


@dataclass(frozen=True)
class Cues:
    """Lemmas that introduce quotes and attributions; see cues.json for each list."""

    speech: frozenset[str]
    thought: frozenset[str]
    evidence: frozenset[str]
    phrases: dict[str, str]  # "according to" -> the dependency of its source ("pobj")
    short_quote_words: int
    version: str
    frames: Frames
    nouns: dict[str, frozenset[str]]  # noun -> prepositions whose object is its content
    raising: frozenset[str]  # "seems to", "appears that": an impression without a source
    colon_labels: frozenset[str]  # "Update:", "Watch:": rubrics, not speakers before a colon
    records: frozenset[str]  # "in a poll, ...": what holds findings, the source of its clause
    adverbs: frozenset[str]  # "reportedly": a claim without a source
    stances: dict[str, frozenset[str]]  # "critical" -> prepositions whose object it is about
    light_verbs: frozenset[str]  # "made (no mention of)": verbs whose object noun is the cue
    light_nouns: dict[str, frozenset[str]]  # cue nouns only as the object of a light verb

    @cached_property
    def reporting(self) -> frozenset[str]:
        """Every verb that may attribute a reported clause."""
        return self.speech | self.thought | self.evidence

    @cached_property
    def cue_words(self) -> frozenset[str]:
        """Every word that may be the cue of an indirect attribution."""
        words = self.reporting | self.frames.verbs | frozenset(self.nouns) | self.raising
        nouns = frozenset(self.stances) | frozenset(self.light_nouns)
        return words | self.adverbs | nouns | {"in"}


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise ValueError(f"{CUES_FILE}: '{key}' must be a non-empty list")
    if not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{CUES_FILE}: '{key}' must hold non-empty strings")
    return frozenset(v.strip().lower() for v in value)


def _prepositions(table: dict[str, Any], name: str) -> dict[str, frozenset[str]]:
    """A word -> prepositions table (a word may list none: "eager" takes a clause)."""
    if not all(isinstance(v, list) for v in table.values()):
        raise ValueError(f"{CUES_FILE}: each entry of '{name}' must list its prepositions")
    return {k.lower(): frozenset(p.lower() for p in v) for k, v in table.items()}


def read_cues(directory: Path | None = None) -> Cues:
    """Read and check the cue table (the packaged one, or the one in `directory`)."""
    data = read_table("quotes", CUES_FILE, directory)
    phrases = non_empty_object(data, "phrases", CUES_FILE)
    short = data.get("short_quote_words")
    if not isinstance(short, int) or short < 0:
        raise ValueError(f"{CUES_FILE}: 'short_quote_words' must be a non-negative integer")
    frames = non_empty_object(data, "frames", CUES_FILE)
    preposition = non_empty_object(frames, "preposition", f"{CUES_FILE} frames")
    if not all(isinstance(v, list) and v for v in preposition.values()):
        raise ValueError(f"{CUES_FILE}: each preposition frame must list its prepositions")
    return Cues(
        nouns=_prepositions(non_empty_object(data, "nouns", CUES_FILE), "nouns"),
        frames=Frames(
            object=_words(frames, "object"),
            naming=_words(frames, "naming"),
            infinitive=_words(frames, "infinitive"),
            preposition=_prepositions(preposition, "preposition frames"),
        ),
        speech=_words(data, "speech"),
        thought=_words(data, "thought"),
        evidence=_words(data, "evidence"),
        raising=_words(data, "raising"),
        colon_labels=_words(data, "colon_labels"),
        records=_words(data, "records"),
        adverbs=_words(data, "adverbs"),
        stances=_prepositions(non_empty_object(data, "stances", CUES_FILE), "stances"),
        light_verbs=_words(data, "light_verbs"),
        light_nouns=_prepositions(non_empty_object(data, "light_nouns", CUES_FILE), "light_nouns"),
        phrases={" ".join(k.lower().split()): str(v) for k, v in phrases.items()},
        short_quote_words=short,
        version=data["version"],
    )


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """The packaged cue lexicon, read once per process."""
    return read_cues()
