"""The same lemmas as the model's rule lemmatizer, remembered per word form.

spaCy's English rule lemmatizer answers from its cache only after the rules ran; a base form
(every singular noun, every infinitive) skips the cache and rebuilds the token's morphology
as a dict each time, and every token goes through Python attribute access. Its answer
depends on the word, its part of speech and its morphology alone, so `speed_up_lemmatizer`
remembers it under those three (as `Doc.to_array` gives them) and writes a document's
lemmas in one `Doc.from_array`. A new combination is still lemmatized by spaCy itself.

The memory is bounded: new word forms keep coming in a long run (names, typos, numbers), so
past `MAX_REMEMBERED` combinations it starts again empty, and so does spaCy's own memory of
the lemmatizer's answers, which grows alongside. 839 news articles give about 30,000.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

MAX_REMEMBERED = 100_000


def speed_up_lemmatizer(nlp: Any, limit: int = MAX_REMEMBERED) -> bool:
    """Give the pipeline's rule lemmatizer the remembering `pipe`; False if left alone."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or lemmatizer.overwrite:
        return False
    # `nlp.pipe` calls the component's `pipe` (found on the instance first); `nlp(text)`
    # keeps spaCy's own `__call__`, which gives the same lemmas
    lemmatizer.pipe = RememberingLemmas(lemmatizer, nlp.vocab.strings, limit)
    return True


class RememberingLemmas:
    """The lemmatizer's `pipe`, remembering at most `limit` (word, POS, morphology) answers."""

    def __init__(self, lemmatizer: Any, strings: Any, limit: int) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.lemmatizer = lemmatizer
        self.strings = strings
        self.limit = limit
        self.known: dict[tuple[int, int, int], int] = {}  # (word, POS, morphology) -> lemma
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        self._columns = [ORTH, POS, MORPH, LEMMA]
        self._lemma = [LEMMA]

    def __call__(self, docs: Iterable[Any], **_: Any) -> Iterator[Any]:
        return (self.lemmatize(doc) for doc in docs)

    def forget(self) -> None:
        """Start again empty, rather than grow without end; spaCy's own memory of the
        lemmatizer's answers (which ours makes redundant) too."""
        self.known.clear()
        cache = getattr(self.lemmatizer, "cache", None)
        if isinstance(cache, dict):
            cache.clear()

    def lemmatize(self, doc: Any) -> Any:
        """Set the lemma of every token of `doc` that has none yet."""
        if len(doc) == 0:
            return doc
        known = self.known
        table = doc.to_array(self._columns)
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma == 0:  # the attribute_ruler's exceptions come first, as in spaCy
                key = (orth, pos, morph)
                lemma = known.get(key, 0)
                if lemma == 0:
                    lemma = int(self.strings.add(self.lemmatizer.lemmatize(doc[i])[0]))
                    if len(known) >= self.limit:
                        self.forget()
                    known[key] = lemma
                table[i, 3] = lemma
        doc.from_array(self._lemma, table[:, 3:].copy())
        return doc
