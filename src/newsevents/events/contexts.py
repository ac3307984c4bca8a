"""PLOVER contexts of a sentence, from the cue lemmas in `data/lexicon/contexts.json`."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from newsevents.datafiles import read_table

_MAX_PHRASE = 3  # longest cue phrase, in words


@lru_cache(maxsize=1)
def load_contexts() -> dict[str, str]:
    """cue lemma phrase -> context; a malformed or empty table is an error."""
    data = read_table("lexicon", "contexts.json")
    table = data.get("contexts")
    if not data.get("version") or not isinstance(table, dict) or not table:
        raise ValueError("contexts.json: needs a version and a non-empty 'contexts' object")
    cues: dict[str, str] = {}
    for context, words in table.items():
        if not isinstance(words, list) or not words:
            raise ValueError(f"contexts.json: context {context!r} has no cue words")
        for word in words:
            if len(word.split()) > _MAX_PHRASE:
                raise ValueError(f"contexts.json: cue {word!r} is longer than {_MAX_PHRASE} words")
            cues[word.lower()] = context
    return cues


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """The words cue phrases start with: a phrase is looked up only where one of them is."""
    return frozenset(cue.split()[0] for cue in load_contexts())


def sentence_contexts(sent: Any) -> list[str]:
    """Contexts whose cues occur in the sentence (lemmas and lowercased words), in text order."""
    cues = load_contexts()
    first_words = _first_words()
    kept = [t for t in sent if not t.is_punct]
    words = [t.lemma_.lower() for t in kept]
    lowers = [t.lower_ for t in kept]
    found: list[str] = []
    for seq in (words, lowers):
        for n in range(1, _MAX_PHRASE + 1):
            for i in range(len(seq) - n + 1):
                if seq[i] not in first_words:
                    continue
                context = cues.get(" ".join(seq[i : i + n]))
                if context is not None and context not in found:
                    found.append(context)
    return found
