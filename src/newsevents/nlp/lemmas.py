"""The same lemmas as the model's rule lemmatizer, remembered per word form.

spaCy's English rule lemmatizer answers from its cache only after the rules ran; a base form
(every singular noun, every infinitive) skips the cache and rebuilds the token's morphology
as a dict each time, and every token goes through Python attribute access. Its answer
depends on the word, its part of speech and its morphology alone, so `speed_up_lemmatizer`
remembers it under those three (as `Doc.to_array` gives them) and writes a document's
lemmas in one `Doc.from_array`. A new combination is still lemmatized by spaCy itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


def speed_up_lemmatizer(nlp: Any) -> bool:
    """Give the pipeline's rule lemmatizer the remembering `pipe`; False if left alone."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    from spacy.attrs import LEMMA, MORPH, ORTH, POS

    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or lemmatizer.overwrite:
        return False
    strings = nlp.vocab.strings
    known: dict[tuple[int, int, int], int] = {}  # (word, POS, morphology) -> lemma hash

    def lemmatize(doc: Any) -> Any:
        if len(doc) == 0:
            return doc
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma == 0:  # the attribute_ruler's exceptions come first, as in spaCy
                key = (orth, pos, morph)
                lemma = known.get(key, 0)
                if lemma == 0:
                    lemma = int(strings.add(lemmatizer.lemmatize(doc[i])[0]))
                    known[key] = lemma
                table[i, 3] = lemma
        doc.from_array([LEMMA], table[:, 3:].copy())
        return doc

    def pipe(docs: Iterable[Any], **_: Any) -> Iterator[Any]:
        return (lemmatize(doc) for doc in docs)

    # `nlp.pipe` calls the component's `pipe` (found on the instance first); `nlp(text)`
    # keeps spaCy's own `__call__`, which gives the same lemmas
    lemmatizer.pipe = pipe
    return True
