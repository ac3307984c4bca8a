from __future__ import annotations

from spacy.pipeline import Lemmatizer

from newsevents.nlp.lemmas import speed_up_lemmatizer
from newsevents.nlp.model import load_model

# Singular nouns and infinitives (base forms), plurals, irregular forms, contractions,
# exceptions the attribute_ruler sets, proper nouns and whitespace.
TEXTS = [
    "The mice were running while geese flew over the ministries; he'd've been better off.",
    "Rebels seized two towns and were shelling a third, the ministers said on Tuesday.",
    "Y'all ain't gonna believe it: nothin' is there.  \n\n Let's go, c'mon.",
    "Ukraine's forces retook Kherson; Russia's troops withdrew across the Dnipro.",
    "The mice were running while geese flew over the ministries; he'd've been better off.",
]


def _lemmas(docs: list) -> list[list[str]]:
    return [[t.lemma_ for t in doc] for doc in docs]


def test_lemmas_pipe_gives_spacys_lemmas() -> None:
    fast, stock = load_model(), load_model(stock=True)
    assert _lemmas(list(fast.pipe(TEXTS))) == _lemmas(list(stock.pipe(TEXTS)))
    # the second pass answers from what the first remembered
    assert _lemmas(list(fast.pipe(TEXTS))) == _lemmas([stock(text) for text in TEXTS])


def test_lemmas_the_loaded_model_uses_the_remembering_pipe() -> None:
    lemmatizer = load_model().get_pipe("lemmatizer")
    assert "pipe" in vars(lemmatizer)
    assert "pipe" not in vars(load_model(stock=True).get_pipe("lemmatizer"))


def test_lemmas_other_lemmatizer_modes_are_left_alone() -> None:
    import spacy

    nlp = spacy.blank("en")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert isinstance(lemmatizer, Lemmatizer)
    assert speed_up_lemmatizer(nlp) is False
    assert "pipe" not in vars(lemmatizer)
    assert speed_up_lemmatizer(spacy.blank("en")) is False


def test_lemmas_memory_stays_bounded_and_gives_the_same_lemmas() -> None:
    import importlib

    from newsevents.nlp.model import MODEL_PACKAGE

    nlp = importlib.import_module(MODEL_PACKAGE).load()  # a model of its own: the limit is 7
    assert speed_up_lemmatizer(nlp, limit=7) is True
    remembering = nlp.get_pipe("lemmatizer").pipe
    sizes = []
    lemmas = []
    for text in TEXTS * 2:
        lemmas += _lemmas(list(nlp.pipe([text])))
        sizes.append(len(remembering.known))
    assert max(sizes) <= 7, "the memory never holds more than its limit"
    assert min(sizes) < max(sizes), "it was emptied and filled again"
    assert len(nlp.get_pipe("lemmatizer").cache) <= 7, "spaCy's own memory is emptied too"
    stock = load_model(stock=True)
    assert lemmas == _lemmas([stock(text) for text in TEXTS * 2])
